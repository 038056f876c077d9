import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIT_IDENTITY, gitWith, initRepo } from '../helpers/git-repo.js';
import { cleanEnv, run, runCli, type RunResult } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Issue 11, defect 6: a slot started from the main checkout before the repository had other
 * worktrees has no lease. A new worktree must not lease it, and the main checkout must still be
 * able to stop and start its own slot.
 */
const NAME = 'ds-own-lease';
const FILES: Record<string, string> = {
  'devslot.yaml': `name: ${NAME}\nslots: 4\ncompose:\n  files: [compose.yml]\n`,
  'compose.yml': 'services:\n  box:\n    image: busybox:1.35\n    command: ["sleep", "3600"]\n    init: true\n',
};

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('a running slot without a lease', () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home, ...GIT_IDENTITY });
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ds-own-lease-')));
  const main = path.join(base, 'main');
  const wt = path.join(base, 'wt');
  const git = gitWith(env);
  const cli = (cwd: string, args: string[]): Promise<RunResult> => runCli(args, { cwd, env, timeoutMs: 90_000 });
  /** Running containers of one slot, with the root they are labelled with. */
  const running = async (slot: number) =>
    (await run('docker', ['ps', '--filter', `label=com.docker.compose.project=${NAME}-dev-${slot}`, '--format', '{{.Label "dev.devslot.root"}}'], { env })).stdout.trim().split('\n').filter(Boolean);

  beforeAll(() => {
    initRepo(main, FILES, git);
  });
  afterAll(async () => {
    for (const dir of [wt, main]) if (fs.existsSync(dir)) await cli(dir, ['clean', 'all', '--yes']);
    await pm2.kill();
    fs.rmSync(base, { recursive: true, force: true });
  }, 120_000);

  it('a new worktree takes another slot; the main checkout can stop 0 and start 0 again', async () => {
    const first = await cli(main, ['start', '--timeout', '30']);
    expect(first.code, first.stderr).toBe(0);
    expect(await running(0)).toEqual([main]);

    git(main, ['worktree', 'add', '-q', wt, '-b', 'feature']);
    const second = await cli(wt, ['start', '--timeout', '30']);
    expect(second.code, second.stderr).toBe(0);
    const leased = /leased slot (\d+) to this worktree/.exec(second.stderr);
    expect(leased?.[1], second.stderr).toBeDefined();
    const slot = Number(leased![1]);
    expect(slot).not.toBe(0);
    expect(await running(slot)).toEqual([wt]);
    expect(await running(0)).toEqual([main]);

    const stop = await cli(main, ['stop', '0']);
    expect(stop.code, stop.stderr).toBe(0);
    expect(await running(0)).toEqual([]);
    const again = await cli(main, ['start', '0', '--timeout', '30']);
    expect(again.code, again.stderr).toBe(0);
    expect(await running(0)).toEqual([main]);
    expect(await running(slot)).toEqual([wt]);

    // The worktree cannot stop the main checkout's slot (it is leased to main now: it acted on it).
    const taken = await cli(wt, ['stop', '0']);
    expect(taken.code).toBe(2);
    expect(await running(0)).toEqual([main]);
  }, 240_000);

  it("refuses another worktree an explicit slot a checkout runs without a lease, naming it", async () => {
    // Drop main's lease, as before the repository had worktrees: slot 0 runs from main, unleased.
    const registry = path.join(main, '.git/devslot/leases.json');
    const reg = JSON.parse(fs.readFileSync(registry, 'utf8')) as { projects: Record<string, { worktree: string }[]> };
    reg.projects[NAME] = reg.projects[NAME]!.filter((l) => l.worktree !== main);
    fs.writeFileSync(registry, JSON.stringify(reg));
    const other = path.join(base, 'other');
    git(main, ['worktree', 'add', '-q', '--detach', other]);
    const taken = await cli(other, ['start', '0']);
    expect(taken.code).toBe(2);
    expect(taken.stderr.trim()).toBe(`devslot: slot 0 is in use by ${main} (a checkout of this repository, running it without a lease); use this worktree's own slot (no number), or --force to take it over`);
    expect(await running(0)).toEqual([main]);
  }, 240_000);
});
