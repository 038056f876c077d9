import { checkoutIdentity } from '../apply/identity.js';
import { withSlotLock } from '../apply/lock.js';
import type { Target } from '../context.js';
import { ConfigError, DevslotError, HeldElsewhereError, InterruptedError, StateError } from '../errors.js';
import { composeCommand } from '../load/compose-cli.js';
import { readSavedSlot } from '../load/saved-slot.js';
import { readSlotResources } from '../load/resource-secrets.js';
import { engineAnswers, requireEngine } from '../observe/engine.js';
import { allSlots } from '../observe/known-slots.js';
import { observeSlotObjects } from '../observe/slot.js';
import { ownSlotFolder } from '../observe/slot-folders.js';
import { INSTANCES_DIR, infraProject, instanceDirName, projectName } from '../names.js';
import { observeInfraContainers, observeInfraUse } from '../observe/infra.js';
import { cleanInfraOps, infraDownOp } from '../plan/infra-ops.js';
import type { InfraPlan } from '../plan/infra.js';
import type { SlotPlan } from '../plan/slot-plan.js';
import type { Operation } from '../plan/operations.js';
import { teardownOperations } from '../plan/teardown-ops.js';
import { RESOURCE_SECRETS_FILE } from '../plan/slot-plan.js';
import { withForwardStop } from '../plan/forward-ops.js';
import { observeForward } from '../observe/forward.js';
import { enginesOf, lockWaitMs, onSlotEngine, planOf, printJson, type CommandContext } from './context.js';
import { hookOperations } from '../plan/hook-ops.js';
import type { PlannedResource } from '../plan/resources.js';
import { printPlans, runOperations } from './run-ops.js';

export interface StopResult {
  slot: number;
  project: string;
  containers: number;
  apps: string[];
  /** clean: the volumes removed with the slot. */
  volumes?: string[];
  /** clean: the slot's folder was removed (`kept`: what was left in it; `foreign`: the part devslot did not write). */
  removed?: { kept: string[]; foreign?: string[] };
  /** clean: what happened to each resource of the slot on shared services. */
  resources?: string[];
}

export interface TeardownMode {
  volumes: boolean;
  removeFiles: boolean;
}

/**
 * How many slots stop or clean at once with `all`. `compose down` mostly waits on the engine, which
 * tears down published ports and networks one at a time (iptables), so more at once does not help:
 * 16 measured no faster than 8 for 10 slots on 2 cores (bench row 5 shows the engine's floor).
 */
export const PARALLEL_SLOTS = 8;

/** One slot's teardown operations for what is there now (the caller holds its lock, or it is a dry run). */
export async function planTeardown(all: CommandContext, slot: number, engine: boolean, mode: TeardownMode): Promise<{ ops: Operation[]; result: StopResult }> {
  const ctx = onSlotEngine(all, slot);
  const { config } = ctx;
  const project = projectName(config.name, slot);
  // Read only: a checkout without an identity file holds no claim (a claim of its path is another's).
  const objects = { ...(await observeSlotObjects(ctx.env, { name: config.name, root: config.root, slot, project }, engine)), identity: checkoutIdentity(config.root, false).id };
  const composeObjects = objects.containers.length + objects.networks.length + (mode.volumes ? objects.volumes.length : 0);
  const removeDir = mode.removeFiles ? ownSlotFolder(config.root, slot) : undefined;
  // Both the resources to drop and the teardown hooks need the slot's plan: planned once, when first asked.
  let planned: Promise<SlotPlan> | undefined;
  const slotPlan = () => (planned ??= planOf(ctx, slot, true));
  const { resources, plan } = mode.volumes ? await resourcesToDrop(ctx, slot, slotPlan) : { resources: [], plan: undefined };
  // Dropping a database needs its server: shared services stopped (by `stop all`) are started first.
  const infraUp = resources.length && plan?.infra ? cleanInfraOps(plan as SlotPlan & { infra: InfraPlan }, await observeInfraContainers(ctx.env, plan.infra.project), await composeCommand(ctx.env)) : [];
  const teardown = teardownOperations(objects, { volumes: mode.volumes, ...(removeDir ? { removeDir } : {}), ...(resources.length ? { resources } : {}), hint: 'stop it from there' }, composeObjects ? await composeCommand(ctx.env) : []);
  const dir = `${INSTANCES_DIR}/${instanceDirName(slot)}`;
  const ops = withForwardStop([...infraUp, ...(await teardownHooks(ctx, slot, objects, mode, teardown.length > 0, slotPlan)), ...teardown], { slot, root: config.root, dir, forward: observeForward(config.root, slot) });
  const down = ops.some((o) => o.kind === 'compose-down');
  const result: StopResult = { slot, project, containers: objects.containers.length, apps: objects.apps.map((a) => a.name) };
  if (mode.volumes && down) result.volumes = objects.volumes.map((v) => v.name);
  return { ops, result };
}

