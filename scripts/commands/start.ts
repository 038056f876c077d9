import os from 'node:os';
import path from 'node:path';
import { detectCompose, runCompose, type ComposeCli } from '../adapters/compose.js';
import { listContainers, listVolumes, projectFilter, requireEngine, type ContainerView } from '../adapters/docker.js';
import { readText, writeAtomic, writeInstance } from '../adapters/fs.js';
import { withSlotLock } from '../adapters/lock.js';
import { deleteAppsById, listApps, withPm2, type Pm2Proc } from '../adapters/pm2.js';
import { ownApps } from '../observe/observe.js';
import { FINGERPRINT, fingerprintOf, reconcileApp, refuseNamesakes } from '../apply/pm2-apply.js';
import { checkPortsFree } from '../apply/preflight.js';
import { containerReadiness, isReady, probeOnce, waitForContainers, waitForProbe } from '../apply/readiness.js';
import { serviceRows } from '../render/services-view.js';
import { Progress } from '../render/progress.js';
import { InterruptedError, RuntimeError } from '../errors.js';
import { LABEL_ROOT } from '../plan/names.js';
import { downArgv, startOps } from '../plan/operations.js';
import type { SlotPlan } from '../plan/slot-plan.js';
import { portUrls } from '../plan/urls.js';
import { sha256OrNull } from '../hash.js';
import { planCachePath } from '../load/plan-cache.js';
import { lockWaitMs, planOf, printJson, type CommandContext } from '../context.js';
import { lastLogLines } from '../observe/log-tail.js';
import { printSummary } from '../render/summary.js';

/**
 * DESIGN §2 start: write the slot's files, preflight, compose up and wait for health, start the
 * slot's PM2 apps, probe them, print a summary. Running it again converges. Holds the slot's lock
 * throughout; Ctrl-C undoes what this run began for its slot and exits 130.
 */
export async function startCommand(ctx: CommandContext, slot: number): Promise<void> {
  const saved = await planOf(ctx, slot, true);
  if (saved.fromCache && (await withSlotLock(saved.root, slot, `devslot ${slot} start`, lockWaitMs(ctx), () => alreadyRunning(ctx, saved), ctx.signal))) return;
  const plan = saved.fromCache ? await planOf(ctx, slot) : saved;
  const cli = plan.compose.files.length ? await detectCompose() : undefined;
  if (cli) await requireEngine();
  await withSlotLock(plan.root, slot, `devslot ${slot} start`, lockWaitMs(ctx), () => startLocked(ctx, plan, cli), ctx.signal);
}

/**
 * The no-op start, checked with one Docker list and one PM2 list: the saved plan still holds and
 * is the one the last successful start applied, every service has its containers running and
 * healthy, every app is online from that same plan and passes its probe. Then there is nothing
 * to do but print the summary. Anything else takes the full path, which converges.
 */
async function alreadyRunning(ctx: CommandContext, plan: SlotPlan): Promise<boolean> {
  if (readText(path.join(plan.root, plan.dir, APPLIED)) !== appliedMark(plan)) return false;
  const [containers, procs] = await Promise.all([
    plan.compose.files.length ? listContainers([projectFilter(plan.project)]) : Promise.resolve([]),
    plan.apps.length ? listApps(ctx.env) : Promise.resolve([]),
  ]);
  if (containers.some((c) => c.root !== plan.root)) return false;
  for (const svc of plan.compose.services) {
    const r = containerReadiness(containers.filter((c) => c.service === svc));
    if (!isReady(r.state)) return false;
  }
  const own = ownApps(procs, plan.name, plan.root, plan.namespace);
  for (const app of plan.apps) {
    const p = own.filter((x) => x.name === app.name);
    if (p.length !== 1 || p[0]!.status !== 'online' || p[0]!.env[FINGERPRINT] !== fingerprintOf(app)) return false;
  }
  const probes = await Promise.all(plan.apps.map((a) => (plan.health[a.base] ? probeOnce(plan.health[a.base]!, 500) : true)));
  if (probes.includes(false)) return false;
  printStartSummary(ctx, plan, containers, own);
  return true;
}

/** Which plan the last successful start applied: the hash of its saved plan. */
const APPLIED = '.applied';
function appliedMark(plan: SlotPlan): string {
  return sha256OrNull(planCachePath(plan.root, plan.slot)) ?? 'none';
}

interface Before {
  containers: ContainerView[];
  apps: Pm2Proc[];
}

