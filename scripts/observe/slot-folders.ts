import { hasOwnFiles, listInstanceSlots } from '../adapters/fs.js';
import path from 'node:path';
import { INSTANCES_DIR, instanceDirName } from '../names.js';

/** Slots with devslot's files under `.instances/` of this root. */
export function slotsOnDisk(root: string): number[] {
  return listInstanceSlots(root);
}

/** The slot's folder, relative to the root, when it holds files devslot wrote (clean removes it). */
export function ownSlotFolder(root: string, slot: number): string | undefined {
  const rel = path.join(INSTANCES_DIR, instanceDirName(slot));
  return hasOwnFiles(path.join(root, rel)) ? rel : undefined;
}