/**
 * DESIGN §10: `pre-clean` (clean, when there is anything to clean) then `pre-stop` (when anything
 * of the slot runs), before the first thing goes. The steps need the slot's environment, so the
 * slot is planned (from its saved plan when that holds); a config that cannot be planned refuses
 * here rather than skip a step the user relies on (a dump before clean): --skip-hooks goes on.
 */
async function teardownHooks(ctx: CommandContext, slot: number, objects: { containers: { state: string }[]; apps: unknown[] }, mode: TeardownMode, anything: boolean, slotPlan: () => Promise<SlotPlan>): Promise<Operation[]> {
  const { hooks } = ctx.config;
  if (ctx.options.skipHooks || (!hooks['pre-stop'] && !hooks['pre-clean'])) return [];
  const running = objects.apps.length > 0 || objects.containers.some((c) => c.state === 'running');
  const wanted = [...(mode.volumes && anything && hooks['pre-clean'] ? (['pre-clean'] as const) : []), ...(running && hooks['pre-stop'] ? (['pre-stop'] as const) : [])];
  if (!wanted.length) return [];
  let plan;
  try {
    plan = await slotPlan();
  } catch (e) {
    throw new ConfigError(`slot ${slot}: the ${wanted.join(' and ')} hook${wanted.length > 1 ? 's' : ''} need${wanted.length > 1 ? '' : 's'} the slot's plan, which failed: ${(e as Error).message}; fix that, or run with --skip-hooks`);
  }
  return wanted.flatMap((h) => hookOperations(plan, h, h === 'pre-clean' ? `hooks.pre-clean: before slot ${slot} is cleaned` : `hooks.pre-stop: before the apps and containers of slot ${slot} stop`));
}

/**
 * clean drops the resources the slot's start recorded (resources.json), each with the connection
 * the config gives now when it still declares it (its admin credentials may have been fixed since
 * a failed start recorded them); when the config cannot be planned now, the recorded ones alone.
 */
async function resourcesToDrop(ctx: CommandContext, slot: number, slotPlan: () => Promise<SlotPlan>): Promise<{ resources: PlannedResource[]; plan?: SlotPlan }> {
  const recorded = readSlotResources(ctx.config.root, slot);
  if (recorded === undefined) return plannedResources(ctx, slot, slotPlan);
  if (!recorded.length || !Object.keys(ctx.config.resources ?? {}).length) return { resources: recorded };
  let plan: SlotPlan;
  try {
    plan = await slotPlan();
  } catch {
    return { resources: recorded };
  }
  const current = plan.resources ?? {};
  const resources = recorded.map((r) => {
    const now = current[r.name];
    if (now?.kind !== r.kind) return r;
    // The same database, role, index and commands; only where and how to connect comes from now.
    if (now.kind === 'postgres' && r.kind === 'postgres') return { ...r, admin: now.admin };
    if (now.kind === 'redis' && r.kind === 'redis') return { ...r, baseUrl: now.baseUrl };
    return r;
  });
  return { resources, plan };
}

/**
 * A damaged resources.json (truncated, `{}`, another shape): what this slot's start makes under the
 * config now, which is what it recorded unless devslot.yaml changed since. Reading it as "nothing
 * was made" dropped nothing and left the slot's database, role and Redis DB behind without a word.
 */
