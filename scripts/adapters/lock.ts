import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BusyError, InterruptedError, StateError } from '../errors.js';
import { sha256 } from '../hash.js';
import { INSTANCES_DIR } from '../names.js';
import { int, object, parseJson, str } from '../plan/shape.js';
import { instancesPathProblem } from './fs.js';

/**
 * One lock per slot (DESIGN §8): `.instances/.locks/slot-N.lock`, created with O_EXCL. It records the
 * holder's pid and start time, so a lock left by a killed process (dead pid, or a pid reused by
 * another process) is taken over (see takeOverStale for how racing takers stay safe). A lock file
 * that does not hold a valid holder (`{}`, `[1]`, pid 0 or -1, garbage) cannot prove anyone alive:
 * once it is older than a write takes, it is taken over too.
 *
 * Where the lock lives when `.instances/` cannot hold it (read-only, full, a symlink, a file): in
 * a fallback folder outside (lockFallback), so a running slot can still be stopped. Every process
 * that finds the first place unusable picks the same fallback for the same lock, and whoever
 * holds one of the two places checks the other for a live holder before going on, so a disk that
 * turns read-only between two commands cannot let both in.
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

/** The same lock outside the project: per user, named by the hash of the first place. */
export function lockFallback(file: string): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return path.join(os.tmpdir(), `devslot-locks-${uid}`, `${sha256(path.resolve(file)).slice(0, 16)}-${path.basename(file)}`);
}

export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Linux's largest pid_max; a pid outside 1..this names no process that could hold a lock. */
const PID_MAX = 4_194_304;
const holderShape = object({ pid: int, startTime: str, command: str, since: str });

/** The holder a lock file's text names, or undefined when it names none validly. Pure. */
export function parseHolder(text: string): LockHolder | undefined {
  const json = parseJson(text);
  if (!json.ok || holderShape(json.value, 'lock')) return undefined;
  const h = json.value as LockHolder;
  return h.pid >= 1 && h.pid <= PID_MAX ? h : undefined;
}

export function holderAlive(h: LockHolder): boolean {
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false; // ESRCH: gone
  }
  const start = processStartTime(h.pid);
  return start === undefined || h.startTime === '' || start === h.startTime;
}

/** The lock's text and holder (undefined when absent or unreadable; holder undefined when malformed). */
function readHolder(file: string): { text: string; holder: LockHolder | undefined } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return { text, holder: parseHolder(text) };
}

/** A holder read from a file may say anything: one line, bounded. */
const shown = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 200);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Take the slot's lock, waiting up to `waitMs` for a live holder; then a BusyError names it. */
export function acquireSlotLock(root: string, slot: number, command: string, waitMs: number, signal?: AbortSignal): Promise<Lock> {
  const file = lockPath(root, slot);
  // Never create `.locks` through a symlinked `.instances` (or inside a file): use the fallback.
  const unusable = instancesPathProblem(root, path.relative(root, file), 'file');
  return acquireFileLock(file, `slot ${slot}`, command, waitMs, signal, unusable);
}

type Attempt =
  | { kind: 'taken' }
  | { kind: 'held'; text: string; holder: LockHolder | undefined }
  | { kind: 'gone' }
  | { kind: 'unwritable'; why: string };

const why = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e);

/** One O_EXCL try at `file`. A lock that cannot be written whole (full disk) is removed again. */
function tryTake(file: string, me: LockHolder): Attempt {
  let fd: number;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return { kind: 'unwritable', why: why(e) };
    const seen = readHolder(file);
    return seen ? { kind: 'held', ...seen } : { kind: 'gone' };
  }
  try {
    fs.writeFileSync(fd, JSON.stringify(me));
    fs.closeSync(fd);
    return { kind: 'taken' };
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // closed already
    }
    fs.rmSync(file, { force: true });
    return { kind: 'unwritable', why: why(e) };
  }
}

/**
 * The lock-file protocol above, for any file; `what` names the resource in messages. `unusable`:
 * why `file` must not be used at all (then only the fallback is).
 */
