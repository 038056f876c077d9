import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StateError } from '../errors.js';
import { isGenerated } from '../plan/headers.js';
import type { PlannedFile } from '../plan/slot-plan.js';
import { sha256 } from '../hash.js';
import { INSTANCES_DIR, OWN_DOT_FILES, instanceDirName } from '../names.js';

/**
 * The only module that writes to disk, and only below `<root>/.instances/`. Every path it writes or
 * removes there is checked component by component with lstat first (checkInstancesPath): a
 * symlinked `.instances`, slot folder or file is never followed out, and a file or folder in the
 * way is named, not tripped over.
 */

export function readText(abs: string): string | undefined {
  try {
    return fs.readFileSync(abs, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on its disk; free some space and run again',
  EDQUOT: 'the disk quota is used up; free some space and run again',
  EROFS: 'its file system is read-only; make it writable and run again',
  EACCES: 'permission denied; check the owner and mode of the folder',
  EPERM: 'operation not permitted (an immutable file or folder?); check `lsattr` and the owner',
  EISDIR: 'a folder is in the way of a file; move it away and run again',
  ENOTDIR: 'a file is in the way of a folder; move it away and run again',
  ELOOP: 'a symlink is in the way; remove it and run again',
  EMFILE: 'too many open files; close some programs and run again',
};

/** One line for a failed file operation: what, where, why, what to do. Not an errno: rethrown. */
export function fsFailure(e: unknown, verb: string, display: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return e;
  return new StateError(`cannot ${verb} ${display}: ${REASONS[code] ?? `${code} (${(e as Error).message.split('\n')[0]})`}`);
}

/**
 * Write via a temp file in the same folder and rename, so a crash never leaves half a file.
 * The mode is set with fchmod after open, so the umask cannot widen or narrow it. The temp file is
 * created with O_EXCL, so it is never a symlink, and the rename replaces a directory entry, never
 * what a symlink points to. A failure (full disk, read-only) leaves no temp file and becomes one line.
 */
export function writeAtomic(abs: string, content: string, mode: number, display = abs): void {
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
  } catch (e) {
    throw fsFailure(e, 'write', display);
  }
  try {
    try {
      fs.fchmodSync(fd, mode);
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw fsFailure(e, 'write', display);
  }
}

function lstatOrUndefined(abs: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsFailure(e, 'read', abs);
  }
}

function linkTarget(abs: string): string {
  try {
    return ` (to ${fs.readlinkSync(abs)})`;
  } catch {
    return '';
  }
}

/**
 * Why `rel` (relative to the root, below `.instances/`) cannot be used without following a link
 * or tripping over something in the way, or undefined when every existing component from
 * `.instances` down is a real folder and the last one is absent or of the kind `last`.
 */
export function instancesPathProblem(root: string, rel: string, last: 'file' | 'dir'): string | undefined {
  const base = path.resolve(root, INSTANCES_DIR);
  const abs = path.resolve(root, rel);
  if (abs !== base && !abs.startsWith(base + path.sep)) return `${rel}: refusing to write outside ${INSTANCES_DIR}/`;
  const parts = path.relative(base, abs).split(path.sep).filter(Boolean);
  let at = base;
  for (let i = -1; i < parts.length; i++) {
    if (i >= 0) at = path.join(at, parts[i]!);
    const shown = path.relative(root, at);
    const st = lstatOrUndefined(at);
    if (!st) return undefined; // the rest does not exist yet: it will be created as real folders
    const isLast = i === parts.length - 1;
    if (st.isSymbolicLink()) {
      return `${shown} is a symlink${linkTarget(at)}; devslot writes only into real folders below ${INSTANCES_DIR}/ and never follows a link out: remove the link (\`rm ${shown}\`) and run again`;
    }
    if (isLast && last === 'file') {
      if (st.isDirectory()) return `${shown} is a folder where devslot writes a file; move it away and run again`;
      if (!st.isFile()) return `${shown} is not a regular file; move it away and run again`;
    } else if (!st.isDirectory()) {
      return `${shown} is a file where devslot keeps a folder; move it away and run again`;
    }
  }
  return undefined;
}

/** The absolute path of `rel`, after instancesPathProblem found nothing in the way (else a StateError). */
export function checkInstancesPath(root: string, rel: string, last: 'file' | 'dir'): string {
  const problem = instancesPathProblem(root, rel, last);
  if (problem) throw new StateError(problem);
  return path.resolve(root, rel);
}

function mkdirInside(root: string, rel: string): void {
  const abs = checkInstancesPath(root, rel, 'dir');
  try {
    fs.mkdirSync(abs, { recursive: true });
  } catch (e) {
    throw fsFailure(e, 'create', rel);
  }
}

/**
 * Read a state file below `.instances/` without following a symlink: undefined when absent;
 * `problem` when something is in the way (a link, a folder), so the caller can say so.
 */
export function readInstancesFile(root: string, rel: string): { text?: string; problem?: string } {
  const problem = instancesPathProblem(root, rel, 'file');
  if (problem) return { problem };
  try {
    return { text: readText(path.resolve(root, rel)) };
  } catch (e) {
    return { problem: (fsFailure(e, 'read', rel) as Error).message };
  }
}

/**
 * Move a state file devslot cannot trust out of the way (`<file>.bad-<UTC time>`), keeping it for
 * a look; the caller rebuilds it. Only when it still holds `seen` (another command may have
 * replaced it meanwhile). Returns the new name, or why it stayed.
 */
/** The name setAside gives a file it keeps: `<file>.bad-<UTC time>[-<hex>]`. */
const SET_ASIDE = /\.bad-\d{8}T\d{6}Z(?:-[0-9a-f]{4})?$/;

export function setAside(abs: string, seen: string): { to: string } | { failed: string } {
  const to = `${abs}.bad-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
  try {
    if (fs.lstatSync(abs).isSymbolicLink() || fs.readFileSync(abs, 'utf8') !== seen) return { failed: 'it changed meanwhile' };
    fs.renameSync(abs, fs.existsSync(to) ? `${to}-${randomBytes(2).toString('hex')}` : to);
    return { to: path.basename(to) };
  } catch (e) {
    return { failed: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
}

/** `.instances/` holds only per-machine files: git ignores all of it. */
export function ensureIgnored(root: string): void {
  mkdirInside(root, INSTANCES_DIR);
  const ignoreRel = path.join(INSTANCES_DIR, '.gitignore');
  const ignore = checkInstancesPath(root, ignoreRel, 'file');
  if (readText(ignore) === undefined) writeAtomic(ignore, '# Generated by devslot: slot files are per machine.\n*\n', 0o644, ignoreRel);
}

export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Unreadable files set aside before being replaced: `path → kept as name`. */
  setAside?: string[];
}

function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/**
 * Make `.instances/instance-N/` hold exactly the planned files: write the ones whose content or
 * mode differs, and remove generated files the plan no longer has. The user's `*.local.env`
 * files and anything without devslot's header are never touched.
 */
export function writeInstance(root: string, dir: string, files: PlannedFile[]): WriteReport {
  const report: WriteReport = { written: [], unchanged: [], removed: [] };
  mkdirInside(root, dir);
  ensureIgnored(root);
  for (const f of files) {
    const abs = checkInstancesPath(root, f.path, 'file');
    const current = readText(abs);
    const mode = current === undefined ? undefined : fs.statSync(abs).mode & 0o777;
    if (current === f.content && mode === f.mode) {
      report.unchanged.push(f.path);
      continue;
    }
    if (f.keepUnreadable && current !== undefined && !isJsonObject(current)) {
      const moved = setAside(abs, current);
      if (!('to' in moved)) throw new StateError(`${f.path} is not JSON devslot can read and could not be set aside (${moved.failed}); move it out of the way and run the command again`);
      (report.setAside ??= []).push(`${f.path} (kept as ${moved.to})`);
    }
    writeAtomic(abs, f.content, f.mode, f.path);
    report.written.push(f.path);
  }
  const planned = new Set(files.filter((f) => path.dirname(f.path) === dir).map((f) => path.basename(f.path)));
  const absDir = checkInstancesPath(root, dir, 'dir');
  for (const entry of fs.readdirSync(absDir)) {
    // A copy setAside kept (`resources.json.bad-<time>`) still carries devslot's header when the
    // file was cut short after it: it is the user's to look at, never a stale generated file.
    if (planned.has(entry) || entry.endsWith('.local.env') || entry.startsWith('.') || SET_ASIDE.test(entry)) continue;
    const abs = path.join(absDir, entry);
    if (!fs.lstatSync(abs).isFile()) continue;
    if (isGenerated(head(abs))) {
      try {
        fs.rmSync(abs);
      } catch (e) {
        throw fsFailure(e, 'remove', path.join(dir, entry));
      }
      report.removed.push(path.join(dir, entry));
    }
  }
  return report;
}

/** The first bytes of a file: enough to see devslot's header without reading a big file whole. */
function head(abs: string): string {
  const fd = fs.openSync(abs, 'r');
  try {
    const buf = Buffer.alloc(200);
    return buf.subarray(0, fs.readSync(fd, buf, 0, 200, 0)).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** A byte-for-byte picture of a tree (folders included), for checking nothing changed. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        out[`${path.relative(dir, p)}/`] = 'dir';
        walk(p);
      } else out[path.relative(dir, p)] = `${(fs.statSync(p).mode & 0o777).toString(8)} ${sha256(fs.readFileSync(p))}`;
    }
  };
  walk(dir);
  return out;
}

/**
 * Slot numbers that have a `.instances/instance-N/` entry, in order. A symlinked `.instances` is
 * not read (it is never followed); a symlinked slot entry counts, unfollowed, so commands on that
 * slot name it instead of skipping it.
 */
export function listInstanceSlots(root: string): number[] {
  const base = path.join(root, INSTANCES_DIR);
  let names: string[];
  try {
    if (!fs.lstatSync(base).isDirectory()) return [];
    names = fs.readdirSync(base);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const m = /^instance-(0|[1-9][0-9]*)$/.exec(n);
    return m && hasOwnFiles(path.join(base, n)) ? [Number(m[1])] : [];
  }).sort((a, b) => a - b);
}

/** A slot folder holding only the user's `*.local.env` (what clean keeps) is not a known slot. */
export function hasOwnFiles(dir: string): boolean {
  try {
    const st = fs.lstatSync(dir);
    if (st.isSymbolicLink()) return true;
    return st.isDirectory() && fs.readdirSync(dir).some((e) => !e.endsWith('.local.env'));
  } catch {
    return false;
  }
}

/** A temp file of writeAtomic, or a state file set aside by setAside: both are devslot's. */
const OWN_NAME = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$|\.bad-\d{8}T\d{6}Z(-[0-9a-f]{4})?$/;

/** Whether a slot-folder entry is devslot's to remove: its dot files, or a regular file with its header. */
function isOwnEntry(abs: string, name: string): boolean {
  const st = fs.lstatSync(abs);
  if (!st.isFile()) return false; // folders, links, sockets: never devslot's here
  if ((OWN_DOT_FILES as readonly string[]).includes(name) || OWN_NAME.test(name)) return true;
  try {
    return isGenerated(head(abs));
  } catch {
    return false;
  }
}

/**
 * Remove devslot's files from `.instances/instance-N/` and the folder when nothing else is left.
 * Only what devslot wrote goes: its generated files (by header) and its own dot files. The user's
 * `*.local.env` and anything else (files without the header, folders, links) stay and are listed
 * in `kept`; `foreign` is the part of `kept` devslot did not write. A symlinked `.instances` or
 * slot folder is never followed: a StateError names it. Undefined: nothing of devslot's was there.
 */
export function removeInstanceDir(root: string, slot: number): { kept: string[]; foreign: string[] } | undefined {
  const rel = path.join(INSTANCES_DIR, instanceDirName(slot));
  const dir = checkInstancesPath(root, rel, 'dir');
  if (!hasOwnFiles(dir)) return undefined; // absent, or only the user's *.local.env
  const kept: string[] = [];
  const foreign: string[] = [];
  try {
    for (const entry of fs.readdirSync(dir).sort()) {
      const abs = path.join(dir, entry);
      if (entry.endsWith('.local.env')) kept.push(entry);
      else if (isOwnEntry(abs, entry)) fs.rmSync(abs);
      else {
        kept.push(entry);
        foreign.push(entry);
      }
    }
    if (!kept.length) fs.rmdirSync(dir);
  } catch (e) {
    throw fsFailure(e, 'remove files in', `${rel}/`);
  }
  return { kept, foreign };
}


/**
 * A slot's own copy of a bind-mount source (compose.perSlotMounts), created before compose up so
 * Docker does not create it as root, nor a folder where a file belongs: a file source is copied
 * once, anything else starts as an empty folder. An existing one is the slot's data: kept.
 */
export function ensureSlotMount(root: string, rel: string, from: string): 'created' | 'kept' {
  const abs = checkInstancesPath(root, rel, 'dir');
  if (fs.existsSync(abs)) return 'kept';
  let isFile = false;
  try {
    isFile = fs.statSync(from).isFile();
  } catch {
    isFile = false;
  }
  mkdirInside(root, isFile ? path.dirname(rel) : rel);
  try {
    if (isFile) fs.copyFileSync(from, abs);
  } catch (e) {
    throw fsFailure(e, 'create', rel);
  }
  return 'created';
}

/**
 * Create `abs` (before null) or replace it, only while it still holds exactly `before`: a file a
 * person created or edited since devslot read it is left alone and reported. A new file appears
 * whole or not at all (a hard link of a complete temp file, which fails when the name exists);
 * a replaced one keeps its mode.
 */
export function writeProjectFile(abs: string, before: string | null, content: string, display = abs): void {
  const now = readText(abs);
  if (before === null ? now !== undefined || lstatOrUndefined(abs) !== undefined : now !== before) {
    throw new StateError(`${display} ${before === null ? 'appeared' : 'changed'} while devslot was preparing it; it is left as it is: run the command again`);
  }
  if (before !== null) {
    writeAtomic(abs, content, fs.statSync(abs).mode & 0o7777, display);
    return;
  }
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  writeAtomic(tmp, content, 0o644, display);
  try {
    fs.linkSync(tmp, abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new StateError(`${display} appeared while devslot was preparing it; it is left as it is: run the command again`);
    throw fsFailure(e, 'write', display);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
