import path from 'node:path';
import { run } from './process.js';

/** Where this checkout sits in git, for worktree leases (TRAPS "git worktrees"). */
export interface GitInfo {
  /** This worktree's top folder. */
  worktree: string;
  /** The common git dir every worktree of the repository shares. */
  commonDir: string;
  /** The branch, or null on a detached HEAD (then identify it by `commit`). */
  branch: string | null;
  commit: string;
  /** Every worktree git knows (the main one first). */
  worktrees: string[];
  /** Each worktree's branch (null: detached) and commit, as git lists them. */
  heads: Record<string, { branch: string | null; commit: string }>;
}

/** `git worktree list --porcelain` → each worktree's branch and commit. */
export function parseWorktreeList(text: string): Record<string, { branch: string | null; commit: string }> {
  const out: Record<string, { branch: string | null; commit: string }> = {};
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n');
    const wt = lines.find((l) => l.startsWith('worktree '))?.slice('worktree '.length);
    if (!wt) continue;
    const ref = lines.find((l) => l.startsWith('branch '))?.slice('branch '.length);
    out[wt] = { branch: ref ? ref.replace(/^refs\/heads\//, '') : null, commit: lines.find((l) => l.startsWith('HEAD '))?.slice('HEAD '.length) ?? '' };
  }
  return out;
}

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const r = await run('git', args, { cwd, timeoutMs: 10_000 });
    return r.code === 0 ? r.stdout.trim() : undefined;
  } catch {
    return undefined; // git not installed: no leases
  }
}

/** undefined outside a git repository (no leases there). */
export async function gitInfo(cwd: string): Promise<GitInfo | undefined> {
  const top = await git(cwd, ['rev-parse', '--show-toplevel', '--git-common-dir']);
  if (!top) return undefined;
  const [worktree, common] = top.split('\n');
  if (!worktree || !common) return undefined;
  const [branch, commit, list] = await Promise.all([
    git(cwd, ['symbolic-ref', '-q', '--short', 'HEAD']),
    git(cwd, ['rev-parse', 'HEAD']),
    git(cwd, ['worktree', 'list', '--porcelain']),
  ]);
  const worktrees = (list ?? '').split('\n').filter((l) => l.startsWith('worktree ')).map((l) => l.slice('worktree '.length));
  return { worktree, commonDir: path.resolve(cwd, common), branch: branch || null, commit: commit ?? 'unknown', worktrees, heads: parseWorktreeList(list ?? '') };
}
