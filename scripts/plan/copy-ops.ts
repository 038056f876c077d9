import {
  COPY_RECORDS_DIR, INSTANCES_DIR, LABEL_COPY_RUN, LABEL_PROJECT, LABEL_ROOT, LABEL_SLOT, LABEL_SNAPSHOT, LABEL_SNAPSHOT_CREATED,
  LABEL_SNAPSHOT_FROM, LABEL_SNAPSHOT_PROJECT, LABEL_SNAPSHOT_VOLUME, LABEL_VOLUME, composeVolumeName, snapshotVolumeName,
} from '../names.js';
import type { Operation } from './operations.js';
import type { PlannedResource } from './resources.js';

/**
 * Clone, snapshot and restore (DESIGN §13, issue 16) as operations: record the run, hold the
 * source still (pause, or stop with --stop), create each target volume labelled the way compose
 * (or `snapshot ls`) finds it, copy, let the source go, then the target's files and post-clone
 * hooks. Pure: the caller observed the volumes and containers and picked the run id and time.
 *
 * In shared-infra mode a slot's Postgres database (`CREATE DATABASE … TEMPLATE`) and Redis DB index
 * are copied too (copy-resource), between the volume copy and the resume: volumes and databases
 * are then taken while the slot's containers are held still.
 */

export interface ContainerRef {
  id: string;
  name: string;
}

/** What a run leaves behind if it is killed: what to let go and what to remove. */
export interface CopyRecord {
  run: string;
  pid: number;
  project: string;
  containers: ContainerRef[];
  stopped: boolean;
  /** Volumes this run creates (each also carries LABEL_COPY_RUN = run, which recovery checks). */
  volumes: string[];
  helpers: string[];
  /**
   * Shared-infra resources this run copies: the source slot (its resources.json has the admin
   * URLs, so no credential is written here) and per resource the source and target database or
   * DB index. Recovery opens each source database again and drops each target.
   */
  resources?: { fromSlot: number; items: { name: string; kind: 'postgres' | 'redis'; from: string; to: string }[] };
}

/** A source volume: its engine name, its key (compose's `volumes:` key) and its labels. */
export interface SourceVolume {
  name: string;
  key: string;
  labels: Record<string, string>;
}

export type CopyTarget =
  | { kind: 'slot'; slot: number; project: string }
  | { kind: 'snapshot'; snapshot: string; fromSlot: number };

export interface CopyInput {
  root: string;
  /** The config's name (snapshot volume names and labels). */
  name: string;
  run: string;
  pid: number;
  /** ISO time, for a snapshot's label. */
  now: string;
  image: string;
  /** Whence, for causes: `slot 1`, `snapshot seeded`. */
  source: string;
  sourceProject: string;
  volumes: SourceVolume[];
  /** Running containers of the source to hold still (none for a snapshot, which nothing runs). */
  hold: ContainerRef[];
  stop: boolean;
  target: CopyTarget;
  /** Target volumes that exist now and are replaced (restore, clone --force). */
  replace: string[];
  /** After the copy: the target's files and post-clone hooks (clone, restore). */
  after: Operation[];
  /** clone in shared-infra mode: each of the source slot's resources and the target's of the same name. */
  resources?: { from: PlannedResource; to: PlannedResource }[];
  /** --force: a target database or Redis DB that holds data is replaced. */
  replaceResources?: boolean;
  /** The source slot (clone), for the record of its resources. */
  sourceSlot?: number;
}

export const copyRecordFile = (run: string): string => `${INSTANCES_DIR}/${COPY_RECORDS_DIR}/${run}.json`;

/** The target volume's name and labels for one source volume. */
export function targetVolume(input: Pick<CopyInput, 'root' | 'name' | 'run' | 'now' | 'target'>, v: SourceVolume): { name: string; labels: Record<string, string> } {
  const t = input.target;
  const run = { [LABEL_COPY_RUN]: input.run };
  if (t.kind === 'snapshot') {
    const version = v.labels['com.docker.compose.version'];
    return {
      name: snapshotVolumeName(input.name, t.snapshot, v.key),
      labels: { [LABEL_SNAPSHOT]: t.snapshot, [LABEL_SNAPSHOT_PROJECT]: input.name, [LABEL_ROOT]: input.root, [LABEL_SNAPSHOT_VOLUME]: v.key, [LABEL_SNAPSHOT_FROM]: String(t.fromSlot), [LABEL_SNAPSHOT_CREATED]: input.now, ...(version ? { 'com.docker.compose.version': version } : {}), ...run },
    };
  }
  // What compose 2.26 checks when it meets an existing volume is its project label (else: "already
  // exists but was not created by Docker Compose"); the rest is what compose and start put there.
  const keep = Object.fromEntries(Object.entries(v.labels).filter(([k]) => k.startsWith('com.docker.compose.') || k.startsWith('dev.devslot.') && !k.startsWith('dev.devslot.snapshot') && k !== LABEL_COPY_RUN));
  return {
    name: composeVolumeName(t.project, v.key),
    labels: { ...keep, [LABEL_PROJECT]: t.project, [LABEL_VOLUME]: v.key, [LABEL_SLOT]: String(t.slot), [LABEL_ROOT]: input.root, ...run },
  };
}

