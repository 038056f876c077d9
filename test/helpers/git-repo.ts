import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A committer identity, so `git commit` works in a bare test environment. */
export const GIT_IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } as const;

export type Git = (cwd: string, args: string[]) => string;

/** `git ARGS…` in `cwd` with `env` (argv only, no shell); its trimmed stdout. */
export function gitWith(env: NodeJS.ProcessEnv): Git {
  return (cwd, args) => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
}

/**
 * The main checkout of a fresh repository at `dir`: `files` written, committed on branch `main`.
 * Worktrees are then added with `git(dir, ['worktree', 'add', …])`.
 */
export function initRepo(dir: string, files: Record<string, string>, git: Git): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [f, t] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), t);
  }
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'init']);
}
