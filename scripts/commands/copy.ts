import { recoverCopies } from '../apply/copy.js';
import { withSlotLock } from '../apply/lock.js';
import { ConfigError, DevslotError, ForeignError, InterruptedError, ResourceError, RuntimeError, UsageError } from '../errors.js';
import {
  LABEL_ROOT, LABEL_SNAPSHOT, LABEL_SNAPSHOT_CREATED, LABEL_SNAPSHOT_FROM, LABEL_SNAPSHOT_VOLUME, LABEL_VOLUME,
  composeVolumeName, projectName,
} from '../names.js';
import { hasImage, observeCopySlot, observeResourceCopies, snapshotVolumes, type MountingContainer } from '../observe/copy.js';
import { requireEngine } from '../observe/engine.js';
import { copyOperations, undoOperations, type ContainerRef, type CopyTarget, type SourceVolume } from '../plan/copy-ops.js';
import { hookOperations } from '../plan/hook-ops.js';
import type { Operation } from '../plan/operations.js';
import type { VolumeView } from '../plan/observed.js';
import { lockWaitMs, planOf, printJson, warnOf, type CommandContext } from './context.js';
import { createdRecordOp, hasCopyableResources, resourcePairs } from './copy-resources.js';
import { printPlans, runOperations } from './run-ops.js';

/** The image that copies when devslot.yaml names none: Debian's tar is GNU tar with xattr and ACL support. */
export const DEFAULT_COPY_IMAGE = 'debian:bookworm-slim';

export interface CopyOptions {
  /** --stop: stop the source for the copy instead of pausing it. */
  stop: boolean;
  /** --only SERVICE…: the volumes these services mount. */
  only: string[];
}

export interface CopyResult {
  from: string;
  to: string;
  volumes: string[];
  /** How long the source was held still (ms), when it was running. */
  pausedMs?: number;
  held: string[];
  /** Shared-infra mode: one line per resource copied (how long its database was closed). */
  resources?: string[];
}

const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

function checkSnapshotName(name: string): void {
  if (!SNAPSHOT_NAME.test(name)) throw new UsageError(`snapshot name ${JSON.stringify(name)} is not valid: letters, digits, ".", "_" and "-", starting with a letter or digit, at most 63`);
}

function copyImage(ctx: CommandContext): { image: string; from: string } {
  const env = ctx.env.DEVSLOT_COPY_IMAGE;
  if (env) return { image: env, from: 'DEVSLOT_COPY_IMAGE' };
  if (ctx.config.copy?.image) return { image: ctx.config.copy.image, from: 'copy.image in devslot.yaml' };
  return { image: DEFAULT_COPY_IMAGE, from: 'the default' };
}

/** Anything left by a devslot killed mid-copy is undone first (no SIGKILL can run a finally); a failure to is a failure here. */
async function recoverInterrupted(ctx: CommandContext): Promise<void> {
  for (const line of await recoverCopies(ctx.config.root, ctx.env)) warnOf(ctx)(line);
}

async function requireImage(ctx: CommandContext): Promise<string> {
  const { image, from } = copyImage(ctx);
  if (!(await hasImage(ctx.env, image))) {
    throw new RuntimeError(`the copy image ${image} (${from}) is not on the Docker engine: \`docker pull ${image}\`, or set copy.image in devslot.yaml (or DEVSLOT_COPY_IMAGE) to a local image with GNU tar`);
  }
  return image;
}

/**
 * The source slot's volumes to copy (only this checkout's), and the running containers to hold
 * still. `resources`: the slot has resources on shared services to copy, so it may have no volume
 * of its own, and `--only` may name a shared service.
 */
