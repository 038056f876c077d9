import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cliPath, run, runCli } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { tempProject } from '../helpers/project.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Clone, snapshot and restore on a real engine (issue 16, DESIGN §13): a fidelity fixture (owner,
 * mode, sparse file, hardlink, symlink, xattr, old mtime) is identical after a clone and after a
 * snapshot/restore; a Redis under a steady writer is cloned while writing and the clone starts
 * consistent; a SIGKILLed clone is undone by the next command; refusals change nothing.
 * Project h16-copy, ports 39379 + 100×slot (slots 0–3): inside this file's 39000–39999.
 */
const NAME = 'h16-copy';
const IMAGE = 'debian:bookworm-slim';
const YAML = `name: ${NAME}
slots: 4
stride: 100
compose:
  files: [compose.yml]
hooks:
  post-clone:
    - run: [node, -e, "require('fs').writeFileSync('post-clone-' + process.env.DEVSLOT_SLOT + '.txt', 'ran')"]
`;
// The writer appends 1, 2, 3… one RPUSH at a time, going on from what the list holds (a clone's
// writer continues its copy): a consistent copy holds exactly 1..n.
const COMPOSE = `services:
  redis:
    image: redis:7
    command: [redis-server, --appendonly, "yes", --appendfsync, always]
    ports: ["127.0.0.1:39379:6379"]
    volumes: [data:/data]
    healthcheck: { test: [CMD, redis-cli, ping], interval: 1s, timeout: 3s, retries: 30 }
  writer:
    image: redis:7
    init: true
    depends_on: { redis: { condition: service_healthy } }
    entrypoint: [sh, -c, 'i=$$(redis-cli -h redis LLEN rows); while true; do n=$$((i+1)); if redis-cli -h redis RPUSH rows $$n >/dev/null 2>&1; then i=$$n; else sleep 0.2; fi; done']
  files:
    image: busybox:1.35
    init: true
    command: [sleep, "3600"]
    volumes: [files:/files]
volumes:
  data:
  files:
`;

const FIXTURE = [
  'set -e; cd /v',
  'mkdir -m 0700 private && echo secret > private/f && chown 999:999 private/f',
  'truncate -s 512M sparse',
  'ln private/f hard && ln -s private/f link',
  'setfattr -n user.devslot -v kept private/f',
  'touch -d "2001-02-03 04:05:06" private/f private',
].join('\n');

// Everything the copy must keep, per path (inode numbers as "same as private/f" only).
const MANIFEST = [
  'cd /v',
  'ref=$(stat -c %i private/f)',
  'for p in $(find . | sort); do',
  '  i=$(stat -c %i "$p"); same=no; [ "$i" = "$ref" ] && same=yes',
  '  echo "$(stat -c "%n %u:%g %a %F size=%s blocks=%b links=%h mtime=%Y" "$p") same=$same link=$(readlink "$p" || true) xattr=$(getfattr --only-values -n user.devslot "$p" 2>/dev/null || true)"',
  'done',
].join('\n');

const runnable = requireTool(hasEngine, 'docker engine + compose');
const pm2 = privatePm2();
const project = tempProject({ 'devslot.yaml': YAML, 'compose.yml': COMPOSE }, 'devslot-h16-');
const env = cleanEnv({ PM2_HOME: pm2.home });
const ds = (args: string[], timeoutMs = 180_000) => runCli(args, { cwd: project.root, env, timeoutMs });
const docker = (args: string[], timeoutMs = 120_000) => run('docker', args, { timeoutMs });
const vol = (slot: number, key: string) => `${NAME}-dev-${slot}_${key}`;

async function inVolume(volume: string, script: string, readOnly = true): Promise<string> {
  const r = await docker(['run', '--rm', '--network', 'none', '-v', `${volume}:/v${readOnly ? ':ro' : ''}`, '--entrypoint', 'sh', IMAGE, '-c', script]);
  if (r.code !== 0) throw new Error(`in ${volume}: ${r.stderr}`);
  return r.stdout;
}

async function volumes(): Promise<string[]> {
  const r = await docker(['volume', 'ls', '-q', '--filter', `name=${NAME}`]);
  return r.stdout.split('\n').filter(Boolean).sort();
}

