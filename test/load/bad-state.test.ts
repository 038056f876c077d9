import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockPath, processStartTime } from '../../scripts/adapters/lock.js';
import { snapshotTree } from '../../scripts/adapters/fs.js';
import { devslot, tempProject } from '../helpers/project.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { hasCompose, hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Issue 11, defects 2, 7 and 8 on a real file system: every state file devslot reads, in every bad
 * shape a crash, a full disk or a hand edit leaves, ends with one `devslot:` line (never exit 3 or
 * a stack trace), and the next command works. The projects have no compose files, so no engine
 * work is needed; stop, clean and status talk to a private PM2 daemon.
 */
type R = Awaited<ReturnType<typeof devslot>>;

/** Exactly one `devslot:` line, matching `re`; no internal error, no stack; the exit code one of `codes`. */
function oneLine(r: R, re: RegExp, codes: number[]): void {
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('devslot: '));
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(re);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(codes, `exit ${r.code}: ${r.stderr}`).toContain(r.code);
}

function ok(r: R): void {
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.code, r.stderr).toBe(0);
}

const CONFIG = 'name: ds-state-bad\nslots: 8\nports:\n  api: 20100\nenv:\n  api:\n    set:\n      URL: "http://localhost:{{ports.api}}"\n';
const BAD_JSON = ['{}', 'null', '[]', '"text"', '{"key": 1, "plan": 2}', '{"sl', ''];