export async function acquireFileLock(file: string, what: string, command: string, waitMs: number, signal?: AbortSignal, unusable?: string): Promise<Lock> {
  const me: LockHolder = { pid: process.pid, startTime: processStartTime(process.pid) ?? '', command, since: new Date().toISOString() };
  const fallback = lockFallback(file);
  let firstProblem = unusable;
  const deadline = Date.now() + waitMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const at = firstProblem === undefined ? file : fallback;
    const other = at === file ? fallback : file;
    const cannot = (reason: string): boolean => {
      if (at === file) {
        firstProblem = reason;
        return true;
      }
      throw new StateError(`cannot take the lock of ${what}: ${file} (${firstProblem}) and ${fallback} (${reason}) are both unusable; free some space or make one of them writable`);
    };
    const r = tryTake(at, me);
    let busy: { holder: LockHolder; file: string } | undefined;
    if (r.kind === 'unwritable') {
      cannot(r.why);
      continue;
    } else if (r.kind === 'gone') {
      continue; // released meanwhile: try again
    } else if (r.kind === 'taken') {
      const rival = readHolder(other)?.holder;
      if (!rival || !holderAlive(rival)) return heldLock(at, me);
      // Someone holds the other place (the disk changed between our commands): back off.
      releaseFile(at, me);
      busy = { holder: rival, file: other };
    } else if (!r.holder || !holderAlive(r.holder)) {
      const outcome = takeOverStale(at, r.text, r.holder !== undefined);
      if (outcome !== 'ok') cannot(outcome);
      else if (!r.holder) await sleep(delay); // unreadable: maybe being written; give it a moment
      continue;
    } else busy = { holder: r.holder, file: at };
    const { holder } = busy;
    if (signal?.aborted) throw new InterruptedError(`interrupted while waiting for ${what} (held by pid ${holder.pid})`);
    if (Date.now() >= deadline) {
      throw new BusyError(
        `${what} is busy: \`${shown(holder.command)}\` (pid ${holder.pid}) has held it since ${shown(holder.since)}; wait for it to finish, or stop that process (lock file ${busy.file})`,
      );
    }
    // Jitter: two takers that backed off from each other must not meet again in step.
    await sleep(delay * (0.5 + Math.random()));
  }
}

function heldLock(file: string, me: LockHolder): Lock {
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      releaseFile(file, me);
    },
  };
}

/** Remove the lock if it is still ours. Never throws: a release runs in `finally` and must not hide the real error. */
function releaseFile(file: string, me: LockHolder): void {
  try {
    const h = readHolder(file)?.holder;
    if (h && h.pid === me.pid && h.startTime === me.startTime) fs.rmSync(file, { force: true });
  } catch {
    // a lock we cannot remove is stale once we exit: the next taker takes it over
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
 * 'ok': removed, or someone else is at it (try again); otherwise why the folder cannot be written
 * (read-only: the caller moves to the fallback).
 */
function takeOverStale(file: string, staleText: string, parsed: boolean): 'ok' | string {
  try {
    // An unreadable lock younger than 2 s is one being written right now, not a stale one.
    if (!parsed && Date.now() - fs.statSync(file).mtimeMs < 2000) return 'ok';
  } catch {
    return 'ok';
  }
  const mutex = `${file}.takeover`;
  try {
    fs.mkdirSync(mutex);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return why(e);
    // Another taker is at it; a mutex left by a taker killed mid-takeover is cleared after 10 s.
    try {
      if (Date.now() - fs.statSync(mutex).mtimeMs > 10_000) fs.rmdirSync(mutex);
    } catch {
      // gone already
    }
    return 'ok';
  }
  try {
    // Compare with the very text judged stale: the file may hold a newer, live lock by now (and an
    // empty one must still be old: a taker may have just created a new one that is still empty).
    const young = !parsed && Date.now() - fs.statSync(file).mtimeMs < 2000;
    if (!young && fs.readFileSync(file, 'utf8') === staleText) fs.rmSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return why(e);
  } finally {
    try {
      fs.rmdirSync(mutex);
    } catch {
      // cleared by another taker after 10 s
    }
  }
  return 'ok';
}

/**
 * The lock of a project's shared services on one engine (DESIGN §9): slots of several checkouts
 * (worktrees) start at once, and one compose up of `<name>-infra` at a time. Per user, in $TMPDIR.
 */
export async function withInfraLock<T>(name: string, engine: string, command: string, waitMs: number, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const file = path.join(os.tmpdir(), `devslot-locks-${uid}`, `infra-${sha256(`${engine}\0${name}`).slice(0, 16)}-${name}.lock`);
  const lock = await acquireFileLock(file, `the shared services of ${name}`, command, waitMs, signal);
  try {
    return await fn();
  } finally {
    lock.release();
  }
}
