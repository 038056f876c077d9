import path from 'node:path';
import { readText } from '../adapters/fs.js';
import { INSTANCES_DIR, instanceDirName } from '../names.js';
import type { SlotInfo } from '../plan/slot-json.js';

/** The slot plan saved by init/start (slot.json), if this checkout has one for the slot. */
export interface SavedSlot extends SlotInfo {
  slot: number;
  project: string;
  namespace: string;
  root: string;
  compose: SlotInfo['compose'] & { project: string; files: string[]; envFiles: string[]; profiles: string[] };
}

export function readSavedSlot(root: string, slot: number): SavedSlot | undefined {
  const text = readText(path.join(root, INSTANCES_DIR, instanceDirName(slot), 'slot.json'));
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as SavedSlot;
  } catch {
    return undefined;
  }
}