describe('bad state files and folders', () => {
  let pm2: ReturnType<typeof privatePm2>;
  let p: ReturnType<typeof tempProject>;
  const inst = (...rel: string[]) => path.join(p.root, '.instances', ...rel);
  const run = (argv: string[]) => devslot(p.root, argv, { PM2_HOME: pm2.home });

  beforeAll(async () => {
    pm2 = privatePm2();
    p = tempProject({ 'devslot.yaml': CONFIG }, 'ds-state-');
    ok(await run(['2', 'init']));
  });
  afterAll(async () => {
    await pm2.kill();
    p.remove();
  });

  it.each(BAD_JSON)('.plan.json holding %j: set aside with one line, planned afresh, rebuilt by init', async (text) => {
    fs.writeFileSync(inst('instance-2', '.plan.json'), text);
    const r = await run(['2', 'info', '--json']);
    oneLine(r, /^devslot: \.instances\/instance-2\/\.plan\.json: .+; set aside as \.plan\.json\.bad-\d{8}T\d{6}Z.*, planning afresh$/, [0]);
    expect(JSON.parse(r.stdout)).toMatchObject({ slot: 2, ports: { api: 20300 } });
    expect(fs.existsSync(inst('instance-2', '.plan.json'))).toBe(false);
    ok(await run(['2', 'init']));
    const again = await run(['2', 'info']);
    ok(again);
    expect(again.stderr).toBe('');
  });

  it('.plan.json of the right JSON but wrong types (a port as text) is set aside too', async () => {
    const cache = JSON.parse(fs.readFileSync(inst('instance-2', '.plan.json'), 'utf8'));
    cache.plan.ports.api = '20300';
    fs.writeFileSync(inst('instance-2', '.plan.json'), JSON.stringify(cache));
    oneLine(await run(['2', 'ports']), /\.plan\.json: plan\.ports\.api: not a number; set aside/, [0]);
    ok(await run(['2', 'init']));
  });

  it.each(BAD_JSON)('slot.json holding %j: stop works, status sets it aside with one line, init rebuilds it', async (text) => {
    fs.writeFileSync(inst('instance-2', 'slot.json'), text);
    ok(await run(['2', 'stop']));
    const status = await run(['status', '2']);
    oneLine(status, /^devslot: \.instances\/instance-2\/slot\.json: .+; set aside as slot\.json\.bad-\S+; `devslot 2 init` writes it again$/, [0]);
    ok(await run(['2', 'init']));
    expect(JSON.parse(fs.readFileSync(inst('instance-2', 'slot.json'), 'utf8'))).toMatchObject({ slot: 2 });
    ok(await run(['2', 'stop']));
  });

  it('a .config.json cache of another shape is ignored: the YAML is parsed instead', async () => {
    const real = JSON.parse(fs.readFileSync(inst('.config.json'), 'utf8'));
    for (const bad of [{}, null, [], { version: real.version, hash: real.hash }, { ...real, config: { ...real.config, compose: 1 } }]) {
      fs.writeFileSync(inst('.config.json'), JSON.stringify(bad));
      ok(await run(['2', 'ports']));
    }
    ok(await run(['2', 'init']));
  });

  it.each(['{}', '[1]', 'garbage', '{"pid":0,"startTime":"","command":"x","since":"y"}', '{"pid":-1,"startTime":"","command":"x","since":"y"}'])(
    'a lock file holding %s is taken over: stop and init work within seconds',
    async (text) => {
      fs.writeFileSync(lockPath(p.root, 2), text);
      const t0 = Date.now();
      ok(await run(['2', 'stop']));
      fs.writeFileSync(lockPath(p.root, 2), text);
      ok(await run(['2', 'init']));
      // A malformed lock younger than 2 s may be one being written: each command waits that out once.
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(fs.existsSync(lockPath(p.root, 2))).toBe(false);
    },
    20_000,
  );

  it('a live holder makes the slot busy: one line naming the holder and the lock file', async () => {
    const sleeper = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(lockPath(p.root, 2), JSON.stringify({ pid: sleeper.pid, startTime: processStartTime(sleeper.pid!), command: 'devslot 2 start', since: '2025-01-01T00:00:00Z' }));
      const r = await run(['2', 'start', '--timeout', '1']);
      oneLine(r, new RegExp(`^devslot: slot 2 is busy: \`devslot 2 start\` \\(pid ${sleeper.pid}\\) .*\\(lock file ${lockPath(p.root, 2).replace(/[.]/g, '\\.')}\\)$`), [2]);
    } finally {
      sleeper.kill();
    }
    ok(await run(['2', 'stop']));
  });

  it('a folder where a generated file goes: one line naming it; init works once it is moved', async () => {
    fs.rmSync(inst('instance-2', 'api.env'));
    fs.mkdirSync(inst('instance-2', 'api.env'));
    oneLine(await run(['2', 'init']), /^devslot: \.instances\/instance-2\/api\.env is a folder where devslot writes a file; move it away and run again$/, [2]);
    ok(await run(['2', 'stop']));
    fs.rmdirSync(inst('instance-2', 'api.env'));
    ok(await run(['2', 'init']));
  });

  it('.instances being a file: init refuses in one line, stop and status still work, init works once it is moved', async () => {
    const saved = path.join(p.root, 'instances.saved');
    fs.renameSync(inst(), saved);
    try {
      fs.writeFileSync(inst(), 'not a folder\n');
      oneLine(await run(['2', 'init']), /^devslot: \.instances is a file where devslot keeps a folder; move it away and run again$/, [2]);
      oneLine(await run(['2', 'info']), /^devslot: \.instances is a file/, [2]);
      ok(await run(['2', 'stop']));
      ok(await run(['status']));
      oneLine(await run(['2', 'clean', '--yes']), /^devslot: \.instances is a file/, [2]);
      expect(fs.readFileSync(inst(), 'utf8')).toBe('not a folder\n');
    } finally {
      fs.rmSync(inst(), { force: true });
      fs.renameSync(saved, inst());
    }
    ok(await run(['2', 'init']));
  });

  it('a symlinked slot folder: init and clean refuse in one line, the outside files stay intact, stop works', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-state-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'precious.txt'), 'mine\n');
      fs.writeFileSync(path.join(outside, 'api.env'), '# Generated by devslot for slot 6\nLOOKS=ours\n');
      fs.writeFileSync(path.join(outside, '.plan.json'), '{}');
      const before = snapshotTree(outside);
      fs.symlinkSync(outside, inst('instance-6'));
      oneLine(await run(['6', 'init']), /^devslot: \.instances\/instance-6 is a symlink \(to .+\); .*remove the link/, [2]);
      oneLine(await run(['6', 'clean', '--yes']), /^devslot: \.instances\/instance-6 is a symlink/, [2]);
      ok(await run(['6', 'stop']));
      expect(snapshotTree(outside)).toEqual(before);
      fs.rmSync(inst('instance-6'));
      ok(await run(['6', 'init']));
      ok(await run(['6', 'clean', '--yes']));
      expect(snapshotTree(outside)).toEqual(before);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a symlinked .instances: nothing is written or removed through it, stop works', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-state-etc-'));
    const saved = path.join(p.root, 'instances.saved');
    try {
      fs.writeFileSync(path.join(outside, 'passwd'), 'root:x:0:0\n');
      fs.mkdirSync(path.join(outside, 'instance-5'));
      fs.writeFileSync(path.join(outside, 'instance-5', 'compose.env'), '# Generated by devslot\n');
      const before = snapshotTree(outside);
      fs.renameSync(inst(), saved);
      fs.symlinkSync(outside, inst());
      oneLine(await run(['5', 'init']), /^devslot: \.instances is a symlink \(to .+\); .*remove the link \(`rm \.instances`\)/, [2]);
      oneLine(await run(['5', 'clean', '--yes']), /^devslot: \.instances is a symlink/, [2]);
      ok(await run(['5', 'stop']));
      ok(await run(['clean', 'all', '--yes']));
      expect(snapshotTree(outside)).toEqual(before);
    } finally {
      fs.rmSync(inst(), { force: true });
      if (fs.existsSync(saved)) fs.renameSync(saved, inst());
      fs.rmSync(outside, { recursive: true, force: true });
    }
    ok(await run(['2', 'init']));
  });

  it('clean keeps the user\'s *.local.env and files devslot did not write, and names them', async () => {
    ok(await run(['3', 'init']));
    fs.writeFileSync(inst('instance-3', 'api.local.env'), 'MINE=1\n');
    fs.writeFileSync(inst('instance-3', 'notes.txt'), 'mine\n');
    const r = await run(['3', 'clean', '--yes']);
    ok(r);
    expect(r.stdout).toContain('removed .instances/instance-3/ (kept api.local.env, notes.txt)');
    expect(fs.readdirSync(inst('instance-3')).sort()).toEqual(['api.local.env', 'notes.txt']);
  });

  it('a YAML alias bomb in devslot.yaml is exit 1 with one line', async () => {
    const levels = ['x-a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((l, i) => `x-${l}: &${l} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)];
    const bomb = tempProject({ 'devslot.yaml': `name: bomb\n${levels.join('\n')}\n` }, 'ds-state-bomb-');
    try {
      const r = await devslot(bomb.root, ['1', 'info'], { PM2_HOME: pm2.home });
      oneLine(r, /^devslot: devslot\.yaml: invalid YAML: too many aliases/, [1]);
    } finally {
      bomb.remove();
    }
  });
});