async function plannedResources(ctx: CommandContext, slot: number, slotPlan: () => Promise<SlotPlan>): Promise<{ resources: PlannedResource[]; plan?: SlotPlan }> {
  const rel = `${INSTANCES_DIR}/${instanceDirName(slot)}/${RESOURCE_SECRETS_FILE}`;
  if (!Object.keys(ctx.config.resources ?? {}).length) return { resources: [] };
  try {
    const plan = await slotPlan();
    return { resources: Object.values(plan.resources ?? {}), plan };
  } catch (e) {
    throw new StateError(`${rel} holds no record devslot can read, and slot ${slot}'s resources cannot be planned from devslot.yaml (${(e as Error).message}); fix the config, or drop them by hand and remove the file, then run clean again`);
  }
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

/** The slots `stop`/`clean` take, and whether the engine is there to ask. */
async function targets(ctx: CommandContext, target: Target, mode: TeardownMode): Promise<{ slots: number[]; engine: boolean }> {
  // Only to know whether the engine is needed: a bad slot.json is said by status and set aside there.
  const usesCompose = target.kind === 'all' || !!readSavedSlot(ctx.config.root, target.slot)?.compose.files.length;
  // Every engine the slots run on answers before anything is stopped (a remote that is down must
  // not leave `stop all` half done).
  const engines = enginesOf(ctx);
  if (usesCompose) await Promise.all(engines.map((g) => requireEngine(g.env)));
  const engine = usesCompose || (await engineAnswers(ctx.env));
  if (target.kind === 'slot') return { slots: [target.slot], engine };
  return { slots: (await allSlots(ctx.config, engines, mode.volumes ? 'clean' : 'stop', engine)).slots, engine };
}

export async function stopCommand(ctx: CommandContext, target: Target, mode: TeardownMode = { volumes: false, removeFiles: false }): Promise<StopResult[]> {
  const action = mode.volumes ? 'clean' : 'stop';
  const { slots, engine } = await targets(ctx, target, mode);
  if (ctx.options.dryRun) {
    const plans = [];
    const passed: string[] = [];
    for (const slot of slots) {
      try {
        plans.push({ slot, operations: (await planTeardown(ctx, slot, engine, mode)).ops });
      } catch (e) {
        if (!(target.kind === 'all' && e instanceof HeldElsewhereError)) throw e;
        passed.push(`passed by slot ${slot}: ${e.message.replace(/; left it alone — .*$/, '')}`);
      }
    }
    // What the run does with the shared services after the slots, as it would decide now.
    const startsInfra = plans.some((p) => p.operations.some((o) => o.kind === 'infra-up'));
    const infra = engine && ctx.config.shared.services.length && (target.kind === 'all' || startsInfra) ? await infraAfter(ctx, plans.map((p) => p.slot), startsInfra) : {};
    if (infra.kept) passed.push(infra.kept);
    const all: { slot?: number; action?: string; operations: Operation[] }[] = [...plans, ...(infra.op ? [{ action: 'then, the shared services', operations: [infra.op] }] : [])];
    if (!all.length && !ctx.options.json) ctx.io.out(`nothing to ${action}: no slot of this project is running or has files (dry run)\n`);
    else printPlans(ctx, action, all);
    if (!ctx.options.json) for (const line of passed) ctx.io.out(`# ${line}\n`);
    return [];
  }
  // A slot whose teardown began is finished even after Ctrl-C (half a teardown helps nobody); the
  // slots not begun yet are left as they are, and the one line says which.
  const calm = new AbortController().signal;
  let startedInfra = false;
  const settled = await eachLimit(slots, PARALLEL_SLOTS, (slot) => {
    if (ctx.signal.aborted) return Promise.reject(new InterruptedError('not begun'));
    return withSlotLock(ctx.config.root, slot, `devslot ${slot} ${action}`, lockWaitMs(ctx), async () => {
      const { ops, result } = await planTeardown(ctx, slot, engine, mode);
      if (ops.some((o) => o.kind === 'infra-up')) startedInfra = true;
      const done = await runOperations(onSlotEngine(ctx, slot), ops, { signal: calm });
      if (ops.some((o) => o.kind === 'remove-dir')) result.removed = done.removed ?? { kept: [] };
      if (done.resources?.length) result.resources = done.resources;
      return result;
    }, ctx.signal);
  });
  const results = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  // `all` means every slot of this checkout: one another checkout holds, where this one runs nothing
  // (a copied folder's .instances/instance-N/), is passed by with a line, not a failure.
  const elsewhere = (r: unknown) => target.kind === 'all' && r instanceof HeldElsewhereError;
  const passed = settled.flatMap((s, i) => (s.status === 'rejected' && elsewhere(s.reason) ? [{ slot: slots[i]!, why: (s.reason as Error).message }] : []));
  const failures = settled.flatMap((s, i) => (s.status === 'rejected' && !elsewhere(s.reason) ? [{ slot: slots[i]!, reason: s.reason as unknown }] : []));
  report(ctx, target, mode, results, failures.length > 0 || passed.length > 0);
  if (!ctx.options.json && !ctx.options.quiet) for (const p of passed) ctx.io.out(`passed by slot ${p.slot}: ${p.why.replace(/; left it alone — .*$/, '')}\n`);
  // DESIGN §9: `stop all` stops the shared services last, and only when no slot of any checkout uses them.
  // A clean that started them to drop its slot's resources leaves them as it found them.
  if ((target.kind === 'all' || startedInfra) && engine && ctx.config.shared.services.length && !failures.length && !ctx.signal.aborted) await stopInfraIfUnused(ctx);
  if (ctx.signal.aborted && failures.length) {
    const done = results.map((r) => r.slot);
    const left = failures.map((f) => f.slot);
    throw new InterruptedError(`interrupted: ${done.length ? `${action === 'clean' ? 'cleaned' : 'stopped'} slot${done.length > 1 ? 's' : ''} ${done.join(', ')}; ` : ''}slot${left.length > 1 ? 's' : ''} ${left.join(', ')} left as ${left.length > 1 ? 'they were' : 'it was'}: run \`devslot ${action} ${left.length > 1 ? 'all' : left[0]}\` again`);
  }
  if (failures.length > 1) {
    const first = failures[0]!.reason;
    const more = failures.slice(1).map((f) => `slot ${f.slot}: ${(f.reason as Error).message}`).join('; ');
    if (first instanceof DevslotError) throw Object.assign(first, { message: `${first.message} (also failed: ${more})` });
  }
  if (failures.length) throw failures[0]!.reason;
  return results;
}

/**
 * --dry-run: the shared services' down a run would end with, or why it would keep them: decided
 * as stopInfraIfUnused decides after the slots, counting the slots this run stops as gone.
 */
async function infraAfter(ctx: CommandContext, stopping: number[], startsInfra: boolean): Promise<{ op?: Operation; kept?: string }> {
  const { name, root } = ctx.config;
  const { infra, users } = await observeInfraUse(ctx.env, name);
  const gone = new Set(stopping.map((s) => `slot ${s} of ${root}`));
  const others = users.filter((u) => !gone.has(u));
  if (others.length) return { kept: `then keeps the shared services (${infraProject(name)}): still used by ${others.join(', ')}` };
  // Not running, and no clean here starts them: the run finds nothing to stop.
  if (!infra.length && !startsInfra) return {};
  const cause = !infra.length ? 'this clean starts them to drop its resources and no other slot uses them' : 'no slot of any checkout uses the shared services any more';
  return { op: infraDownOp(name, infraProject(name), await composeCommand(ctx.env), cause) };
}

export async function stopInfraIfUnused(ctx: CommandContext): Promise<void> {
  const { name } = ctx.config;
  const { infra, users } = await observeInfraUse(ctx.env, name);
  if (!infra.length) return;
  const say = (line: string) => (ctx.options.json || ctx.options.quiet ? undefined : ctx.io.out(`${line}\n`));
  if (users.length) return say(`kept the shared services (${infraProject(name)}): still used by ${users.join(', ')}`);
  const op = infraDownOp(name, infraProject(name), await composeCommand(ctx.env), 'no slot of any checkout uses the shared services any more');
  await runOperations(ctx, [op], { signal: new AbortController().signal });
  say(`stopped the shared services (${infraProject(name)}): ${infra.length} container(s); their volumes stay (\`devslot infra clean\` removes them)`);
}

function report(ctx: CommandContext, target: Target, mode: TeardownMode, results: StopResult[], failed: boolean): void {
  const verb = mode.volumes ? 'cleaned' : 'stopped';
  if (ctx.options.json) return printJson(ctx, { [verb]: results });
  if (ctx.options.quiet) return;
  if (!results.length && !failed) ctx.io.out(`nothing to ${mode.volumes ? 'clean' : 'stop'}${target.kind === 'all' ? ': no slot of this project is running' : ''}\n`);
  for (const r of results) {
    const what = r.containers || r.apps.length ? `${r.containers} container(s), ${r.apps.length} PM2 app(s)` : 'nothing was running';
    const vols = r.volumes?.length ? `, volumes ${r.volumes.join(', ')}` : '';
    const foreign = r.removed?.foreign?.length ? `; not written by devslot, left in place: ${r.removed.foreign.join(', ')}` : '';
    const dir = r.removed ? `, removed ${INSTANCES_DIR}/${instanceDirName(r.slot)}/${r.removed.kept.length ? ` (kept ${r.removed.kept.join(', ')})${foreign}` : ''}` : '';
    ctx.io.out(`${verb} slot ${r.slot} (${r.project}): ${what}${vols}${dir}\n`);
    for (const line of r.resources ?? []) ctx.io.out(`  ${line}\n`);
  }
}
