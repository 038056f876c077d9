import fs from 'node:fs';
import path from 'node:path';
import { BusyError, InterruptedError } from '../errors.js';
import { INSTANCES_DIR } from '../names.js';

/**
 * One lock per slot (DESIGN §8): `.instances/.locks/slot-N.lock`, created with O_EXCL. It records the
 * holder's pid and start time, so a lock left by a killed process (dead pid, or a pid reused by
 * another process) is taken over (see takeOverStale for how racing takers stay safe).
 */
export interface LockHolder {
  pid: number;
  /** Process start time in clock ticks since boot (/proc/PID/stat field 22); guards against pid reuse. */
  startTime: string;
  command: string;
  since: string;
}

export interface Lock {
  release(): void;
}

export function lockPath(root: string, slot: number): string {
  return path.join(root, INSTANCES_DIR, '.locks', `slot-${slot}.lock`);
}

export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function holderAlive(h: LockHolder): boolean {
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = processStartTime(h.pid);
  return start === undefined || h.startTime === '' || start === h.startTime;
}

/** The lock's text and holder (undefined when absent, being written, or unreadable). */
function readHolder(file: string): { text: string; holder: LockHolder | undefined } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return { text, holder: JSON.parse(text) as LockHolder };
  } catch {
    return { text, holder: undefined };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Take the slot's lock, waiting up to `waitMs` for a live holder; then a BusyError names it. */
export function acquireSlotLock(root: string, slot: number, command: string, waitMs: number, signal?: AbortSignal): Promise<Lock> {
  return acquireFileLock(lockPath(root, slot), `slot ${slot}`, command, waitMs, signal);
}

/** The lock-file protocol above, for any file; `what` names the resource in messages. */
export async function acquireFileLock(file: string, what: string, command: string, waitMs: number, signal?: AbortSignal): Promise<Lock> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const me: LockHolder = { pid: process.pid, startTime: processStartTime(process.pid) ?? '', command, since: new Date().toISOString() };
  const deadline = Date.now() + waitMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    try {
      const fd = fs.openSync(file, 'wx', 0o644);
      fs.writeFileSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          const h = readHolder(file)?.holder;
          if (h && h.pid === me.pid && h.startTime === me.startTime) fs.rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const seen = readHolder(file);
    if (!seen) continue; // released meanwhile: try again
    const holder = seen.holder;
    if (!holder || !holderAlive(holder)) {
      takeOverStale(file, seen.text, holder !== undefined);
      if (!holder) await sleep(delay); // unreadable: maybe being written; give it a moment
      continue;
    }
    if (signal?.aborted) throw new InterruptedError(`interrupted while waiting for ${what} (held by pid ${holder.pid})`);
    if (Date.now() >= deadline) {
      throw new BusyError(
        `${what} is busy: \`${holder.command}\` (pid ${holder.pid}) has held it since ${holder.since}; wait for it to finish, or stop that process`,
      );
    }
    await sleep(delay);
  }
}

/** Run `fn` holding the slot's lock; the lock is released however `fn` ends. */
export async function withSlotLock<T>(root: string, slot: number, command: string, waitMs: number, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const lock = await acquireSlotLock(root, slot, command, waitMs, signal);
  try {
    return await fn();
  } finally {
    lock.release();
  }
}

/**
 * Remove a stale lock, safely against racing takers. Takeovers are serialized by a mkdir mutex
 * (`<lock>.takeover`); under it the file is read again and removed only if it still holds exactly
 * the text that was judged stale. Nothing else removes a lock file but its own holder, so a live lock (created with
 * O_EXCL only when the file was absent) can never be displaced by a slow taker.
 */
function takeOverStale(file: string, staleText: string, parsed: boolean): void {
  try {
    // An unreadable lock younger than 2 s is one being written right now, not a stale one.
    if (!parsed && Date.now() - fs.statSync(file).mtimeMs < 2000) return;
  } catch {
    return;
  }
  const mutex = `${file}.takeover`;
  try {
    fs.mkdirSync(mutex);
  } catch {
    // Another taker is at it; a mutex left by a taker killed mid-takeover is cleared after 10 s.
    try {
      if (Date.now() - fs.statSync(mutex).mtimeMs > 10_000) fs.rmdirSync(mutex);
    } catch {
      // gone already
    }
    return;
  }
  try {
    // Compare with the very text judged stale: the file may hold a newer, live lock by now (and an
    // empty one must still be old: a taker may have just created a new one that is still empty).
    const young = !parsed && Date.now() - fs.statSync(file).mtimeMs < 2000;
    if (!young && fs.readFileSync(file, 'utf8') === staleText) fs.rmSync(file);
  } catch {
    // already removed
  } finally {
    fs.rmdirSync(mutex);
  }
}
