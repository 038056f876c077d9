import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIT_IDENTITY, gitWith, initRepo } from '../helpers/git-repo.js';
import { cleanEnv, run, runCli, type RunResult } from '../helpers/cli.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/** Issue 5 with real `git worktree add`: leases, owners, refusals, orphans and prune. */
const NAME = 'devslot-wt';
const FILES: Record<string, string> = {
  'devslot.yaml': `name: ${NAME}\nslots: 6\ncompose:\n  files: [compose.yml]\n`,
  'compose.yml': 'services:\n  web:\n    image: busybox:1.35\n    command: ["httpd", "-f", "-p", "80", "-h", "/"]\n    init: true\n    ports: ["127.0.0.1:22080:80"]\n',
};

interface LsRow { slot: number; state: string; owner: { worktree: string; branch: string | null; commit: string } | null }

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('slots that follow git worktrees', () => {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-wt-')));
  const main = path.join(base, 'main');
  const wt = (n: number) => path.join(base, `wt${n}`);
  const env = cleanEnv({ PM2_HOME: path.join(base, 'pm2'), ...GIT_IDENTITY });
  const git = gitWith(env);
  const cli = (cwd: string, args: string[]): Promise<RunResult> => runCli(args, { cwd, env, timeoutMs: 120_000 });
  const json = async (cwd: string, args: string[]) => {
    const r = await cli(cwd, [...args, '--json']);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  const slotOf = async (cwd: string) => (await json(cwd, ['info'])).slot as number;
  const running = async (slot: number) => (await run('docker', ['ps', '-q', '--filter', `label=com.docker.compose.project=${NAME}-dev-${slot}`], { env })).stdout.trim() !== '';

  beforeAll(() => {
    initRepo(main, FILES, git);
  });
  afterAll(async () => {
    for (const dir of [main, wt(1), wt(2), wt(3)]) if (fs.existsSync(dir)) await cli(dir, ['clean', 'all', '--yes']);
    await cli(main, ['prune', '--yes']);
    fs.rmSync(base, { recursive: true, force: true });
  }, 180_000);

  it('uses slot 0 with no lease in a plain folder and in a repository without worktrees', async () => {
    const plain = path.join(base, 'plain');
    fs.mkdirSync(plain);
    for (const [f, t] of Object.entries(FILES)) fs.writeFileSync(path.join(plain, f), t);
    expect(await slotOf(plain)).toBe(0);
    expect(await slotOf(main)).toBe(0);
    expect(fs.existsSync(path.join(main, '.git/devslot'))).toBe(false);
    fs.rmSync(plain, { recursive: true });
  });

  it('gives two worktrees started at the same moment different slots, and says which', async () => {
    git(main, ['worktree', 'add', '-q', wt(1), '-b', 'feat-1']);
    git(main, ['worktree', 'add', '-q', wt(2), '-b', 'feat-2']);
    git(main, ['worktree', 'add', '-q', '--detach', wt(3)]);
    const [a, b] = await Promise.all([cli(wt(1), ['start']), cli(wt(2), ['start'])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.stderr).toMatch(/leased slot \d to this worktree \(branch feat-1\)/);
    expect(b.stderr).toMatch(/leased slot \d to this worktree \(branch feat-2\)/);
    const [s1, s2] = [await slotOf(wt(1)), await slotOf(wt(2))];
    expect(s1).not.toBe(s2);
    expect(await running(s1)).toBe(true);
    expect(await running(s2)).toBe(true);
  }, 180_000);

  it('keeps the same slot across commands', async () => {
    const s1 = await slotOf(wt(1));
    for (const args of [['ports'], ['status'], ['info']]) {
      const r = await cli(wt(1), [...args, '--json']);
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(/leased slot/);
    }
    expect(await slotOf(wt(1))).toBe(s1);
    expect((await json(wt(1), ['ports'])).web).toBe(22080 + s1 * 100);
  });

  it("refuses a slot leased to another worktree, naming its owner; a worktree may hold a second slot", async () => {
    const s1 = await slotOf(wt(1));
    const r = await cli(wt(3), ['start', String(s1)]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`devslot: slot ${s1} is leased to ${wt(1)} (branch feat-1); use this worktree's own slot (no number), or --force to take it over`);
    // Issue 15: a free slot given explicitly is accepted and leased too; the default stays the first.
    const other = (s1 + 4) % 6;
    const mine = await cli(wt(1), ['init', String(other)]);
    expect(mine.code, mine.stderr).toBe(0);
    const registry = JSON.parse(fs.readFileSync(path.join(main, '.git/devslot/leases.json'), 'utf8')) as { projects: Record<string, { slot: number; worktree: string }[]> };
    expect(registry.projects[NAME]!.filter((l) => l.worktree === wt(1)).map((l) => l.slot)).toEqual([s1, other].sort((a, b) => a - b));
    expect(await slotOf(wt(1))).toBe(Math.min(s1, other));
  });

  it('leases to a detached HEAD by commit, and lists owners', async () => {
    const registry = path.join(main, '.git/devslot/leases.json');
    const before = fs.readFileSync(registry, 'utf8');
    const dry = await cli(wt(3), ['start', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).not.toMatch(/leased slot/);
    expect(fs.readFileSync(registry, 'utf8')).toBe(before); // a dry run leases nothing
    const r = await cli(wt(3), ['init']);
    expect(r.code, r.stderr).toBe(0);
    const commit = git(wt(3), ['rev-parse', 'HEAD']);
    expect(r.stderr).toContain(`to this worktree (detached at ${commit.slice(0, 12)})`);
    const ls = (await json(main, ['ls'])).slots as LsRow[];
    // The lowest slot each worktree owns (wt1 holds a second, initialized slot).
    const owners = Object.fromEntries([...ls].reverse().map((row) => [row.owner?.worktree ?? '-', row]));
    expect(new Set(ls.map((row) => row.slot)).size).toBe(ls.length);
    expect(owners[wt(1)]).toMatchObject({ state: 'running', owner: { branch: 'feat-1' } });
    expect(owners[wt(2)]).toMatchObject({ state: 'running', owner: { branch: 'feat-2' } });
    expect(owners[wt(3)]).toMatchObject({ state: 'stopped', owner: { branch: null, commit } });
  }, 60_000);

  it('reports a removed worktree as orphaned, and prune --yes cleans it up while live slots keep running', async () => {
    const [s1, s2] = [await slotOf(wt(1)), await slotOf(wt(2))];
    git(main, ['worktree', 'remove', '--force', wt(2)]);
    const ls = (await json(wt(1), ['ls'])).slots as LsRow[];
    expect(ls.find((row) => row.slot === s2)).toMatchObject({ state: 'orphaned', owner: { worktree: wt(2) } });
    const dry = await json(wt(1), ['prune']);
    expect(dry).toMatchObject({ removed: false, orphans: [{ slot: s2, root: wt(2), containers: 1 }] });
    expect(await running(s2)).toBe(true);
    const done = await json(wt(1), ['prune', '--yes']);
    expect(done).toMatchObject({ removed: true, orphans: [{ slot: s2 }] });
    expect(await running(s2)).toBe(false);
    expect(await running(s1)).toBe(true);
    expect(((await json(main, ['ls'])).slots as LsRow[]).some((row) => row.state === 'orphaned')).toBe(false);
  }, 120_000);

  it('release stops this worktree\'s slot and frees it; --force takes a slot over', async () => {
    const s1 = await slotOf(wt(1));
    const s3 = await slotOf(wt(3));
    const taken = await cli(wt(3), ['start', String(s1), '--force']);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stderr).toContain(`took slot ${s1} over from ${wt(1)}: stopped it there first`);
    expect(await running(s1)).toBe(true);
    const owners = ((await json(main, ['ls'])).slots as LsRow[]).filter((row) => row.slot === s1);
    expect(owners.map((row) => row.owner?.worktree)).toEqual([wt(3)]);
    const released = await json(wt(3), ['release']);
    expect(released).toEqual({ released: [s1, s3].sort((a, b) => a - b) }); // every slot it holds
    expect(await running(s1)).toBe(false);
    // Without a lease, release leases nothing (it must not take a free slot just to give it back).
    const again = await cli(wt(3), ['release']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('this worktree leases no slot: nothing to release\n');
    expect(again.stderr).not.toContain('leased');
  }, 180_000);
});
