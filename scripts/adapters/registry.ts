import fs from 'node:fs';
import path from 'node:path';
import { fsFailure, setAside, writeAtomic } from './fs.js';
import { acquireFileLock } from './lock.js';

/** One worktree's claim on a slot (issue 5). */
export interface Lease {
  slot: number;
  worktree: string;
  branch: string | null;
  commit: string;
  created: string;
  used: string;
}

/** The registry: leases per devslot project name (one repository may hold several projects). */
export interface Registry {
  version: 1;
  projects: Record<string, Lease[]>;
}

export const emptyRegistry = (): Registry => ({ version: 1, projects: {} });

/**
 * The file of the slot registry of issue 5, in the repository's common git dir
 * (`<common>/devslot/leases.json`), so every worktree sees the same one. Only I/O here: text in,
 * text out, under a lock file beside it. What the text must hold is leases/registry.ts's business.
 */
export function registryFile(commonDir: string): string {
  return path.join(commonDir, 'devslot', 'leases.json');
}

/** The registry's text; undefined when there is none yet. */
export function readRegistryText(commonDir: string): string | undefined {
  const file = registryFile(commonDir);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsFailure(e, 'read', file);
  }
}

export interface RegistryFile {
  /** The text when the lock was taken (undefined: no file). */
  text: string | undefined;
  write(text: string): void;
  /** Rename the file aside (`leases.json.bad-<time>`); the new name, or why it stayed. */
  setAside(): { to: string } | { failed: string };
}

/** Run `fn` holding the registry's lock, with its text and the means to replace or set it aside. */
export async function withRegistryFile<T>(commonDir: string, fn: (file: RegistryFile) => Promise<T>): Promise<T> {
  const file = registryFile(commonDir);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (e) {
    throw fsFailure(e, 'create', path.dirname(file));
  }
  const lock = await acquireFileLock(`${file}.lock`, 'the slot registry', 'devslot (leasing a slot)', 60_000);
  try {
    const text = readRegistryText(commonDir);
    return await fn({ text, write: (t) => writeAtomic(file, t, 0o644), setAside: () => (text === undefined ? { failed: 'absent' } : setAside(file, text)) });
  } finally {
    lock.release();
  }
}
