import { checkoutIdentity } from '../apply/identity.js';
import { withSlotLock } from '../apply/lock.js';
import { InterruptedError } from '../errors.js';
import { composeCommand } from '../load/compose-cli.js';
import { cachedSlotPlan, type PreparedPlan } from '../load/prepare.js';
import type { Finding } from '../plan/check.js';
import { observeSlotObjects, observeStart } from '../observe/slot.js';
import type { Operation } from '../plan/operations.js';
import { ownApps } from '../plan/ownership.js';
import { startOperations, type StartObserved } from '../plan/start-ops.js';
import { withForward } from '../plan/forward-ops.js';
import { observeForward, remoteHost } from '../observe/forward.js';
import { teardownOperations } from '../plan/teardown-ops.js';
import { portUrls } from '../plan/urls.js';
import { serviceRows } from '../render/services-view.js';
import { printSummary } from '../render/summary.js';
import { lockWaitMs, printJson, type CommandContext } from './context.js';
import { printPlans } from './print-plans.js';

/**
 * DESIGN §2 start: load the plan → observe the slot once → the operations that bring it up (none
 * when it already runs this plan, healthy) → the executor → the summary. `--dry-run` prints the
 * same operations instead. Holds the slot's lock throughout; Ctrl-C undoes what this run began.
 */
export async function startCommand(ctx: CommandContext, slot: number): Promise<void> {
  if (ctx.options.dryRun) {
    const { ops } = await planStart(ctx, slot);
    return printPlans(ctx, 'start', [{ slot, operations: ops }]);
  }
  await withSlotLock(ctx.config.root, slot, `devslot ${slot} start`, lockWaitMs(ctx), () => startLocked(ctx, slot), ctx.signal);
}

/**
 * The plan and its operations for the state observed now. The saved plan answers first; only when
 * something must be done is the slot planned afresh (its files are written from that one).
 */
const PROVISIONAL_COMPOSE = ['docker', 'compose'];

export async function planStart(ctx: CommandContext, slot: number): Promise<{ plan: PreparedPlan; ops: Operation[]; seen: StartObserved }> {
  // Planned afresh, the plan comes with what `check` finds in it (one compose resolution for both).
  // Loaded only then: planning afresh needs YAML, the compose CLI and the PM2 config loader.
  const check = () => import('./check.js');
  const fresh = async () => {
    const mod = await check();
    // Planned afresh, a start (almost always) acts: what it needs loads while compose is asked,
    // after the planning code (loaded first, so compose starts as early as it can).
    if (!ctx.options.dryRun) (await import('../apply/preload.js')).preloadForStart(Object.values(ctx.config.resources).map((r) => r.kind));
    const { plans, findings } = await mod.checkSlots(ctx, ctx.config, [slot]);
    return { plan: plans[0]! as PreparedPlan, findings };
  };
  let plan: PreparedPlan;
  let findings: Finding[] | undefined;
  const cached = cachedSlotPlan(ctx.config, slot, { env: ctx.env, isRoot: ctx.isRoot });
  if (cached) plan = cached;
  else ({ plan, findings } = await fresh());
  const usesCompose = plan.compose.files.length > 0;
  // No separate ping: the container list says in one line when the engine does not answer.
  const seen = await observeStart(ctx.env, plan);
  // A dry run writes nothing: without an identity file yet, it shows the claim a start would make.
  const me = checkoutIdentity(ctx.config.root, usesCompose && !ctx.options.dryRun);
  const want = { hooks: !ctx.options.skipHooks };
  // Finding the compose command spawns a process: a start with nothing to do (the common case) does
  // without it. The decision does not depend on the command; only the compose-up line does.
  let ops = startOperations(plan, seen, usesCompose ? PROVISIONAL_COMPOSE : [], me, want);
  if ((ops.length || ctx.options.strict) && !findings) {
    ({ plan, findings } = await fresh());
    ops = startOperations(plan, seen, usesCompose ? PROVISIONAL_COMPOSE : [], me, want);
  }
  // Detected only when an operation runs compose: a slot whose services are all shared, on running
  // infra, starts without it (its plan may come from a saved compose model, with no compose call).
  const runsCompose = ops.some((o) => 'argv' in o && Array.isArray(o.argv) && PROVISIONAL_COMPOSE.every((a, i) => o.argv[i] === a));
  if (runsCompose) ops = startOperations(plan, seen, await composeCommand(ctx.env), me, want);
  // What the slot cannot move is said (or, strict, refused) whenever start is about to act.
  if (findings && (ops.length || ctx.options.strict)) await (await check()).warnOrRefuse(ctx, ctx.config, slot, findings);
  const host = remoteHost(ctx.env);
  if (host && usesCompose) {
    const forward = observeForward(plan.root, slot);
    ops = withForward(ops, { slot, project: plan.project, root: plan.root, dir: plan.dir, host, forward, running: seen.containers.some((c) => c.state === 'running') });
    if (ops.some((o) => o.kind === 'compose-up')) ops = await (await import('../load/remote-inputs.js')).remoteChecked(ctx.env, plan, ops);
  }
  return { plan, ops, seen };
}

