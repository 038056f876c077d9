import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { detectCompose, runCompose } from '../adapters/compose.js';
import { listContainers, requireEngine } from '../adapters/docker.js';
import { listInstanceSlots } from '../adapters/fs.js';
import { withPm2 } from '../adapters/pm2.js';
import { deleteApps } from '../apply/pm2-apply.js';
import { observe, type SlotState } from '../apply/observe.js';
import { readSavedSlot } from '../apply/saved-slot.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { RuntimeError } from '../errors.js';
import { INSTANCES_DIR, instanceDirName, projectName } from '../plan/names.js';
import { downArgv } from '../plan/operations.js';
import { printJson, type CommandContext } from './context.js';
import type { Target } from '../cli/args.js';

export interface StopResult {
  slot: number;
  project: string;
  containers: number;
  apps: string[];
  removed?: boolean;
}

/** How many slots stop or clean at once with `all`. */
export const PARALLEL_SLOTS = 4;

/** The slots a command acts on: one, or with `all` every slot this root has running or on disk. */
export async function targetSlots(config: Config, target: Target, states: Map<number, SlotState>): Promise<number[]> {
  if (target.kind === 'slot') return [target.slot];
  return [...new Set([...states.keys(), ...listInstanceSlots(config.root)])].sort((a, b) => a - b);
}

/**
 * Stop one slot: delete its PM2 apps (by id, only this root's), then `compose down` (volumes stay,
 * or go with `volumes`). Compose acts on a whole project, so a project holding containers of
 * another checkout is refused rather than taken down.
 */
export async function stopSlot(ctx: CommandContext, config: Config, slot: number, state: SlotState | undefined, volumes: boolean): Promise<StopResult> {
  const project = projectName(config.name, slot);
  const apps = state?.apps ?? [];
  const deleted = apps.length ? await withPm2((s) => deleteApps(s, apps)) : [];
  const containers = state?.containers ?? [];
  const saved = readSavedSlot(config.root, slot);
  if (containers.length || (volumes && saved)) {
    const all = await listContainers([`com.docker.compose.project=${project}`]);
    const foreign = all.filter((c) => c.root !== config.root);
    if (foreign.length) {
      throw new RuntimeError(`compose project ${project} also holds containers of ${foreign[0]!.root ?? 'another tool'} (${foreign[0]!.name}); not taking it down — stop it from there`);
    }
    // A neutral cwd keeps compose from loading some other compose file it would find there.
    const cli = await detectCompose();
    await runCompose(downArgv(project, cli.argv, volumes), os.tmpdir(), ctx.env, `compose down for slot ${slot}`);
  }
  return { slot, project, containers: containers.length, apps: deleted };
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
  const config = loadConfig(ctx.cwd, ctx.options.config);
  const engine = await requireEngine().then(() => true, (e) => e);
  if (engine !== true && (target.kind === 'all' || readSavedSlot(config.root, target.kind === 'slot' ? target.slot : 0)?.compose.files.length)) throw engine;
  const states = await observe(config.name, config.root, ctx.env, { docker: engine === true });
  const slots = await targetSlots(config, target, states);
  const settled = await eachLimit(slots, PARALLEL_SLOTS, async (slot) => {
    const r = await stopSlot(ctx, config, slot, states.get(slot), opts.volumes);
    if (opts.removeFiles) r.removed = removeInstanceDir(config.root, slot);
    return r;
  });
  const results = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult | undefined;
  const verb = opts.volumes ? 'cleaned' : 'stopped';
  if (ctx.options.json) printJson(ctx, { [verb]: results });
  else if (!ctx.options.quiet) {
    if (!results.length && !failure) ctx.io.out(`nothing to ${opts.volumes ? 'clean' : 'stop'}${target.kind === 'all' ? ': no slot of this project is running' : ''}\n`);
    for (const r of results) ctx.io.out(`${verb} slot ${r.slot} (${r.project}): ${r.containers} container(s), ${r.apps.length} PM2 app(s)${r.removed ? `, removed ${INSTANCES_DIR}/${instanceDirName(r.slot)}/` : ''}\n`);
  }
  if (failure) throw failure.reason;
  return results;
}

/** Remove `.instances/instance-N/`, keeping the user's `*.local.env` files (they are not ours). */
export function removeInstanceDir(root: string, slot: number): boolean {
  const dir = path.join(root, INSTANCES_DIR, instanceDirName(slot));
  if (!fs.existsSync(dir)) return false;
  let kept = false;
  for (const entry of fs.readdirSync(dir)) {
    if (entry.endsWith('.local.env')) {
      kept = true;
      continue;
    }
    fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
  if (!kept) fs.rmdirSync(dir);
  return true;
}