describe.skipIf(!requireTool(hasCompose, 'docker compose'))('compose files with compose-only tags', () => {
  it('parses !override and !reset without a Node YAMLWarning on stderr', async () => {
    const p = tempProject(
      {
        'devslot.yaml': 'name: ds-state-tags\nslots: 4\ncompose:\n  files: [compose.yml, compose.override.yml]\n',
        'compose.yml': 'services:\n  web:\n    image: busybox:1.35\n    ports: ["20110:80"]\n    environment: {A: "1"}\n',
        'compose.override.yml': 'services:\n  web:\n    ports: !override ["20111:80"]\n    environment: !reset {}\n',
      },
      'ds-state-tags-',
    );
    try {
      const r = await devslot(p.root, ['1', 'init']);
      ok(r);
      expect(r.stderr).toBe('');
      // The Node warning goes to process stderr, not to devslot's io: run the built CLI too.
      const { runCli, cleanEnv } = await import('../helpers/cli.js');
      fs.rmSync(path.join(p.root, '.instances'), { recursive: true });
      const bin = await runCli(['1', 'info'], { cwd: p.root, env: cleanEnv() });
      expect(bin.code, bin.stderr).toBe(0);
      expect(bin.stderr).toBe('');
    } finally {
      p.remove();
    }
  });
});

describe.skipIf(!requireTool(hasEngine, 'the Docker engine') || !worksGit())('leases.json in bad shapes', () => {
  let base: string;
  let main: string;
  let wt: string;
  let file: string;
  let pm2: ReturnType<typeof privatePm2>;
  const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
  const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim();
  const run = (cwd: string, argv: string[]) => devslot(cwd, argv, { PM2_HOME: pm2.home });

  beforeAll(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ds-state-leases-')));
    main = path.join(base, 'main');
    wt = path.join(base, 'wt1');
    file = path.join(main, '.git', 'devslot', 'leases.json');
    pm2 = privatePm2();
    fs.mkdirSync(main);
    fs.writeFileSync(path.join(main, 'devslot.yaml'), 'name: ds-state-lease\nslots: 4\nports:\n  api: 20120\n');
    git(main, ['init', '-q', '-b', 'main']);
    git(main, ['add', '.']);
    git(main, ['commit', '-qm', 'init']);
    git(main, ['worktree', 'add', '-q', wt, '-b', 'feat']);
  });
  afterAll(async () => {
    await pm2.kill();
    fs.rmSync(base, { recursive: true, force: true });
  });

  const good = () => JSON.parse(fs.readFileSync(file, 'utf8'));
  const bad = ['{"version":1,"projects":{"ds-state-lease":[{"slot":0,"worktree":"/x"', '{}', 'null', '[]', '{"version":1,"projects":[]}', '{"version":1,"projects":{"ds-state-lease":{}}}', '{"version":1,"projects":{"ds-state-lease":[{"slot":"0"}]}}', ''];

  it.each(bad)('leases.json holding %j is set aside with one line (never reset silently), and leasing goes on', async (text) => {
    ok(await run(wt, ['init']));
    expect(good().projects['ds-state-lease']).toHaveLength(1);
    fs.writeFileSync(file, text);
    const status = await run(wt, ['ls']);
    oneLine(status, /leases\.json: .+; read as holding no leases for now/, [0]);
    expect(fs.readFileSync(file, 'utf8')).toBe(text); // a reader without the lock does not move it
    const r = await run(wt, ['init']);
    oneLine(r, new RegExp(`^devslot: ${file.replace(/[.]/g, '\\.')}: .+; set aside as leases\\.json\\.bad-\\S+, leases start afresh`), [0]);
    expect(good().projects['ds-state-lease']).toEqual([expect.objectContaining({ worktree: wt })]);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith('leases.json.bad-')).length).toBeGreaterThan(0);
    ok(await run(wt, ['stop']));
  });

  it('a registry written by a newer devslot is refused in one line and left as it is', async () => {
    const newer = '{"version":2,"projects":{}}';
    fs.writeFileSync(file, newer);
    oneLine(await run(wt, ['init']), /leases\.json: version 2, written by a newer devslot; use that devslot version/, [2]);
    expect(fs.readFileSync(file, 'utf8')).toBe(newer);
    fs.rmSync(file);
    ok(await run(wt, ['init']));
  });
});

function worksGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
