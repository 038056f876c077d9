import fs from 'node:fs';
import path from 'node:path';
import { changeContainer, containerPaused, copyVolume, createLabelledVolume, removeContainer, volumeLabels } from '../adapters/docker-copy.js';
import { removeVolume } from '../adapters/docker.js';
import { writeAtomic } from '../adapters/fs.js';
import { cloneApplication, COPY_RECORDS_DIR, INSTANCES_DIR, LABEL_COPY_RUN } from '../names.js';
import { readSlotResources } from '../load/resource-secrets.js';
import type { CopyRecord } from '../plan/copy-ops.js';
import type { Operation } from '../plan/operations.js';
import { checkoutIdentity } from './identity.js';

type CopyOp = Extract<Operation, { kind: 'record-copy' | 'pause-containers' | 'resume-containers' | 'create-volume' | 'copy-volumes' | 'remove-volume' | 'forget-copy' }>;

export interface CopyState {
  /** When the source was held still (ms since the epoch), and for how long once let go. */
  paused?: { at: number; ms?: number };
}

/** The executor's steps of a copy (issue 16). */
export async function copyStep(op: CopyOp, rt: { env: NodeJS.ProcessEnv; signal: AbortSignal; deadline: number }, state: CopyState): Promise<void> {
  switch (op.kind) {
    case 'record-copy': {
      const abs = path.join(op.root, op.file);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      writeAtomic(abs, `${JSON.stringify(op.record)}\n`, 0o644, op.file);
      return;
    }
    case 'pause-containers':
      state.paused = { at: Date.now() };
      // Together: the point is one instant for every container of the slot.
      await Promise.all(op.containers.map((c) => changeContainer(rt.env, c.id, op.stop ? 'stop' : 'pause')));
      return;
    case 'resume-containers':
      await Promise.all(op.containers.map((c) => changeContainer(rt.env, c.id, op.stopped ? 'start' : 'unpause')));
      if (state.paused) state.paused.ms = Date.now() - state.paused.at;
      return;
    case 'create-volume':
      return createLabelledVolume(rt.env, op.name, op.labels);
    case 'copy-volumes':
      return copyVolume(rt.env, { image: op.image, pairs: op.pairs, name: op.helper, labels: op.labels, deadline: rt.deadline, signal: rt.signal });
    case 'remove-volume':
      return removeVolume(rt.env, op.name);
    case 'forget-copy':
      fs.rmSync(path.join(op.root, op.file), { force: true });
      return;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A copy whose devslot was killed (SIGKILL: no finally ran) left its record: its helpers are
 * removed, its source let go, the volumes it created (those carrying its run label, nothing else)
 * removed. A record of a live process is a copy still running: left alone. Returns what it did.
 */
export async function recoverCopies(root: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const dir = path.join(root, INSTANCES_DIR, COPY_RECORDS_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const said: string[] = [];
  for (const n of names) {
    const file = path.join(dir, n);
    let rec: CopyRecord;
    try {
      rec = JSON.parse(fs.readFileSync(file, 'utf8')) as CopyRecord;
    } catch {
      continue; // being written (atomic rename makes this rare) or not ours to read
    }
    if (rec.pid !== process.pid && alive(rec.pid)) continue;
    for (const h of rec.helpers ?? []) await removeContainer(env, h);
    const resumed: string[] = [];
    for (const c of rec.containers ?? []) {
      const paused = await containerPaused(env, c.id);
      if (rec.stopped) {
        await changeContainer(env, c.id, 'start').catch(() => undefined);
        resumed.push(c.name);
      } else if (paused) {
        await changeContainer(env, c.id, 'unpause');
        resumed.push(c.name);
      }
    }
    const removed: string[] = [];
    for (const v of rec.volumes ?? []) {
      const labels = await volumeLabels(env, v);
      if (labels?.[LABEL_COPY_RUN] !== rec.run) continue;
      await removeVolume(env, v);
      removed.push(v);
    }
    const resources = rec.resources ? await undoResources(root, rec.run, rec.resources) : [];
    fs.rmSync(file, { force: true });
    const parts = [
      ...(resumed.length ? [`${rec.stopped ? 'started' : 'unpaused'} ${resumed.join(', ')}`] : []),
      ...(removed.length ? [`removed its partial volume${removed.length > 1 ? 's' : ''} ${removed.join(', ')}`] : []),
      ...resources,
    ];
    said.push(`an interrupted copy of ${rec.project} (run ${rec.run}) was undone${parts.length ? `: ${parts.join('; ')}` : ''}`);
  }
  return said;
}

/** The resources of a killed clone: each source database opened again, each target dropped (emptied). */
async function undoResources(root: string, run: string, r: NonNullable<CopyRecord['resources']>): Promise<string[]> {
  // Damaged since the kill, it names no resource to undo by: those are then left as they are.
  const recorded = readSlotResources(root, r.fromSlot) ?? [];
  const said: string[] = [];
  for (const item of r.items) {
    const res = recorded.find((x) => x.name === item.name && x.kind === item.kind);
    if (res?.kind === 'postgres') {
      const { undoPostgresClone } = await import('../adapters/postgres-clone.js');
      const u = await undoPostgresClone({ resource: res.name, admin: res.admin }, item.from, item.to, cloneApplication(run));
      if (u.reopened) said.push(`opened database ${item.from} to connections again`);
      if (u.dropped) said.push(`dropped the partial database ${item.to}`);
    } else if (res?.kind === 'redis') {
      const { flushRedisDb } = await import('../adapters/redis.js');
      // The target carries this checkout's mark from the copy's first step; one another checkout
      // marked since (the run was refused before touching it, or it was cleaned and taken) stays.
      const f = await flushRedisDb({ resource: res.name, url: res.baseUrl }, Number(item.to), checkoutIdentity(root, false));
      said.push(f.foreign ? `left redis DB ${item.to} alone: it belongs to the checkout at ${f.foreign}` : `emptied redis DB ${item.to}`);
    }
  }
  return said;
}
