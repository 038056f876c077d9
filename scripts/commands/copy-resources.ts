import path from 'node:path';
import { RuntimeError, StateError } from '../errors.js';
import { readSlotResources } from '../load/resource-secrets.js';
import { INSTANCES_DIR, instanceDirName } from '../names.js';
import { readCreated } from '../observe/slot.js';
import { CREATED } from '../plan/hook-ops.js';
import type { Operation } from '../plan/operations.js';
import type { PlannedResource } from '../plan/resources.js';

export interface ResourcePairs {
  pairs: { from: PlannedResource; to: PlannedResource }[];
  /** Resources a clone cannot copy (command resources): named in the report. */
  leftOut: string[];
}

/**
 * clone in shared-infra mode (DESIGN §9, §13): the source slot's postgres and redis resources as its
 * start recorded them (resources.json: what exists, even if devslot.yaml changed since), each paired
 * with the target's planned resource of the same name. `--only` keeps those on the named services.
 */
export function resourcePairs(root: string, from: number, to: Record<string, PlannedResource>, only: string[]): ResourcePairs {
  const recorded = readSlotResources(root, from);
  const out: ResourcePairs = { pairs: [], leftOut: [] };
  if (!recorded && Object.values(to).some((r) => r.kind !== 'command' && (!only.length || (r.service && only.includes(r.service))))) {
    throw new StateError(`${INSTANCES_DIR}/${instanceDirName(from)}/resources.json holds no record devslot can read, so slot ${from}'s databases are not known; \`devslot ${from} start\` writes it again`);
  }
  for (const r of Object.values(to).sort((a, b) => a.name.localeCompare(b.name))) {
    if (only.length && (!r.service || !only.includes(r.service))) continue;
    if (r.kind === 'command') {
      out.leftOut.push(`resources.${r.name} (a command resource: devslot cannot copy it)`);
      continue;
    }
    const src = (recorded ?? []).find((x) => x.name === r.name && x.kind === r.kind);
    if (!src) throw new RuntimeError(`slot ${from} has no resources.${r.name} (${INSTANCES_DIR}/${instanceDirName(from)}/resources.json does not list it); start it first: \`devslot ${from} start\``);
    out.pairs.push({ from: src, to: r });
  }
  return out;
}

/** Whether slot N recorded resources a clone copies (postgres, redis). */
export function hasCopyableResources(root: string, slot: number): boolean {
  return (readSlotResources(root, slot) ?? []).some((r) => r.kind !== 'command');
}

/**
 * The target got the source's data, so its next start must not run the created hook again (it
 * would seed on top): the record is written for the volumes the clone wrote, when the source's
 * created hook had succeeded and the whole slot was copied (not `--only`).
 */
export function createdRecordOp(root: string, from: number, to: { slot: number; dir: string; project: string }, volumes: string[], only: string[]): Operation[] {
  if (only.length) return [];
  // A damaged record cannot say the hook ran: the target's start then runs it, as the source's would.
  const created = readCreated(path.join(root, INSTANCES_DIR, instanceDirName(from), CREATED));
  if (!created || created.unreadable) return [];
  return [{ slot: to.slot, kind: 'record-created', root, file: `${to.dir}/${CREATED}`, project: to.project, volumes, cause: `slot ${to.slot} holds slot ${from}'s data, made by its created hook: the next start does not run it again` }];
}
