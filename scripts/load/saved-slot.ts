import path from 'node:path';
import { readInstancesFile, setAside } from '../adapters/fs.js';
import { INSTANCES_DIR, instanceDirName } from '../names.js';
import { array, int, num, object, optional, parseJson, record, shapeProblem, str } from '../plan/shape.js';
import type { SlotInfo } from '../plan/slot-json.js';

/** The slot plan saved by init/start (slot.json), if this checkout has one for the slot. */
export interface SavedSlot extends SlotInfo {
  slot: number;
  project: string;
  namespace: string;
  root: string;
  compose: SlotInfo['compose'] & { project: string; files: string[]; envFiles: string[]; profiles: string[] };
}

/** Says one line on stderr (without the `devslot: ` prefix and newline). */
export type Warn = (line: string) => void;

const savedShape = object({
  slot: int,
  project: str,
  namespace: str,
  root: str,
  ports: record(num),
  portTargets: optional(record(num)),
  health: record(object({})),
  compose: object({ project: str, files: array(str), envFiles: array(str), profiles: array(str), services: array(str) }),
  apps: array(object({ name: str, base: str })),
});

/** Why a parsed slot.json cannot be used for `slot`, or undefined. Pure. */
export function savedSlotProblem(value: unknown, slot: number): string | undefined {
  const bad = shapeProblem(savedShape, value);
  if (bad) return bad;
  const s = (value as SavedSlot).slot;
  return s === slot ? undefined : `slot: ${s}, not ${slot}`;
}

/**
 * The slot's slot.json, checked. A bad one (`{}`, `null`, truncated, wrong types) is set aside
 * with one line through `warn` (init or start writes it again); without `warn` it is only ignored,
 * never moved silently. Never follows a symlink out of `.instances/`.
 */
export function readSavedSlot(root: string, slot: number, warn?: Warn): SavedSlot | undefined {
  const rel = path.join(INSTANCES_DIR, instanceDirName(slot), 'slot.json');
  const read = readInstancesFile(root, rel);
  if (read.problem) {
    warn?.(read.problem);
    return undefined;
  }
  if (read.text === undefined) return undefined;
  const json = parseJson(read.text);
  const problem = json.ok ? savedSlotProblem(json.value, slot) : json.problem;
  if (!problem) return (json as { value: SavedSlot }).value;
  if (warn) {
    const moved = setAside(path.join(root, rel), read.text);
    const what = 'to' in moved ? `set aside as ${moved.to}` : `ignored (not set aside: ${moved.failed})`;
    warn(`${rel}: ${problem}; ${what}; \`devslot ${slot} init\` writes it again`);
  }
  return undefined;
}