async function sourceOf(ctx: CommandContext, slot: number, only: string[], resources = false): Promise<{ project: string; volumes: SourceVolume[]; hold: ContainerRef[]; skipped: string[] }> {
  const project = projectName(ctx.config.name, slot);
  const seen = await observeCopySlot(ctx.env, project);
  const shared = resources ? ctx.config.shared.services : [];
  if (!seen.volumes.length && !resources) throw new RuntimeError(`slot ${slot} has no volumes to copy (${project}); start it first: \`devslot ${slot} start\``);
  const foreign = seen.volumes.find((v) => v.labels[LABEL_ROOT] !== ctx.config.root);
  if (foreign) throw new ForeignError(`volume ${foreign.name} of slot ${slot} is not this checkout's (${foreign.labels[LABEL_ROOT] ?? 'no devslot label'}); left it alone — copy it from its own checkout`);
  let containers: MountingContainer[] = seen.containers;
  let wanted = seen.volumes;
  if (only.length) {
    const services = new Set(seen.containers.map((c) => c.service));
    const unknown = only.filter((s) => !services.has(s) && !shared.includes(s));
    if (unknown.length) throw new UsageError(`--only: slot ${slot} has no container of ${unknown.join(', ')}${services.size ? ` (services: ${[...services].sort().join(', ')})` : ''}`);
    containers = seen.containers.filter((c) => only.includes(c.service));
    const mounted = new Set(containers.flatMap((c) => c.volumes));
    wanted = seen.volumes.filter((v) => mounted.has(v.name));
    if (!wanted.length && !only.some((s) => shared.includes(s))) throw new UsageError(`--only ${only.join(' ')}: those services of slot ${slot} mount no named volume`);
  }
  const volumes: SourceVolume[] = [];
  const skipped: string[] = [];
  for (const v of wanted) {
    const key = v.labels[LABEL_VOLUME];
    // A volume with a fixed `name:` is the same volume in every slot: nothing to copy into.
    if (!key || v.name !== composeVolumeName(project, key)) skipped.push(v.name);
    else volumes.push({ name: v.name, key, labels: v.labels });
  }
  if (!volumes.length && !resources) throw new RuntimeError(`slot ${slot} has no per-slot volume to copy (shared: ${skipped.join(', ')})`);
  const hold = containers.filter((c) => c.state === 'running').map((c) => ({ id: c.id, name: c.name }));
  return { project, volumes: volumes.sort((a, b) => a.key.localeCompare(b.key)), hold, skipped };
}

/** The target slot must not run; its existing volumes of these keys are returned (this checkout's only). */
async function targetOf(ctx: CommandContext, slot: number, keys: string[]): Promise<{ project: string; existing: VolumeView[] }> {
  const project = projectName(ctx.config.name, slot);
  const seen = await observeCopySlot(ctx.env, project);
  const live = seen.containers.filter((c) => ['running', 'paused', 'restarting'].includes(c.state));
  if (live.length) throw new RuntimeError(`slot ${slot} is running (${live.map((c) => c.name).join(', ')}); stop it first: \`devslot ${slot} stop\``);
  const existing = seen.volumes.filter((v) => keys.includes(v.labels[LABEL_VOLUME] ?? '') || keys.some((k) => v.name === composeVolumeName(project, k)));
  const foreign = existing.find((v) => v.labels[LABEL_ROOT] !== ctx.config.root);
  if (foreign) throw new ForeignError(`volume ${foreign.name} of slot ${slot} is not this checkout's (${foreign.labels[LABEL_ROOT] ?? 'no devslot label'}); left it alone`);
  return { project, existing };
}

/** Lock both slots, lower first (two clones the other way round must not deadlock). */
async function withLocks<T>(ctx: CommandContext, slots: number[], what: string, fn: () => Promise<T>): Promise<T> {
  const [first, ...rest] = [...new Set(slots)].sort((a, b) => a - b);
  if (first === undefined) return fn();
  return withSlotLock(ctx.config.root, first, what, lockWaitMs(ctx), () => withLocks(ctx, rest, what, fn), ctx.signal);
}

/** Run a copy's operations; on any failure or Ctrl-C undo it (source let go, no partial target) and rethrow. */
async function runCopy(ctx: CommandContext, ops: Operation[]): Promise<{ pausedMs?: number; resources?: string[] }> {
  const done: Operation[] = [];
  let result;
  try {
    result = await runOperations(ctx, ops, { done });
  } catch (e) {
    const undo = undoOperations(ops, done);
    // The undo runs whatever happened, Ctrl-C included: a calm signal, so it is not cut short.
    const calm = new AbortController().signal;
    let undoError: unknown;
    await runOperations(ctx, undo, { signal: calm }).catch((u: unknown) => (undoError = u));
    const why = e instanceof DevslotError ? e.message : String((e as Error).message ?? e);
    const left = undoError ? `; undoing it failed too (${(undoError as Error).message}): the next devslot command retries` : '; nothing of it is left and the source runs as before';
    if (ctx.signal.aborted || e instanceof InterruptedError) throw new InterruptedError(`interrupted: the copy was undone${left.startsWith('; nothing') ? '' : left}`);
    if (e instanceof DevslotError) throw Object.assign(e, { message: `${why}${left}` });
    throw e;
  }
  return { ...(result.paused?.ms !== undefined ? { pausedMs: result.paused.ms } : {}), ...(result.resources ? { resources: result.resources } : {}) };
}

