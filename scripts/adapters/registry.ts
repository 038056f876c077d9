import fs from 'node:fs';
import path from 'node:path';
import { writeAtomic } from './fs.js';
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
 * The slot registry of issue 5, in the repository's common git dir (`<common>/devslot/leases.json`),
 * so every worktree sees the same one. Read-modify-write happens under a lock file beside it.
 */
export function registryFile(commonDir: string): string {
  return path.join(commonDir, 'devslot', 'leases.json');
}

export function readRegistry(commonDir: string): Registry {
  try {
    const reg = JSON.parse(fs.readFileSync(registryFile(commonDir), 'utf8')) as Registry;
    return reg && reg.version === 1 && reg.projects ? reg : emptyRegistry();
  } catch {
    return emptyRegistry();
  }
}

/** Run `fn` on the registry under its lock; write it back when `fn` changed it. */
export async function updateRegistry<T>(commonDir: string, fn: (reg: Registry) => Promise<T> | T): Promise<T> {
  const file = registryFile(commonDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lock = await acquireFileLock(`${file}.lock`, 'the slot registry', 'devslot (leasing a slot)', 60_000);
  try {
    const reg = readRegistry(commonDir);
    const before = JSON.stringify(reg);
    const result = await fn(reg);
    const after = JSON.stringify(reg, null, 2);
    if (JSON.stringify(reg) !== before) writeAtomic(file, `${after}\n`, 0o644);
    return result;
  } finally {
    lock.release();
  }
}
