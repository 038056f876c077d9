import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockPath } from '../../scripts/adapters/lock.js';
import { cleanEnv, run, runCli, type RunResult } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Issue 11, defect 7 with a running slot: a read-only `.instances`, a full disk, a malformed lock
 * and a bad slot.json must not keep `stop` from stopping it. Mounts need root (a read-only bind
 * mount and a 256 KiB tmpfs); chmod would not do, root writes through 0555.
 */
const NAME = 'ds-state-disk';
const CONFIG = `name: ${NAME}\nslots: 4\ncompose:\n  files: [compose.yml]\n`;
const COMPOSE = 'services:\n  web:\n    image: busybox:1.35\n    command: ["httpd", "-f", "-p", "80", "-h", "/"]\n    init: true\n    ports: ["127.0.0.1:20200:80"]\n';

const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-state-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})();

function oneLine(r: RunResult, re: RegExp, code: number): void {
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('devslot: '));
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(re);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.code, r.stderr).toBe(code);
}

describe.skipIf(!requireTool(hasEngine, 'the Docker engine') || !canMount)('a running slot on a bad disk can still be stopped', () => {
  let base: string;
  let root: string;
  let pm2: ReturnType<typeof privatePm2>;
  const cli = (args: string[]) => runCli(args, { cwd: root, env: cleanEnv({ PM2_HOME: pm2.home }), timeoutMs: 120_000 });
  const running = async () => (await run('docker', ['ps', '-q', '--filter', `label=com.docker.compose.project=${NAME}-dev-1`])).stdout.trim() !== '';
  const mounted: string[] = [];
  const mount = (args: string[], at: string) => {
    execFileSync('mount', args);
    mounted.push(at);
  };
  const umount = () => {
    while (mounted.length) execFileSync('umount', [mounted.pop()!]);
  };
  const start = async () => {
    const r = await cli(['1', 'start']);
    expect(r.code, r.stderr).toBe(0);
    expect(await running()).toBe(true);
  };

  beforeAll(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ds-state-disk-')));
    root = path.join(base, 'proj');
    pm2 = privatePm2();
    fs.mkdirSync(root);
    // The project lives on its own small tmpfs, so the disk-full case fills only that.
    mount(['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', root], root);
    fs.writeFileSync(path.join(root, 'devslot.yaml'), CONFIG);
    fs.writeFileSync(path.join(root, 'compose.yml'), COMPOSE);
  });
  afterAll(async () => {
    try {
      umount();
    } finally {
      // The project files are gone with the tmpfs: clean by the compose project name.
      await run('docker', ['compose', '-p', `${NAME}-dev-1`, 'down', '--volumes', '--timeout', '1']);
      await pm2.kill();
      fs.rmSync(base, { recursive: true, force: true });
    }
  }, 120_000);

  it('with a malformed lock and a slot.json holding {}', async () => {
    await start();
    fs.writeFileSync(lockPath(root, 1), '{}');
    fs.writeFileSync(path.join(root, '.instances/instance-1/slot.json'), '{}');
    const r = await cli(['1', 'stop']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await running()).toBe(false);
  }, 180_000);

  it('with a read-only .instances: stop works, a write says read-only in one line', async () => {
    await start();
    const inst = path.join(root, '.instances');
    mount(['--bind', inst, inst], inst);
    execFileSync('mount', ['-o', 'remount,bind,ro', inst]);
    expect(() => fs.writeFileSync(path.join(inst, 'probe'), 'x')).toThrow(/EROFS/);
    const stop = await cli(['1', 'stop']);
    expect(stop.code, stop.stderr).toBe(0);
    expect(await running()).toBe(false);
    oneLine(await cli(['1', 'clean', '--yes']), /^devslot: cannot remove files in \.instances\/instance-1\/: its file system is read-only; make it writable and run again$/, 2);
    fs.appendFileSync(path.join(root, 'compose.yml'), '    environment: {CHANGED: "1"}\n');
    oneLine(await cli(['1', 'init']), /^devslot: cannot write \.instances\/instance-1\/\S+: its file system is read-only/, 2);
    execFileSync('umount', [mounted.pop()!]);
    expect((await cli(['1', 'init'])).code).toBe(0);
  }, 180_000);

  it('with a full disk: stop works, init says no space in one line, clean frees it', async () => {
    await start();
    // Fill what is left of the tmpfs; writes past it fail with ENOSPC.
    const filler = path.join(root, 'filler');
    const fd = fs.openSync(filler, 'w');
    try {
      for (;;) fs.writeSync(fd, Buffer.alloc(4096));
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      fs.closeSync(fd);
    }
    const stop = await cli(['1', 'stop']);
    expect(stop.code, stop.stderr).toBe(0);
    expect(await running()).toBe(false);
    oneLine(await cli(['2', 'init']), /^devslot: cannot write \.instances\/instance-2\/\S+: no space left on its disk; free some space and run again$/, 2);
    const clean = await cli(['1', 'clean', '--yes']);
    expect(clean.code, clean.stderr).toBe(0);
    fs.rmSync(filler);
    expect((await cli(['2', 'init'])).code).toBe(0);
    expect((await cli(['clean', 'all', '--yes'])).code).toBe(0);
  }, 180_000);
});