export function copyOperations(input: CopyInput): Operation[] {
  const slot = input.target.kind === 'slot' ? input.target.slot : input.target.fromSlot;
  const targets = input.volumes.map((v) => ({ v, ...targetVolume(input, v) }));
  const helper = `devslot-copy-${input.run}`;
  const file = copyRecordFile(input.run);
  const dest = input.target.kind === 'slot' ? `slot ${input.target.slot}` : `snapshot ${input.target.snapshot}`;
  const record: CopyRecord = { run: input.run, pid: input.pid, project: input.sourceProject, containers: input.hold, stopped: input.stop, volumes: targets.map((t) => t.name), helpers: [helper] };
  const items = (input.resources ?? []).flatMap(({ from, to }): NonNullable<CopyRecord['resources']>['items'] => {
    if (from.kind === 'postgres' && to.kind === 'postgres') return [{ name: to.name, kind: 'postgres', from: from.database, to: to.database }];
    if (from.kind === 'redis' && to.kind === 'redis') return [{ name: to.name, kind: 'redis', from: String(from.index), to: String(to.index) }];
    return [];
  });
  if (items.length && input.sourceSlot !== undefined) record.resources = { fromSlot: input.sourceSlot, items };
  const ops: Operation[] = [{ slot, kind: 'record-copy', root: input.root, file, record, cause: 'so the next devslot command can undo this copy if it is killed half way' }];
  for (const name of input.replace) ops.push({ slot, kind: 'remove-volume', name, cause: `${dest}'s volume is replaced by ${input.source}'s` });
  for (const t of targets) ops.push({ slot, kind: 'create-volume', name: t.name, labels: t.labels, cause: `${t.v.key} of ${dest}${input.target.kind === 'slot' ? ', labelled as compose labels its own' : ''}` });
  // The volumes exist before the source is held: the pause covers the copy alone.
  if (input.hold.length) ops.push({ slot, kind: 'pause-containers', project: input.sourceProject, containers: input.hold, stop: input.stop, cause: input.stop ? `--stop: ${input.source} is stopped for the copy` : `every volume of ${input.source} is taken at one instant` });
  if (targets.length) ops.push({ slot, kind: 'copy-volumes', pairs: targets.map((t) => ({ from: t.v.name, to: t.name })), image: input.image, helper, labels: { [LABEL_ROOT]: input.root, [LABEL_COPY_RUN]: input.run }, cause: `${targets.map((t) => t.v.key).join(', ')} of ${input.source}, in one container` });
  for (const r of input.resources ?? []) ops.push({ slot, kind: 'copy-resource', from: r.from, to: r.to, replace: !!input.replaceResources, run: input.run, cwd: input.root, cause: `resources.${r.to.name} of ${dest} becomes a copy of ${input.source}'s` });
  if (input.hold.length) ops.push({ slot, kind: 'resume-containers', project: input.sourceProject, containers: input.hold, stopped: input.stop, cause: `the copy of ${input.source} is done` });
  ops.push(...input.after);
  ops.push({ slot, kind: 'forget-copy', root: input.root, file, cause: 'the copy is complete' });
  return ops;
}

/**
 * What undoes a failed or interrupted run: let the source go if it is still held, remove every
 * volume this run created, forget the record. (Replaced volumes are gone: restore means replace.)
 */
export function undoOperations(ops: Operation[], done: Operation[]): Operation[] {
  const has = (kind: Operation['kind']) => done.some((o) => o.kind === kind);
  const undo: Operation[] = [];
  const hold = ops.find((o) => o.kind === 'pause-containers');
  // The op that failed is the first not done: a pause that failed half way (one container paused,
  // the next refused) leaves some held too.
  const failed = ops[done.length];
  const held = has('pause-containers') ? !has('resume-containers') : failed?.kind === 'pause-containers';
  if (hold?.kind === 'pause-containers' && held) undo.push({ slot: hold.slot, kind: 'resume-containers', project: hold.project, containers: hold.containers, stopped: hold.stop, cause: 'the copy did not finish: the source is let go' });
  for (const o of done) if (o.kind === 'create-volume') undo.push({ slot: o.slot, kind: 'remove-volume', name: o.name, cause: 'the copy failed: no partial target stays' });
  // A copy-resource that failed undid its own part; those done are dropped (a database this run made,
  // a DB index it filled), as this checkout's: the DB index carries its mark.
  for (const o of done) if (o.kind === 'copy-resource') undo.push({ slot: o.slot, kind: 'drop-resource', resource: o.to, cwd: o.cwd, cause: 'the copy failed: no partial target stays' });
  const rec = done.find((o) => o.kind === 'record-copy');
  if (rec && rec.kind === 'record-copy') undo.push({ slot: rec.slot, kind: 'forget-copy', root: rec.root, file: rec.file, cause: 'the copy is undone' });
  return undo;
}
