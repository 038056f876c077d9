import { hasOwnFiles, instancesPathProblem, listInstanceSlots } from '../adapters/fs.js';
import path from 'node:path';
import { INSTANCES_DIR, instanceDirName } from '../names.js';

/** Slots with devslot's files under `.instances/` of this root. */
export function slotsOnDisk(root: string): number[] {
  return listInstanceSlots(root);
}

/**
 * The slot's folder, relative to the root, when clean has something to do there: it holds files
 * devslot wrote, or something is in the way (a symlink, a file for a folder), which the remove
 * operation then refuses in one line rather than clean passing it by in silence.
 */
export function ownSlotFolder(root: string, slot: number): string | undefined {
  const rel = path.join(INSTANCES_DIR, instanceDirName(slot));
  if (instancesPathProblem(root, rel, 'dir')) return rel;
  return hasOwnFiles(path.join(root, rel)) ? rel : undefined;
}
