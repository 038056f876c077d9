import { randomUUID } from 'node:crypto';
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
  let saved: { id?: unknown; root?: unknown } | undefined;
  try {
    // Never through a link: a symlinked .instances is refused where devslot writes, and read as no identity here.
    saved = JSON.parse(readInstancesFile(root, rel).text ?? 'null') as typeof saved;
  } catch {
    saved = undefined; // a damaged file: a new identity replaces it
  }
  if (saved && typeof saved.id === 'string' && /^[0-9a-f-]{8,64}$/.test(saved.id) && saved.root === root) return { root, id: saved.id };
  const id = randomUUID();
  if (create) {
    ensureIgnored(root);
    writeAtomic(checkInstancesPath(root, rel, 'file'), `${JSON.stringify({ id, root })}\n`, 0o644, rel);
  }
  return { root, id };
}