function report(ctx: CommandContext, verb: string, r: CopyResult, skipped: string[], leftOut: string[] = []): void {
  if (ctx.options.json) return printJson(ctx, { [verb]: r, ...(skipped.length ? { skipped } : {}), ...(leftOut.length ? { leftOut } : {}) });
  if (ctx.options.quiet) return;
  const held = r.from.startsWith('snapshot') ? '' : r.held.length ? `; ${r.from} was ${r.pausedMs === undefined ? 'held' : `held still for ${r.pausedMs} ms`} (${r.held.join(', ')})` : `; ${r.from} was not running`;
  const vols = r.volumes.length ? `${r.volumes.length} volume${r.volumes.length === 1 ? '' : 's'} (${r.volumes.join(', ')})` : 'no volume';
  ctx.io.out(`${verb} ${r.from} into ${r.to}: ${vols}${r.resources?.length ? ` and ${r.resources.length} resource${r.resources.length === 1 ? '' : 's'}` : ''}${held}\n`);
  for (const line of r.resources ?? []) ctx.io.out(`  ${line}\n`);
  if (skipped.length) ctx.io.out(`left out (shared by every slot: a fixed name): ${skipped.join(', ')}\n`);
  if (leftOut.length) ctx.io.out(`left out: ${leftOut.join(', ')}\n`);
}

/** `devslot clone FROM TO`. */
export async function cloneCommand(ctx: CommandContext, from: number, to: number, opts: CopyOptions): Promise<CopyResult | undefined> {
  if (from === to) throw new UsageError(`clone copies one slot into another: FROM and TO are both ${from}`);
  await requireEngine(ctx.env);
  if (!ctx.options.dryRun) await recoverInterrupted(ctx);
  const plan = async () => {
    const withResources = Object.keys(ctx.config.resources).length > 0 && hasCopyableResources(ctx.config.root, from);
    const src = await sourceOf(ctx, from, opts.only, withResources);
    const dst = await targetOf(ctx, to, src.volumes.map((v) => v.key));
    let target;
    try {
      target = await planOf(ctx, to);
    } catch (e) {
      if (e instanceof DevslotError) throw new ConfigError(`slot ${to} cannot be planned, so it cannot be cloned into: ${e.message}`);
      throw e;
    }
    const res = withResources ? resourcePairs(ctx.config.root, from, target.resources, opts.only) : { pairs: [], leftOut: [] };
    const seen = res.pairs.length ? await observeResourceCopies(res.pairs, ctx.config.root) : { occupied: [], missing: [], foreign: [] };
    if (seen.foreign.length) throw new ResourceError(`slot ${to}'s ${seen.foreign.join(', ')}, another copy of this project; clean it there, or clone into another slot`);
    if (seen.missing.length) throw new RuntimeError(`slot ${from} has no ${seen.missing.join(', ')} to copy; start it first: \`devslot ${from} start\``);
    const occupied = [...dst.existing.map((v) => `volume ${v.name}`), ...seen.occupied];
    if (occupied.length && !ctx.options.force) throw new RuntimeError(`slot ${to} already has ${occupied.join(', ')}; \`devslot clean ${to}\` first, or pass --force to replace ${occupied.length > 1 ? 'them' : 'it'}`);
    // A clone of resources alone runs no copy container: no image is needed then.
    const image = src.volumes.length ? await requireImage(ctx) : copyImage(ctx).image;
    const volumes = src.volumes.map((v) => composeVolumeName(dst.project, v.key));
    const after: Operation[] = [
      { slot: to, kind: 'write-files', root: target.root, dir: target.dir, files: target.files, cause: `slot ${to}'s files, for the cloned data` },
      ...(ctx.options.skipHooks ? [] : hookOperations(target, 'post-clone', `hooks.post-clone: slot ${to} was cloned from slot ${from}`)),
      ...createdRecordOp(ctx.config.root, from, { slot: to, dir: target.dir, project: dst.project }, volumes, opts.only),
    ];
    const dstTarget: CopyTarget = { kind: 'slot', slot: to, project: dst.project };
    const ops = copyOperations({ ...base(ctx, image), source: `slot ${from}`, sourceProject: src.project, volumes: src.volumes, hold: src.hold, stop: opts.stop, target: dstTarget, replace: dst.existing.map((v) => v.name), after, resources: res.pairs, replaceResources: ctx.options.force, sourceSlot: from });
    return { ops, src, dst, volumes, leftOut: res.leftOut };
  };
  if (ctx.options.dryRun) {
    printPlans(ctx, 'clone into', [{ slot: to, operations: (await plan()).ops }]);
    return undefined;
  }
  return withLocks(ctx, [from, to], `devslot clone ${from} ${to}`, async () => {
    const { ops, src, volumes, leftOut } = await plan();
    const { pausedMs, resources } = await runCopy(ctx, ops);
    const r: CopyResult = { from: `slot ${from}`, to: `slot ${to}`, volumes, held: src.hold.map((c) => c.name), ...(pausedMs !== undefined ? { pausedMs } : {}), ...(resources ? { resources } : {}) };
    report(ctx, 'cloned', r, src.skipped, leftOut);
    return r;
  });
}

