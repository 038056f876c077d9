import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { INSTANCES_DIR } from '../names.js';
import { checkInstancesPath, ensureIgnored, readInstancesFile, writeAtomic } from './fs.js';

export const IDENTITY_FILE = '.identity';

/**
 * This checkout's identity (issue 11): a random id kept in `.instances/.identity` with the root it
 * was made for. A copied folder carries the file along, so an id recorded for another path is not
 * ours: a new one is made. `create` false (dry runs, stop): nothing is written, and a missing or
 * foreign file gives an id nothing holds.
 */
export function checkoutIdentity(root: string, create: boolean): { root: string; id: string } {
  const rel = path.join(INSTANCES_DIR, IDENTITY_FILE);
  let saved: { id?: unknown; root?: unknown } | null | undefined;
  // Never through a link: a symlinked .instances is refused where devslot writes, and read as no identity here.
  const text = readInstancesFile(root, rel).text;
  try {
    saved = JSON.parse(text ?? 'null') as typeof saved;
  } catch {
    // A damaged file (empty, truncated, not JSON): replaced below like a foreign one. Read as
    // "none yet", it stayed forever: the link-if-absent below found it there on every run and each
    // run got a fresh random id, so no start or stop could ever match its own claim again.
    saved = {};
  }
  if (text !== undefined && (saved === null || typeof saved !== 'object')) saved = {};
  if (saved && typeof saved.id === 'string' && /^[0-9a-f-]{8,64}$/.test(saved.id) && saved.root === root) return { root, id: saved.id };
  const id = randomUUID();
  if (!create) return { root, id };
  ensureIgnored(root);
  const file = checkInstancesPath(root, rel, 'file');
  if (saved !== undefined && saved !== null) {
    // A file of another root or a damaged one: replaced.
    writeAtomic(file, `${JSON.stringify({ id, root })}\n`, 0o644, rel);
    return { root, id };
  }
  // None yet: created once. Two starts at the same moment (`start 1` and `start 2`) must not each
  // claim a slot under an id of their own: the file is linked into place only if absent, and the
  // loser reads the winner's.
  const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  writeAtomic(tmp, `${JSON.stringify({ id, root })}\n`, 0o644, rel);
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return checkoutIdentity(root, false);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return { root, id };
}
