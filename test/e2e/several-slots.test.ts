import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, run, runCli, type RunResult } from '../helpers/cli.js';
import { exampleCopy } from '../helpers/example.js';
import { GIT_IDENTITY, gitWith, initRepo } from '../helpers/git-repo.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Issue 15 with real `git worktree add` and the real engine: several slots per checkout, no lease
 * from a read-only command, an automatic choice around ports a foreign process holds, ls once per
 * slot, and one state vocabulary in status.
 */
const NAME = 'h15-slots';
const WEB = 30080; // slot N publishes WEB + N × 100: 30080…30580
const FILES: Record<string, string> = {
  'devslot.yaml': `name: ${NAME}\nslots: 6\ncompose:\n  files: [compose.yml]\nurls:\n  web: /index.html\n`,
  'compose.yml': `services:\n  web:\n    image: busybox:1.35\n    command: ["httpd", "-f", "-p", "80", "-h", "/"]\n    init: true\n    ports: ["127.0.0.1:${WEB}:80"]\n`,
};

interface Service { name: string; kind: string; state: string; native: string | null; health: string; url: string | null }
interface LsRow { slot: number; state: string; owner: { worktree: string; branch: string | null } | null; checkouts: { worktree: string; branch: string | null; lease: boolean }[] }

/** A process that is not devslot's, listening on a port (as another stack or a local service would). */
function holdPort(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${port}, '127.0.0.1', () => console.log('ready'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`port ${port}: listener not ready in 10 s`)), 10_000);
    child.stdout!.once('data', () => {
      clearTimeout(timer);
      resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`port ${port}: listener exited with ${code}`)));
  });
}

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('several slots per checkout (issue 15)', () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home, ...GIT_IDENTITY });
  const git = gitWith(env);
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'h15-slots-')));
  const main = path.join(base, 'main');
  const wtA = path.join(base, 'wt-a');
  const wtB = path.join(base, 'wt-b');
  const registry = path.join(main, '.git/devslot/leases.json');
  const cli = (cwd: string, args: string[]): Promise<RunResult> => runCli(args, { cwd, env, timeoutMs: 120_000 });
  const ok = async (cwd: string, args: string[]) => {
    const r = await cli(cwd, args);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r;
  };
  const running = async (slot: number) => (await run('docker', ['ps', '--filter', `label=com.docker.compose.project=${NAME}-dev-${slot}`, '--format', '{{.Label "dev.devslot.root"}}'], { env })).stdout.trim().split('\n').filter(Boolean);

  beforeAll(() => {
    initRepo(main, FILES, git);
    git(main, ['worktree', 'add', '-q', wtA, '-b', 'feat-a']);
    git(main, ['worktree', 'add', '-q', wtB, '-b', 'feat-b']);
  });
  afterAll(async () => {
    for (const dir of [wtA, wtB, main]) if (fs.existsSync(dir)) await cli(dir, ['clean', 'all', '--yes']);
    await pm2.kill();
    fs.rmSync(base, { recursive: true, force: true });
  }, 180_000);

  it('the main checkout starts 1 and 2 with worktrees present; a worktree gets a free slot; 2 is refused there naming main', async () => {
    await ok(main, ['start', '1', '--timeout', '30']);
    await ok(main, ['start', '2', '--timeout', '30']);
    const all = JSON.parse((await ok(main, ['status', 'all', '--json'])).stdout) as { slots: { slot: number; services: Service[] }[] };
    // Only slots that exist: no rows of missing services for slots never started.
    expect(all.slots.map((s) => s.slot)).toEqual([1, 2]);
    for (const s of all.slots) {
      // A container without a healthcheck is running, not healthy; the URL path comes from devslot.yaml.
      expect(s.services).toEqual([{ name: 'web', kind: 'container', state: 'running', native: 'running', health: 'none', ports: [WEB + s.slot * 100], url: `http://localhost:${WEB + s.slot * 100}/index.html` }]);
    }
    const a = await ok(wtA, ['start', '--timeout', '30']);
    expect(a.stderr).toContain('leased slot 0 to this worktree (branch feat-a)');
    expect(await running(0)).toEqual([wtA]);
    const refused = await cli(wtA, ['2', 'start']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(`devslot: slot 2 is leased to ${main} (branch main); use this worktree's own slot (no number), or --force to take it over`);
    expect(await running(2)).toEqual([main]);
    // The main checkout may still act on both of its slots.
    await ok(main, ['restart', '1', '--timeout', '30']);
  }, 240_000);

  it('read-only commands and dry runs in a fresh worktree leave the registry byte for byte as it was', async () => {
    const before = fs.readFileSync(registry);
    for (const args of [['info'], ['info', '--json'], ['ports'], ['env'], ['status'], ['status', '--json'], ['ls'], ['ls', '--json'], ['logs', '--no-follow'], ['check'], ['start', '--dry-run'], ['3', 'start', '--dry-run'], ['stop', '--dry-run'], ['1', 'info']]) {
      const r = await ok(wtB, args);
      expect(r.stderr, args.join(' ')).not.toMatch(/leased slot/);
    }
    expect(fs.readFileSync(registry).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(wtB, '.instances'))).toBe(false);
    const info = await ok(wtB, ['info', '--json']);
    expect(JSON.parse(info.stdout).slot).toBe(3);
    expect(info.stderr).toContain('this worktree holds no slot: info uses slot 3, the one `devslot start` would lease here (nothing is leased now)');
  }, 120_000);

  it('a default start passes by a slot whose port a foreign process holds, and says so', async () => {
    const holder = await holdPort(WEB + 300);
    try {
      const r = await ok(wtB, ['start', '--timeout', '30']);
      expect(r.stderr).toContain(`leased slot 4 to this worktree (branch feat-b); passed by slot 3 (port ${WEB + 300} (web) is in use by pid ${holder.pid} (`);
      expect(await running(4)).toEqual([wtB]);
      expect(await running(3)).toEqual([]);
    } finally {
      holder.kill();
    }
  }, 120_000);

  it('ls lists each of the 4 slots of 3 checkouts once, with its checkouts and branches', async () => {
    const rows = JSON.parse((await ok(wtA, ['ls', '--json'])).stdout).slots as LsRow[];
    expect(rows.map((r) => r.slot)).toEqual([0, 1, 2, 4]);
    expect(rows.map((r) => `${r.slot} ${r.state} ${r.owner?.worktree} ${r.owner?.branch}`)).toEqual([
      `0 running ${wtA} feat-a`,
      `1 running ${main} main`,
      `2 running ${main} main`,
      `4 running ${wtB} feat-b`,
    ]);
    for (const r of rows) expect(r.checkouts).toEqual([{ worktree: r.owner!.worktree, branch: r.owner!.branch, commit: expect.any(String), lease: true, state: 'running', up: 1 }]);
    const text = (await ok(main, ['ls'])).stdout.trim().split('\n');
    expect(text).toHaveLength(4);
  }, 60_000);
});

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('status of the example stack: one state vocabulary (issue 15)', () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home });
  let project: ReturnType<typeof exampleCopy>;
  const cli = (args: string[]): Promise<RunResult> => runCli(args, { cwd: project.root, env, timeoutMs: 180_000 });

  beforeAll(() => {
    project = exampleCopy('h15-example', { redis: 30600, web: 30620, api: 30640 });
    fs.appendFileSync(path.join(project.root, 'devslot.yaml'), 'urls:\n  api: /health\n  redis: false\n');
  });
  afterAll(async () => {
    await cli(['clean', 'all', '--yes']);
    await cli(['infra', 'clean', '--yes']); // the example's shared Postgres and its volume
    await pm2.kill();
    project.remove();
  }, 180_000);

  it('status 1 --json: every service, containers and apps alike, is running; Docker\'s and PM2\'s words beside it', async () => {
    const start = await cli(['start', '1', '--timeout', '60']);
    expect(start.code, start.stderr).toBe(0);
    const st = await cli(['status', '1', '--json']);
    expect(st.code, st.stderr).toBe(0);
    const services = (JSON.parse(st.stdout).slots[0].services as Service[]).map((s) => ({ name: s.name, kind: s.kind, state: s.state, native: s.native, url: s.url }));
    expect(services).toEqual([
      { name: 'redis', kind: 'container', state: 'running', native: 'running', url: null },
      { name: 'web', kind: 'container', state: 'running', native: 'running', url: 'http://localhost:30720' },
      { name: 'api', kind: 'process', state: 'running', native: 'online', url: 'http://127.0.0.1:30740/health' },
      { name: 'worker', kind: 'process', state: 'running', native: 'online', url: null },
    ]);
    // The declared path is a URL that answers.
    const health = await fetch('http://127.0.0.1:30740/health');
    expect(health.status).toBe(200);
  }, 240_000);
});