function base(ctx: CommandContext, image: string) {
  const now = new Date();
  return { root: ctx.config.root, name: ctx.config.name, run: `${now.getTime().toString(36)}-${process.pid}`, pid: process.pid, now: now.toISOString(), image };
}

/** This project's snapshots (this checkout's volumes only), by name. */
async function snapshots(ctx: CommandContext): Promise<Map<string, VolumeView[]>> {
  const all = (await snapshotVolumes(ctx.env, ctx.config.name)).filter((v) => v.labels[LABEL_ROOT] === ctx.config.root && v.labels[LABEL_SNAPSHOT]);
  const by = new Map<string, VolumeView[]>();
  for (const v of all) by.set(v.labels[LABEL_SNAPSHOT]!, [...(by.get(v.labels[LABEL_SNAPSHOT]!) ?? []), v]);
  return by;
}

/** `devslot snapshot N NAME`. */
export async function snapshotCommand(ctx: CommandContext, slot: number, name: string, opts: CopyOptions): Promise<CopyResult | undefined> {
  checkSnapshotName(name);
  await requireEngine(ctx.env);
  if (!ctx.options.dryRun) await recoverInterrupted(ctx);
  const plan = async () => {
    const existing = (await snapshots(ctx)).get(name);
    if (existing) throw new RuntimeError(`snapshot ${name} exists (from slot ${existing[0]!.labels[LABEL_SNAPSHOT_FROM] ?? '?'}); \`devslot snapshot rm ${name}\` first, or pick another name`);
    const src = await sourceOf(ctx, slot, opts.only);
    const image = await requireImage(ctx);
    const ops = copyOperations({ ...base(ctx, image), source: `slot ${slot}`, sourceProject: src.project, volumes: src.volumes, hold: src.hold, stop: opts.stop, target: { kind: 'snapshot', snapshot: name, fromSlot: slot }, replace: [], after: [] });
    return { ops, src };
  };
  if (ctx.options.dryRun) {
    printPlans(ctx, `snapshot ${name} of`, [{ slot, operations: (await plan()).ops }]);
    return undefined;
  }
  return withLocks(ctx, [slot], `devslot snapshot ${slot} ${name}`, async () => {
    const { ops, src } = await plan();
    const { pausedMs } = await runCopy(ctx, ops);
    const r: CopyResult = { from: `slot ${slot}`, to: `snapshot ${name}`, volumes: ops.flatMap((o) => (o.kind === 'create-volume' ? [o.name] : [])), held: src.hold.map((c) => c.name), ...(pausedMs !== undefined ? { pausedMs } : {}) };
    report(ctx, 'copied', r, src.skipped);
    return r;
  });
}

