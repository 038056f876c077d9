import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireSlotLock, lockFallback, lockPath, parseHolder, processStartTime } from '../../scripts/adapters/lock.js';
import { BusyError } from '../../scripts/errors.js';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-lock-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('slot lock', () => {
  it('is exclusive per slot, names its holder when busy, and frees on release', async () => {
    const a = await acquireSlotLock(root, 3, 'devslot 3 start', 1000);
    const t0 = Date.now();
    await expect(acquireSlotLock(root, 3, 'devslot 3 stop', 300)).rejects.toThrow(BusyError);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    await expect(acquireSlotLock(root, 3, 'devslot 3 stop', 0)).rejects.toThrow(new RegExp(`slot 3 is busy: \`devslot 3 start\` \\(pid ${process.pid}\\)`));
    const other = await acquireSlotLock(root, 4, 'devslot 4 start', 0);
    other.release();
    a.release();
    expect(fs.existsSync(lockPath(root, 3))).toBe(false);
    (await acquireSlotLock(root, 3, 'again', 0)).release();
  });

  it('waits for a holder that releases within the bound', async () => {
    const HOLD = 200;
    const a = await acquireSlotLock(root, 1, 'first', 0);
    const events: string[] = [];
    let releasedAt = 0;
    const t0 = performance.now();
    setTimeout(() => {
      events.push('holder released');
      releasedAt = performance.now();
      a.release();
    }, HOLD);
    const b = await acquireSlotLock(root, 1, 'second', 5000);
    const acquiredAt = performance.now();
    events.push('waiter acquired');
    // It waited: acquired only after the holder let go, not at once and not by taking it over.
    expect(events).toEqual(['holder released', 'waiter acquired']);
    expect(acquiredAt).toBeGreaterThanOrEqual(releasedAt);
    expect(acquiredAt - t0).toBeGreaterThanOrEqual(HOLD - 5);
    // ...and got it soon after the release: the wait polls, it does not run out the bound.
    expect(acquiredAt - releasedAt).toBeLessThan(2000);
    expect(JSON.parse(fs.readFileSync(lockPath(root, 1), 'utf8'))).toMatchObject({ pid: process.pid, command: 'second' });
    b.release();
  });

  it('takes over a lock left by a killed process, and one whose pid was reused', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((r) => child.on('exit', () => r(child.pid!)));
    fs.mkdirSync(path.dirname(lockPath(root, 2)), { recursive: true });
    fs.writeFileSync(lockPath(root, 2), JSON.stringify({ pid: deadPid, startTime: '1', command: 'killed', since: 'then' }));
    (await acquireSlotLock(root, 2, 'taker', 0)).release();
    // Our own (live) pid but another start time: the pid was reused, so the lock is stale.
    fs.writeFileSync(lockPath(root, 2), JSON.stringify({ pid: process.pid, startTime: `${processStartTime(process.pid)}9`, command: 'old', since: 'then' }));
    (await acquireSlotLock(root, 2, 'taker', 0)).release();
  });

  it('lets exactly one of many racing processes hold it at a time', async () => {
    fs.mkdirSync(path.dirname(lockPath(root, 5)), { recursive: true });
    fs.writeFileSync(lockPath(root, 5), JSON.stringify({ pid: 999999, startTime: '1', command: 'stale', since: 'then' }));
    const log = path.join(root, 'log');
    // The compiled module (npm test builds first): a plain node process per racer.
    const mod = new URL('../../dist/adapters/lock.js', import.meta.url).pathname;
    const script = `
      const { acquireSlotLock } = await import(${JSON.stringify(mod)});
      const fs = await import('node:fs');
      const l = await acquireSlotLock(${JSON.stringify(root)}, 5, 'racer', 20000);
      fs.appendFileSync(${JSON.stringify(log)}, 'in\\n');
      await new Promise((r) => setTimeout(r, 100));
      fs.appendFileSync(${JSON.stringify(log)}, 'out\\n');
      l.release();`;
    const runs = Array.from({ length: 10 }, () => new Promise<number>((resolve) => {
      const p = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
      p.on('exit', (code) => resolve(code ?? 1));
    }));
    expect(await Promise.all(runs)).toEqual(Array(10).fill(0));
    expect(fs.readFileSync(log, 'utf8')).toBe('in\nout\n'.repeat(10));
  }, 60_000);

  it('names the lock file when busy', async () => {
    const a = await acquireSlotLock(root, 6, 'devslot 6 start', 0);
    await expect(acquireSlotLock(root, 6, 'devslot 6 stop', 0)).rejects.toThrow(`(lock file ${lockPath(root, 6)})`);
    a.release();
  });

  const malformed = ['{}', '[1]', 'null', '"x"', 'garbage', '', '{"pid":0,"startTime":"","command":"x","since":"y"}', '{"pid":-1,"startTime":"","command":"x","since":"y"}',
    '{"pid":"1","startTime":"","command":"x","since":"y"}', '{"pid":1.5,"startTime":"","command":"x","since":"y"}', '{"pid":99999999999,"startTime":"","command":"x","since":"y"}', '{"pid":1}'];

  it.each(malformed)('takes over a lock file holding %j (it proves no holder alive)', async (text) => {
    fs.mkdirSync(path.dirname(lockPath(root, 8)), { recursive: true });
    fs.writeFileSync(lockPath(root, 8), text);
    const old = new Date(Date.now() - 5000);
    fs.utimesSync(lockPath(root, 8), old, old); // older than a write takes: not one being written now
    const t0 = Date.now();
    const l = await acquireSlotLock(root, 8, 'taker', 0);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(JSON.parse(fs.readFileSync(lockPath(root, 8), 'utf8'))).toMatchObject({ pid: process.pid, command: 'taker' });
    l.release();
    expect(parseHolder(text)).toBeUndefined();
  });

  it('takes over a fresh malformed lock too, once it is older than a write takes (about 2 s)', async () => {
    fs.mkdirSync(path.dirname(lockPath(root, 9)), { recursive: true });
    fs.writeFileSync(lockPath(root, 9), '{}');
    const t0 = Date.now();
    (await acquireSlotLock(root, 9, 'taker', 0)).release();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1500);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('parses a valid holder', () => {
    expect(parseHolder('{"pid":12,"startTime":"34","command":"devslot 1 start","since":"now"}')).toEqual({ pid: 12, startTime: '34', command: 'devslot 1 start', since: 'now' });
  });

  it('takes the lock outside when .instances is a symlink or a file, and creates nothing through the link', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-lock-out-'));
    try {
      fs.symlinkSync(outside, path.join(root, '.instances'));
      const l = await acquireSlotLock(root, 3, 'devslot 3 stop', 0);
      expect(fs.readdirSync(outside)).toEqual([]);
      expect(JSON.parse(fs.readFileSync(lockFallback(lockPath(root, 3)), 'utf8'))).toMatchObject({ pid: process.pid });
      await expect(acquireSlotLock(root, 3, 'second', 0)).rejects.toThrow(`(lock file ${lockFallback(lockPath(root, 3))})`);
      l.release();
      expect(fs.existsSync(lockFallback(lockPath(root, 3)))).toBe(false);
      fs.rmSync(path.join(root, '.instances'));
      fs.writeFileSync(path.join(root, '.instances'), 'a file');
      (await acquireSlotLock(root, 3, 'devslot 3 stop', 0)).release();
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('is busy while a live holder holds the fallback, even when .instances is usable again', async () => {
    const fallback = lockFallback(lockPath(root, 4));
    fs.mkdirSync(path.dirname(fallback), { recursive: true });
    const sleeper = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(fallback, JSON.stringify({ pid: sleeper.pid, startTime: processStartTime(sleeper.pid!), command: 'devslot 4 start', since: 'then' }));
      await expect(acquireSlotLock(root, 4, 'devslot 4 stop', 0)).rejects.toThrow(`\`devslot 4 start\` (pid ${sleeper.pid})`);
      expect(fs.existsSync(lockPath(root, 4))).toBe(false); // backed off: the place it took is freed again
    } finally {
      sleeper.kill();
      fs.rmSync(fallback, { force: true });
    }
  });
});