/** This slot's own PM2 apps (its namespace, this root), from one list call. */
async function slotProcs(ctx: CommandContext, plan: SlotPlan): Promise<Pm2Proc[]> {
  return ownApps(await listApps(ctx.env), plan.name, plan.root, plan.namespace);
}

async function startLocked(ctx: CommandContext, plan: SlotPlan, cli: ComposeCli | undefined): Promise<void> {
  const deadline = Date.now() + ctx.options.timeout * 1000;
  const progress = new Progress(ctx.io, ctx.io.progressTTY && !ctx.options.quiet && !ctx.options.json);
  if (!ctx.options.json) ctx.io.err(`starting slot ${plan.slot} (${plan.project})\n`);

  // What this slot already has, for the port check (ours is not "taken") and for undo on Ctrl-C.
  const procs = await listApps(ctx.env);
  const before: Before = {
    containers: cli ? await listContainers([projectFilter(plan.project)]) : [],
    apps: ownApps(procs, plan.name, plan.root, plan.namespace),
  };
  await refuseForeignProject(plan, before.containers);
  refuseNamesakes(plan.apps, procs, plan.root);
  await checkPortsFree(plan, before);
  interrupted(ctx);

  writeInstance(plan.root, plan.dir, plan.files);
  try {
    for (const op of startOps(plan, { composeArgv: cli?.argv ?? [] })) {
      if (op.kind !== 'compose') continue;
      for (const svc of plan.compose.services) progress.update(svc, 'container', 'starting');
      await runCompose(op.argv, op.cwd, ctx.env, `compose up for slot ${plan.slot}`, ctx.signal);
    }
    if (cli) await waitContainers(ctx, plan, deadline, progress);
    interrupted(ctx);
    await removeDroppedApps(ctx, plan, before.apps, progress);
    if (plan.apps.length) await startApps(ctx, plan, deadline, progress);
    interrupted(ctx);
  } catch (e) {
    progress.finish();
    if (e instanceof InterruptedError || ctx.signal.aborted) {
      await undo(ctx, plan, cli, before);
      throw new InterruptedError(`interrupted: undid what this start began for slot ${plan.slot}; other slots were not touched`);
    }
    throw e;
  }
  progress.finish();
  writeAtomic(path.join(plan.root, plan.dir, APPLIED), `${appliedMark(plan)}`, 0o644);
  await summarize(ctx, plan);
}

/**
 * `<name>-dev-N` of another checkout (same name, other root: a second clone or worktree) must not
 * be recreated under this one: refuse while any of its containers or volumes carries another root.
 */
async function refuseForeignProject(plan: SlotPlan, containers: ContainerView[]): Promise<void> {
  const foreign = containers.find((c) => c.root !== plan.root);
  const volumes = plan.compose.files.length ? await listVolumes([projectFilter(plan.project)]) : [];
  const foreignVolume = volumes.find((v) => v.labels[LABEL_ROOT] !== undefined && v.labels[LABEL_ROOT] !== plan.root);
  const owner = foreign ? foreign.root ?? 'a compose project devslot did not create' : foreignVolume?.labels[LABEL_ROOT];
  if (!owner) return;
  throw new RuntimeError(
    `compose project ${plan.project} belongs to ${owner} (${foreign ? `container ${foreign.name}` : `volume ${foreignVolume!.name}`}), not to this checkout; use another slot here, or stop it there`,
  );
}

function interrupted(ctx: CommandContext): void {
  if (ctx.signal.aborted) throw new InterruptedError('interrupted');
}

/** Ctrl-C: remove the apps this run created and, if the slot had no containers before, take it down (volumes stay). */
async function undo(ctx: CommandContext, plan: SlotPlan, cli: ComposeCli | undefined, before: Before): Promise<void> {
  const had = new Set(before.apps.map((a) => a.name));
  if (plan.apps.length) {
    await withPm2(async (s) => {
      const now = ownApps(await s.list(), plan.name, plan.root, plan.namespace).filter((a) => !had.has(a.name));
      for (const p of now) await s.delete(p.id);
    });
  }
  if (cli && before.containers.length === 0) {
    await runCompose(downArgv(plan.project, cli.argv, false), os.tmpdir(), ctx.env, `compose down for slot ${plan.slot}`);
  }
}