/** `devslot restore N NAME`: slot N's volumes become the snapshot's (replaced); N must be stopped. */
export async function restoreCommand(ctx: CommandContext, slot: number, name: string): Promise<CopyResult | undefined> {
  checkSnapshotName(name);
  await requireEngine(ctx.env);
  if (!ctx.options.dryRun) await recoverInterrupted(ctx);
  const plan = async () => {
    const snap = (await snapshots(ctx)).get(name);
    if (!snap) throw new RuntimeError(`no snapshot ${name} of this project; \`devslot snapshot ls\` lists them`);
    const volumes: SourceVolume[] = snap.map((v) => ({ name: v.name, key: v.labels[LABEL_SNAPSHOT_VOLUME] ?? '', labels: v.labels })).filter((v) => v.key).sort((a, b) => a.key.localeCompare(b.key));
    const dst = await targetOf(ctx, slot, volumes.map((v) => v.key));
    const image = await requireImage(ctx);
    let target;
    try {
      target = await planOf(ctx, slot);
    } catch (e) {
      if (e instanceof DevslotError) throw new ConfigError(`slot ${slot} cannot be planned, so it cannot be restored: ${e.message}`);
      throw e;
    }
    const after: Operation[] = [{ slot, kind: 'write-files', root: target.root, dir: target.dir, files: target.files, cause: `slot ${slot}'s files, for the restored data` }];
    const ops = copyOperations({ ...base(ctx, image), source: `snapshot ${name}`, sourceProject: dst.project, volumes, hold: [], stop: false, target: { kind: 'slot', slot, project: dst.project }, replace: dst.existing.map((v) => v.name), after });
    return { ops, volumes, dst };
  };
  if (ctx.options.dryRun) {
    printPlans(ctx, `restore ${name} into`, [{ slot, operations: (await plan()).ops }]);
    return undefined;
  }
  return withLocks(ctx, [slot], `devslot restore ${slot} ${name}`, async () => {
    const { ops, volumes, dst } = await plan();
    await runCopy(ctx, ops);
    const r: CopyResult = { from: `snapshot ${name}`, to: `slot ${slot}`, volumes: volumes.map((v) => composeVolumeName(dst.project, v.key)), held: [] };
    report(ctx, 'restored', r, []);
    return r;
  });
}

export interface SnapshotInfo {
  name: string;
  fromSlot: number | undefined;
  created: string | undefined;
  volumes: string[];
}

/** `devslot snapshot ls`. */
export async function snapshotLsCommand(ctx: CommandContext): Promise<SnapshotInfo[]> {
  await requireEngine(ctx.env);
  const list = [...(await snapshots(ctx))].map(([name, vols]) => {
    const from = vols[0]!.labels[LABEL_SNAPSHOT_FROM];
    return { name, fromSlot: from && /^\d+$/.test(from) ? Number(from) : undefined, created: vols[0]!.labels[LABEL_SNAPSHOT_CREATED], volumes: vols.map((v) => v.name).sort() };
  }).sort((a, b) => a.name.localeCompare(b.name));
  if (ctx.options.json) printJson(ctx, { snapshots: list });
  else if (!list.length) ctx.io.out('no snapshots of this project; make one with `devslot snapshot N NAME`\n');
  else for (const s of list) ctx.io.out(`${s.name}  from slot ${s.fromSlot ?? '?'}  ${s.created ?? ''}  ${s.volumes.length} volume${s.volumes.length === 1 ? '' : 's'}\n`);
  return list;
}

/** `devslot snapshot rm NAME`: only volumes labelled as this checkout's snapshot NAME. */
export async function snapshotRmCommand(ctx: CommandContext, name: string): Promise<void> {
  checkSnapshotName(name);
  await requireEngine(ctx.env);
  const snap = (await snapshots(ctx)).get(name);
  if (!snap) throw new RuntimeError(`no snapshot ${name} of this project; \`devslot snapshot ls\` lists them`);
  const ops: Operation[] = snap.map((v) => ({ slot: Number(v.labels[LABEL_SNAPSHOT_FROM] ?? 0) || 0, kind: 'remove-volume', name: v.name, cause: `volume ${v.labels[LABEL_SNAPSHOT_VOLUME] ?? '?'} of snapshot ${name}` }));
  if (ctx.options.dryRun) return printPlans(ctx, `snapshot rm ${name}: from`, [{ slot: ops[0]!.slot, operations: ops }]);
  await runOperations(ctx, ops);
  if (ctx.options.json) printJson(ctx, { removed: { snapshot: name, volumes: snap.map((v) => v.name) } });
  else if (!ctx.options.quiet) ctx.io.out(`removed snapshot ${name} (${snap.map((v) => v.name).join(', ')})\n`);
}
