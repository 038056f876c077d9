import os from 'node:os';
import { detectCompose, runCompose } from '../adapters/compose.js';
import { listContainers, listNetworks, projectFilter, requireEngine } from '../adapters/docker.js';
import { removeInstanceDir } from '../adapters/fs.js';
import { deleteAppsById, listApps } from '../adapters/pm2.js';
import { ownApps } from '../observe/observe.js';
import { ownsProjectVolumes } from '../observe/ownership.js';
import { readSavedSlot } from '../load/saved-slot.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { RuntimeError } from '../errors.js';
import { INSTANCES_DIR, LABEL_ROOT, instanceDirName, projectName } from '../plan/names.js';
import { downArgv } from '../plan/operations.js';
import { withSlotLock } from '../adapters/lock.js';
import { lockWaitMs, printJson, type CommandContext } from '../context.js';
import type { Target } from '../cli/args.js';
import { allSlots } from '../observe/known-slots.js';

export interface StopResult {
  slot: number;
  project: string;
  containers: number;
  apps: string[];
  /** clean: the slot's folder was removed (`kept`: the user's *.local.env left in it). */
  removed?: { kept: string[] };
}

/**
 * How many slots stop or clean at once with `all`. `compose down` mostly waits on the engine, which
 * tears down published ports and networks one at a time (iptables), so more at once does not help:
 * 16 measured no faster than 8 for 10 slots on 2 cores (bench row 5 shows the engine's floor).
 */
export const PARALLEL_SLOTS = 8;

/**
 * Stop one slot, reading its state afresh (the caller holds its lock): delete its PM2 apps (by id,
 * only this root's), then `compose down` (volumes stay, or go with `volumes`). Compose acts on a
 * whole project, so a project holding another checkout's containers or networks is left alone.
 */
export async function stopSlot(ctx: CommandContext, config: Config, slot: number, engine: boolean, volumes: boolean): Promise<StopResult> {
  const project = projectName(config.name, slot);
  const label = projectFilter(project);
  const [procs, all, networks] = await Promise.all([
    listApps(ctx.env),
    engine ? listContainers([label]) : Promise.resolve([]),
    engine ? listNetworks([label]) : Promise.resolve([]),
  ]);
  const apps = ownApps(procs, config.name, config.root, project);
  const ours = all.filter((c) => c.root === config.root);
  const foreign = all.filter((c) => c.root !== config.root);
  if (foreign.length) {
    throw new RuntimeError(`compose project ${project} holds containers of ${foreign[0]!.root ?? 'another tool'} (${foreign[0]!.name}), not of this checkout; left it alone — stop it from there`);
  }
  const foreignNet = networks.find((n) => n.labels[LABEL_ROOT] !== config.root);
  if (foreignNet) {
    throw new RuntimeError(`compose project ${project} holds network ${foreignNet.name} of ${foreignNet.labels[LABEL_ROOT] ?? 'another tool'}, not of this checkout; left it alone — stop it from there`);
  }
  const down = async () => {
    // Containers or networks left: down removes them (a network can outlive its containers).
    if (!ours.length && !networks.length && !(volumes && engine && (await ownsProjectVolumes(config.root, project)))) return;
    const cli = await detectCompose();
    // A neutral cwd keeps compose from loading some other compose file it would find there.
    await runCompose(downArgv(project, cli.argv, volumes), os.tmpdir(), ctx.env, `compose down for slot ${slot}`);
  };
  // Apps and containers go at the same time: neither waits on the other.
  await Promise.all([deleteAppsById(apps.map((a) => a.id), ctx.env), down()]);
  return { slot, project, containers: ours.length, apps: apps.map((a) => a.name) };
}

/** Run `fn` over items, at most `limit` at a time, keeping order; every item runs even if one fails. */
export async function eachLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await fn(items[i]!) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function stopCommand(ctx: CommandContext, target: Target, opts: { volumes: boolean; removeFiles: boolean } = { volumes: false, removeFiles: false }): Promise<StopResult[]> {
  const config = await loadConfig(ctx.cwd, ctx.options.config);
  const engineError = await requireEngine().then(() => undefined, (e: unknown) => e);
  const usesCompose = target.kind === 'all' || !!readSavedSlot(config.root, target.slot)?.compose.files.length;
  if (engineError && usesCompose) throw engineError;
  const engine = !engineError;
  const slots = target.kind === 'slot' ? [target.slot] : (await allSlots(config, ctx.env, opts.volumes ? 'clean' : 'stop', engine)).slots;
  const settled = await eachLimit(slots, PARALLEL_SLOTS, (slot) =>
    withSlotLock(config.root, slot, `devslot ${slot} ${opts.volumes ? 'clean' : 'stop'}`, lockWaitMs(ctx), async () => {
      const r = await stopSlot(ctx, config, slot, engine, opts.volumes);
      if (opts.removeFiles) r.removed = removeInstanceDir(config.root, slot);
      return r;
    }, ctx.signal),
  );
  const results = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult | undefined;
  const verb = opts.volumes ? 'cleaned' : 'stopped';
  if (ctx.options.json) printJson(ctx, { [verb]: results });
  else if (!ctx.options.quiet) {
    if (!results.length && !failure) ctx.io.out(`nothing to ${opts.volumes ? 'clean' : 'stop'}${target.kind === 'all' ? ': no slot of this project is running' : ''}\n`);
    for (const r of results) {
      const what = r.containers || r.apps.length ? `${r.containers} container(s), ${r.apps.length} PM2 app(s)` : 'nothing was running';
      ctx.io.out(`${verb} slot ${r.slot} (${r.project}): ${what}${r.removed ? `, removed ${INSTANCES_DIR}/${instanceDirName(r.slot)}/${r.removed.kept.length ? ` (kept ${r.removed.kept.join(', ')})` : ''}` : ''}\n`);
    }
  }
  if (failure) throw failure.reason;
  return results;
}