async function paused(slot: number): Promise<boolean[]> {
  const ids = (await docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${NAME}-dev-${slot}`])).stdout.split('\n').filter(Boolean);
  if (!ids.length) return [];
  return (await docker(['inspect', '-f', '{{.State.Paused}}', ...ids])).stdout.split('\n').filter(Boolean).map((x) => x === 'true');
}

async function rows(slot: number): Promise<number[]> {
  const r = await docker(['exec', `${NAME}-dev-${slot}-redis-1`, 'redis-cli', 'LRANGE', 'rows', '0', '-1']);
  return r.stdout.split('\n').filter(Boolean).map(Number);
}

describe.skipIf(!runnable)('clone, snapshot, restore (issue 16)', () => {
  beforeAll(async () => {
    const started = await ds(['1', 'start', '--quiet']);
    expect(started.code, started.stderr).toBe(0);
    await inVolume(vol(1, 'files'), FIXTURE, false);
    await new Promise((r) => setTimeout(r, 1500)); // the writer writes for a while
  }, 240_000);

  afterAll(async () => {
    await ds(['clean', 'all', '--yes', '--quiet']);
    await ds(['snapshot', 'rm', 'base']);
    for (const v of await volumes()) await docker(['volume', 'rm', '-f', v]);
    await pm2.kill();
    project.remove();
  }, 240_000);

  it('clone 1 2 while slot 1 writes: files identical (sparse still sparse), slot 2 starts with no compose warning and consistent data, slot 1 keeps running', async () => {
    const before = (await rows(1)).length;
    expect(before).toBeGreaterThan(0);
    const r = await ds(['clone', '1', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^cloned slot 1 into slot 2: 2 volumes \(h16-copy-dev-2_data, h16-copy-dev-2_files\); slot 1 was held still for \d+ ms/);
    expect(await paused(1)).toEqual([false, false, false]);

    const source = await inVolume(vol(1, 'files'), MANIFEST);
    const copy = await inVolume(vol(2, 'files'), MANIFEST);
    expect(copy).toBe(source);
    expect(source).toMatch(/\.\/private 0:0 700 directory .*mtime=981173106/);
    expect(source).toMatch(/\.\/private\/f 999:999 644 regular file size=7 .*links=2 mtime=981173106 same=yes link= xattr=kept/);
    expect(source).toMatch(/\.\/hard 999:999 .* same=yes/);
    expect(source).toMatch(/\.\/link 0:0 777 symbolic link .* link=private\/f/);
    const sparse = /\.\/sparse 0:0 644 regular file size=536870912 blocks=(\d+)/.exec(copy);
    expect(Number(sparse?.[1])).toBeLessThan(64);

    const start = await ds(['2', 'start']);
    expect(start.code, start.stderr).toBe(0);
    expect(start.stderr).not.toMatch(/already exists|external: true|Recreate/);
    const cloned = await rows(2);
    expect(cloned.length).toBeGreaterThanOrEqual(before);
    expect(cloned).toEqual(cloned.map((_, i) => i + 1));
    // The source went on writing after the copy.
    await new Promise((res) => setTimeout(res, 500));
    expect((await rows(1)).length).toBeGreaterThan(cloned.length);
    const stop = await ds(['2', 'stop', '--quiet']);
    expect(stop.code, stop.stderr).toBe(0);
  }, 300_000);

  it('post-clone hooks ran in the target slot\'s environment', async () => {
    const fs = await import('node:fs');
    expect(fs.readFileSync(`${project.root}/post-clone-2.txt`, 'utf8')).toBe('ran');
  });

  it('snapshot 1 base, then restore 2 base: the same files again; ls and rm see only devslot\'s snapshot', async () => {
    const snap = await ds(['snapshot', '1', 'base']);
    expect(snap.code, snap.stderr).toBe(0);
    const ls = await ds(['snapshot', 'ls', '--json']);
    const list = JSON.parse(ls.stdout) as { snapshots: { name: string; fromSlot: number; volumes: string[] }[] };
    expect(list.snapshots).toEqual([expect.objectContaining({ name: 'base', fromSlot: 1, volumes: ['h16-copy-snap-base_data', 'h16-copy-snap-base_files'] })]);
    // Slot 2's files differ from the snapshot until the restore.
    await inVolume(vol(2, 'files'), 'rm -rf /v/private /v/hard', false);
    const restore = await ds(['restore', '2', 'base']);
    expect(restore.code, restore.stderr).toBe(0);
    expect(await inVolume(vol(2, 'files'), MANIFEST)).toBe(await inVolume(vol(1, 'files'), MANIFEST));
    const rm = await ds(['snapshot', 'rm', 'base']);
    expect(rm.code, rm.stderr).toBe(0);
    expect((await volumes()).filter((v) => v.includes('-snap-'))).toEqual([]);
  }, 300_000);

  it('refusals exit 1 or 2 with one line and change nothing', async () => {
    const start = await ds(['2', 'start', '--quiet']);
    expect(start.code, start.stderr).toBe(0);
    const before = await volumes();
    const cases: [string[], number, RegExp][] = [
      [['clone', '1', '1'], 1, /FROM and TO are both 1/],
      [['clone', '1', '2', '--force'], 2, /slot 2 is running .*devslot 2 stop/],
      [['clone', '3', '0'], 2, /slot 3 has no volumes to copy/],
      [['restore', '0', 'nope'], 2, /no snapshot nope/],
      [['clone', '1', '3', '--only', 'nosuch'], 1, /--only: slot 1 has no container of nosuch/],
    ];
    for (const [args, code, line] of cases) {
      const r = await ds(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(line);
    }
    const noImage = await runCli(['clone', '1', '3'], { cwd: project.root, env: { ...env, DEVSLOT_COPY_IMAGE: 'h16-no-such-image:1' } });
    expect(noImage.code).toBe(2);
    expect(noImage.stderr).toMatch(/^devslot: the copy image h16-no-such-image:1 \(DEVSLOT_COPY_IMAGE\) is not on the Docker engine: .*copy\.image/);
    // A copy that fails half way (busybox tar: no sparse files, no xattrs) after the target volumes
    // were made and the source paused: undone, source let go, exit 2.
    const badTar = await runCli(['clone', '1', '3'], { cwd: project.root, env: { ...env, DEVSLOT_COPY_IMAGE: 'busybox:1.35' } });
    expect(badTar.code).toBe(2);
    expect(badTar.stderr).toMatch(/^devslot: the copy image busybox:1\.35 has no GNU tar .*copy\.image.*; nothing of it is left and the source runs as before\n$/);
    expect(await volumes()).toEqual(before);
    expect(await paused(1)).toEqual([false, false, false]);
    await ds(['2', 'stop', '--quiet']);
  }, 300_000);

  it('a clone SIGKILLed half way: the next command unpauses the source and removes the partial target', async () => {
    // ~1 GB of real blocks, so the copy is still running when it is killed.
    await inVolume(vol(1, 'files'), 'dd if=/dev/zero of=/v/big bs=1M count=1024 status=none', false);
    try {
      const child = spawn(process.execPath, [cliPath, 'clone', '1', '3'], { cwd: project.root, env, stdio: 'ignore' });
      let helper = '';
      for (let i = 0; i < 200 && !helper; i++) {
        await new Promise((r) => setTimeout(r, 50));
        helper = (await docker(['ps', '-q', '--filter', 'label=dev.devslot.copy.run'])).stdout.trim();
      }
      expect(helper, 'the copy container never ran').not.toBe('');
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      expect(await paused(1)).toContain(true); // what a killed devslot leaves, before the next command
      const next = await ds(['1', 'status']);
      expect(next.stderr).toMatch(/devslot: an interrupted copy of h16-copy-dev-1 .* was undone: unpaused .*removed its partial volumes? h16-copy-dev-3_/);
      expect(await paused(1)).toEqual([false, false, false]);
      expect((await volumes()).filter((v) => v.startsWith(`${NAME}-dev-3`))).toEqual([]);
      expect((await docker(['ps', '-aq', '--filter', 'label=dev.devslot.copy.run'])).stdout.trim()).toBe('');

      // Ctrl-C half way: devslot itself undoes it and exits 130.
      const child2 = spawn(process.execPath, [cliPath, 'clone', '1', '3'], { cwd: project.root, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child2.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
      helper = '';
      for (let i = 0; i < 200 && !helper; i++) {
        await new Promise((r) => setTimeout(r, 50));
        helper = (await docker(['ps', '-q', '--filter', 'label=dev.devslot.copy.run'])).stdout.trim();
      }
      expect(helper, 'the copy container never ran').not.toBe('');
      child2.kill('SIGINT');
      const code = await new Promise<number | null>((r) => child2.once('exit', (c) => r(c)));
      expect(code, stderr).toBe(130);
      expect(stderr).toMatch(/^devslot: interrupted: the copy was undone\n$/);
      expect(await paused(1)).toEqual([false, false, false]);
      expect((await volumes()).filter((v) => v.startsWith(`${NAME}-dev-3`))).toEqual([]);
      expect((await docker(['ps', '-aq', '--filter', 'label=dev.devslot.copy.run'])).stdout.trim()).toBe('');
    } finally {
      await inVolume(vol(1, 'files'), 'rm -f /v/big', false);
    }
  }, 300_000);

  it('--stop --only files: only that service\'s volume, the source stopped and started again', async () => {
    const r = await ds(['clone', '1', '3', '--stop', '--only', 'files']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^cloned slot 1 into slot 3: 1 volume \(h16-copy-dev-3_files\); slot 1 was held still for \d+ ms \(h16-copy-dev-1-files-1\)/);
    expect((await volumes()).filter((v) => v.startsWith(`${NAME}-dev-3`))).toEqual([vol(3, 'files')]);
    const states = (await docker(['ps', '-a', '--filter', `label=com.docker.compose.project=${NAME}-dev-1`, '--format', '{{.Names}} {{.State}}'])).stdout.split('\n').filter(Boolean).sort();
    expect(states).toEqual([`${NAME}-dev-1-files-1 running`, `${NAME}-dev-1-redis-1 running`, `${NAME}-dev-1-writer-1 running`]);
    expect(await inVolume(vol(3, 'files'), MANIFEST)).toBe(await inVolume(vol(1, 'files'), MANIFEST));
  }, 300_000);
});