async function startLocked(ctx: CommandContext, slot: number): Promise<void> {
  const { plan, ops, seen } = await planStart(ctx, slot);
  const kept = new Set(Object.entries(seen.probes).filter(([, ok]) => ok).map(([base]) => base));
  if (!ops.length) return printStartSummary(ctx, plan, seen.containers, ownApps(seen.procs, plan.name, plan.root, plan.namespace), kept);
  if (!ctx.options.json) ctx.io.err(`starting slot ${plan.slot} (${plan.project})\n`);
  const done: Operation[] = [];
  let healthy: Set<string>;
  try {
    // The executor loads only when there is something to run (a no-op start is the common case).
    const { runOperations } = await import('./run-ops.js');
    const result = await runOperations(ctx, ops, { progress: true, done });
    healthy = result.healthy;
    // Said even with --quiet: a file of devslot's state was replaced.
    if (!ctx.options.json) for (const f of result.written?.setAside ?? []) ctx.io.err(`${f}: was not JSON devslot can read; set aside and written anew (each role's password is set again)\n`);
    if (!ctx.options.json && !ctx.options.quiet) for (const line of result.resources ?? []) ctx.io.err(`${line}\n`);
  } catch (e) {
    if (e instanceof InterruptedError || ctx.signal.aborted) {
      // The operation under way when the interrupt came counts as begun: a compose up cut short has
      // already created containers, which the undo must take down like a finished one's.
      const partial = await undo(ctx, plan, seen, ops[done.length] ? [...done, ops[done.length]!] : done);
      throw new InterruptedError(`interrupted: undid what this start began for slot ${plan.slot}${partial}; other slots were not touched`);
    }
    await releaseUnusedClaim(ctx, seen, ops, done);
    throw e;
  }
  const planned = new Set(plan.apps.map((a) => a.name));
  const dropped = ops.flatMap((o) => (o.kind === 'pm2-delete' && !planned.has(o.app) ? [o.app] : []));
  if (dropped.length && !ctx.options.json && !ctx.options.quiet) ctx.io.err(`removed ${dropped.join(', ')}: no longer in the PM2 config\n`);
  const after = await observeStart(ctx.env, { ...plan, health: {} });
  printStartSummary(ctx, plan, after.containers, ownApps(after.procs, plan.name, plan.root, plan.namespace), new Set([...kept, ...healthy]));
}

/**
 * Ctrl-C: remove the apps this run started and, if the slot had no containers before, take it
 * down (volumes stay), through the same teardown as stop. Returns what could not be undone.
 * `done` includes the operation that was under way.
 */
async function undo(ctx: CommandContext, plan: PreparedPlan, before: StartObserved, done: Operation[]): Promise<string> {
  const started = new Set(done.filter((o) => o.kind === 'pm2-start').map((o) => (o as { app: string }).app));
  const calm = new AbortController().signal;
  try {
    const now = await observeSlotObjects(ctx.env, { name: plan.name, root: plan.root, slot: plan.slot, project: plan.project }, plan.compose.files.length > 0);
    const fresh = before.containers.length === 0 && done.some((o) => o.kind === 'compose-up');
    const { claim, ...rest } = now;
    // The claim goes only when this run took it and nothing of the slot was there before.
    const claimed = before.containers.length === 0 && done.some((o) => o.kind === 'claim-slot');
    const objects = { ...rest, apps: now.apps.filter((a) => started.has(a.name)), ...(fresh ? {} : { containers: [], networks: [] }), ...(claimed && claim ? { claim } : {}) };
    const ops = teardownOperations(objects, { volumes: false, hint: 'stop it from there' }, fresh ? await composeCommand(ctx.env) : []);
    const { runOperations } = await import('./run-ops.js');
    await runOperations({ ...ctx, signal: calm }, ops, { signal: calm });
    // Shared services this run started go too, unless a slot (of any checkout) uses them by now.
    if (done.some((o) => o.kind === 'infra-up')) await (await import('./stop.js')).stopInfraIfUnused({ ...ctx, signal: calm });
    return '';
  } catch (e) {
    return ` (partly: ${(e as Error).message}; run \`devslot ${plan.slot} stop\`)`;
  }
}

/**
 * A start that failed before creating anything (a busy port, say) gives back the claim it took,
 * so another copy is not told the slot is held by one that runs nothing. Best effort: a claim left
 * is released by this checkout's next stop.
 */
async function releaseUnusedClaim(ctx: CommandContext, before: StartObserved, ops: Operation[], done: Operation[]): Promise<void> {
  const claim = done.find((o) => o.kind === 'claim-slot');
  // Only a failure in the steps that create nothing on the engine (compose up may fail half-way).
  const failed = ops[done.length]?.kind;
  if (!claim || claim.kind !== 'claim-slot' || before.containers.length || (failed !== 'check-ports' && failed !== 'write-files')) return;
  const calm = new AbortController().signal;
  const { runOperations } = await import('./run-ops.js');
  await runOperations({ ...ctx, signal: calm }, [{ slot: claim.slot, kind: 'release-claim', project: claim.project, name: claim.name, cause: 'this start failed before creating anything' }], { signal: calm }).catch(() => undefined);
}

/** The summary (or JSON) start ends with. Apps show healthy only where a probe passed in this run. */
function printStartSummary(ctx: CommandContext, plan: PreparedPlan, containers: StartObserved['containers'], apps: StartObserved['procs'], healthy: Set<string>): void {
  // As status shows it: health only for an app PM2 has online (a probe can pass while the app is gone).
  const online = new Set(apps.filter((p) => p.status === 'online').map((p) => p.name));
  const health = Object.fromEntries(plan.apps.filter((a) => plan.health[a.base] && online.has(a.name)).map((a) => [a.base, healthy.has(a.base) ? 'healthy' : 'unhealthy']));
  const rows = serviceRows(plan, { slot: plan.slot, project: plan.project, containers, apps }, portUrls(plan, ctx.config.urls), health);
  if (ctx.options.json) return printJson(ctx, { slot: plan.slot, project: plan.project, services: rows });
  printSummary(ctx.io, plan.slot, plan.project, rows);
}
