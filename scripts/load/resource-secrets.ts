import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { readInstancesFile } from '../adapters/fs.js';
import type { Config } from '../config/types.js';
import { INSTANCES_DIR, instanceDirName } from '../names.js';
import { StateError } from '../errors.js';
import type { PlannedResource } from '../plan/resources.js';
import { RESOURCE_SECRETS_FILE } from '../plan/slot-plan.js';

/**
 * Each postgres resource's password for `slot`: the one kept in `.instances/instance-N/resources.json`
 * (0600, written with the slot's other files), or a new random one. Generating here keeps the
 * planner pure; a password that is not written yet (a dry run) is simply made again next time, and
 * ensure sets the role's password to whatever the plan holds.
 */
export function loadResourcePasswords(config: Config, slot: number): Record<string, string> {
  const names = Object.entries(config.resources).filter(([, r]) => r.kind === 'postgres').map(([n]) => n);
  if (!names.length) return {};
  const rel = path.join(INSTANCES_DIR, instanceDirName(slot), RESOURCE_SECRETS_FILE);
  const read = readInstancesFile(config.root, rel);
  if (read.problem) throw new StateError(read.problem);
  let kept: Record<string, unknown> = {};
  if (read.text !== undefined) {
    try {
      const parsed = JSON.parse(read.text) as { passwords?: unknown };
      if (parsed && typeof parsed.passwords === 'object' && parsed.passwords !== null) kept = parsed.passwords as Record<string, unknown>;
    } catch {
      // Unreadable: new passwords; the next ensure sets them on the roles.
    }
  }
  const out: Record<string, string> = {};
  for (const n of names) {
    const p = kept[n];
    out[n] = typeof p === 'string' && /^[A-Za-z0-9_-]{16,}$/.test(p) ? p : randomBytes(24).toString('base64url');
  }
  return out;
}

/**
 * The resources a start recorded for `slot` (resources.json), for clean: exactly what was made for
 * this slot, even when devslot.yaml has changed since. Entries of an unknown shape are left out.
 * Undefined when the file is there but holds no record to read (truncated, not JSON, `{}`, `null`,
 * another shape): the caller decides, rather than reading it as "nothing was made".
 */
export function readSlotResources(root: string, slot: number): PlannedResource[] | undefined {
  const rel = path.join(INSTANCES_DIR, instanceDirName(slot), RESOURCE_SECRETS_FILE);
  const read = readInstancesFile(root, rel);
  // A link or a file in the way: never read through it; clean's own removal of the folder names the problem.
  if (read.problem || read.text === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch {
    return undefined;
  }
  const list = typeof parsed === 'object' && parsed !== null ? (parsed as { resources?: unknown }).resources : undefined;
  if (!Array.isArray(list)) return undefined;
  return list.filter(isPlannedResource);
}

const str = (v: unknown): v is string => typeof v === 'string';
const argv = (v: unknown): v is string[] => Array.isArray(v) && v.every(str);

function isPlannedResource(v: unknown): v is PlannedResource {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (!str(r.name)) return false;
  if (r.kind === 'postgres') return str(r.admin) && str(r.database) && str(r.user);
  if (r.kind === 'redis') return str(r.baseUrl) && Number.isInteger(r.index);
  if (r.kind === 'command') return argv(r.exists) && argv(r.create) && argv(r.drop);
  return false;
}