async function waitContainers(ctx: CommandContext, plan: SlotPlan, deadline: number, progress: Progress): Promise<void> {
  const result = await waitForContainers(plan.project, plan.compose.services, deadline, (svc, r) => progress.update(svc, 'container', r.state, r.detail), ctx.signal);
  interrupted(ctx);
  const notReady = [...result].filter(([, r]) => !isReady(r.state));
  if (!notReady.length) return;
  progress.finish();
  const failed = notReady.find(([, r]) => r.state === 'failed');
  const [svc, r] = failed ?? notReady[0]!;
  const why = failed ? `${svc} ${r.detail}` : `not ready after ${ctx.options.timeout}s: ${notReady.map(([s, x]) => `${s} (${x.detail})`).join(', ')}`;
  throw new RuntimeError(`slot ${plan.slot}: ${why}; see \`devslot ${plan.slot} logs --service ${svc}\`, or \`devslot ${plan.slot} stop\``);
}

/**
 * Apps of this slot (its namespace, this root) that the PM2 config no longer has: compose's
 * `--remove-orphans` for PM2, so a removed app does not keep running with its old env.
 */
async function removeDroppedApps(ctx: CommandContext, plan: SlotPlan, slotApps: Pm2Proc[], progress: Progress): Promise<void> {
  const planned = new Set(plan.apps.map((a) => a.name));
  const dropped = slotApps.filter((a) => !planned.has(a.name));
  if (!dropped.length) return;
  await deleteAppsById(dropped.map((a) => a.id), ctx.env);
  progress.finish();
  if (!ctx.options.json && !ctx.options.quiet) ctx.io.err(`removed ${dropped.map((a) => a.name).join(', ')}: no longer in the PM2 config\n`);
}

async function startApps(ctx: CommandContext, plan: SlotPlan, deadline: number, progress: Progress): Promise<void> {
  // An app that runs but fails its probe (say it lost its Redis when the container was recreated)
  // is restarted rather than kept: start converges on healthy, not just on online.
  const unhealthy = new Set<string>();
  await Promise.all(plan.apps.map(async (app) => {
    const probe = plan.health[app.base];
    if (probe && !(await probeOnce(probe, 500))) unhealthy.add(app.name);
  }));
  await withPm2(async (s) => {
    const procs = await s.list();
    for (const app of plan.apps) {
      interrupted(ctx);
      const action = await reconcileApp(s, app, procs, plan.root, !unhealthy.has(app.name));
      progress.update(app.base, 'process', action === 'kept' ? 'running' : 'starting');
    }
  });
  const waits = plan.apps.map(async (app) => {
    const probe = plan.health[app.base];
    if (!probe) {
      progress.update(app.base, 'process', 'online');
      return { app, ok: true };
    }
    progress.update(app.base, 'process', 'starting', 'probing');
    const ok = await waitForProbe(probe, deadline, ctx.signal);
    progress.update(app.base, 'process', ok ? 'healthy' : 'timeout');
    return { app, ok };
  });
  const failed = (await Promise.all(waits)).filter((w) => !w.ok).map((w) => w.app);
  interrupted(ctx);
  if (!failed.length) return;
  progress.finish();
  const first = failed[0]!;
  const proc = (await slotProcs(ctx, plan)).find((p) => p.name === first.name);
  const tail = proc ? lastLogLines(proc, 5) : [];
  const probe = plan.health[first.base]!;
  const target = 'http' in probe ? probe.http : `tcp ${probe.tcp}`;
  throw new RuntimeError(
    `slot ${plan.slot}: ${failed.map((a) => a.base).join(', ')} not ready after ${ctx.options.timeout}s (${target}, PM2 status ${proc?.status ?? 'missing'})` +
      (tail.length ? `; last log lines of ${first.name}: ${tail.join(' ⏎ ')}` : ''),
  );
}

async function summarize(ctx: CommandContext, plan: SlotPlan): Promise<void> {
  const [containers, procs] = await Promise.all([plan.compose.files.length ? listContainers([projectFilter(plan.project)]) : Promise.resolve([]), slotProcs(ctx, plan)]);
  printStartSummary(ctx, plan, containers, procs);
}

/**
 * The summary (or JSON) start ends with. It comes only after every app with a probe passed it, so
 * those show healthy, as status shows them.
 */
function printStartSummary(ctx: CommandContext, plan: SlotPlan, containers: ContainerView[], apps: Pm2Proc[]): void {
  const healthy = Object.fromEntries(plan.apps.filter((a) => plan.health[a.base]).map((a) => [a.base, 'healthy']));
  const rows = serviceRows(plan, { slot: plan.slot, project: plan.project, containers, apps }, portUrls(plan), healthy);
  if (ctx.options.json) return printJson(ctx, { slot: plan.slot, project: plan.project, services: rows });
  printSummary(ctx.io, plan.slot, plan.project, rows);
}
