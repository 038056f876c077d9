import { detectCompose, runCompose } from '../adapters/compose.js';
import { listContainers, requireEngine } from '../adapters/docker.js';
import { writeInstance } from '../adapters/fs.js';
import { withPm2 } from '../adapters/pm2.js';
import { ownApps } from '../apply/observe.js';
import { reconcileApp } from '../apply/pm2-apply.js';
import { checkPortsFree } from '../apply/preflight.js';
import { isReady, waitForContainers, waitForProbe } from '../apply/readiness.js';
import { serviceRows, type SlotInfo } from '../apply/services-view.js';
import { Progress } from '../cli/progress.js';
import { RuntimeError } from '../errors.js';
import { startOps } from '../plan/operations.js';
import { slotJson, type SlotPlan } from '../plan/slot-plan.js';
import { portUrls } from '../plan/urls.js';
import { planOf, printJson, type CommandContext } from './context.js';
import { lastLogLines } from './log-tail.js';
import { printSummary } from './summary.js';

/**
 * DESIGN §2 start: write the slot's files, preflight, compose up and wait for health, start the
 * slot's PM2 apps, probe them, print a summary. Running it again converges.
 */
export async function startCommand(ctx: CommandContext, slot: number): Promise<void> {
  const plan = await planOf(ctx, slot);
  const hasCompose = plan.compose.files.length > 0;
  const cli = hasCompose ? await detectCompose() : undefined;
  if (hasCompose) await requireEngine();
  const deadline = Date.now() + ctx.options.timeout * 1000;
  const ops = startOps(plan, { composeArgv: cli?.argv ?? [], timeout: ctx.options.timeout });
  const progress = new Progress(ctx.io, ctx.io.isTTY && !ctx.options.quiet && !ctx.options.json);
  if (!ctx.options.json) ctx.io.err(`starting slot ${slot} (${plan.project})\n`);

  // Preflight before anything is created: the ports this slot needs and does not already hold.
  const ownContainers = hasCompose ? await listContainers([`com.docker.compose.project=${plan.project}`]) : [];
  const ownProcs = plan.apps.length ? await withPm2((s) => s.list()) : [];
  await checkPortsFree(plan, { containers: ownContainers, apps: ownApps(ownProcs, plan.name, plan.root).filter((a) => a.namespace === plan.namespace) });

  writeInstance(plan.root, plan.dir, plan.files);
  for (const op of ops) {
    if (op.kind !== 'compose') continue;
    for (const svc of plan.compose.services) progress.update(svc, 'container', 'starting');
    await runCompose(op.argv, op.cwd, ctx.env, `compose up for slot ${slot}`);
  }
  if (hasCompose) {
    const result = await waitForContainers(plan.project, plan.compose.services, deadline, (svc, r) => progress.update(svc, 'container', r.state, r.detail));
    const notReady = [...result].filter(([, r]) => !isReady(r.state));
    if (notReady.length) {
      progress.finish();
      const failed = notReady.find(([, r]) => r.state === 'failed');
      const [svc, r] = failed ?? notReady[0]!;
      const why = failed ? `${svc} ${r.detail}` : `not ready after ${ctx.options.timeout}s: ${notReady.map(([s, x]) => `${s} (${x.detail})`).join(', ')}`;
      throw new RuntimeError(`slot ${slot}: ${why}; see \`devslot ${slot} logs --service ${svc}\`, or \`devslot ${slot} stop\``);
    }
  }
  if (plan.apps.length) await startApps(ctx, plan, deadline, progress);
  progress.finish();
  await summarize(ctx, plan);
}

async function startApps(ctx: CommandContext, plan: SlotPlan, deadline: number, progress: Progress): Promise<void> {
  await withPm2(async (s) => {
    const procs = await s.list();
    for (const app of plan.apps) {
      const action = await reconcileApp(s, app, procs, plan.root);
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
    const ok = await waitForProbe(probe, deadline);
    progress.update(app.base, 'process', ok ? 'healthy' : 'timeout');
    return { app, ok };
  });
  const failed = (await Promise.all(waits)).filter((w) => !w.ok).map((w) => w.app);
  if (failed.length) {
    progress.finish();
    const procs = await withPm2((s) => s.list());
    const first = failed[0]!;
    const proc = procs.find((p) => p.name === first.name && p.namespace === first.namespace);
    const tail = proc ? lastLogLines(proc, 5) : [];
    const probe = plan.health[first.base]!;
    const target = 'http' in probe ? probe.http : `tcp ${probe.tcp}`;
    throw new RuntimeError(
      `slot ${plan.slot}: ${failed.map((a) => a.base).join(', ')} not ready after ${ctx.options.timeout}s (${target}, PM2 status ${proc?.status ?? 'missing'})` +
        (tail.length ? `; last log lines of ${first.name}: ${tail.join(' ⏎ ')}` : ''),
    );
  }
}

async function summarize(ctx: CommandContext, plan: SlotPlan): Promise<void> {
  const containers = plan.compose.files.length ? await listContainers([`com.docker.compose.project=${plan.project}`]) : [];
  const procs = plan.apps.length ? ownApps(await withPm2((s) => s.list()), plan.name, plan.root).filter((a) => a.namespace === plan.namespace) : [];
  const rows = serviceRows(slotJson(plan) as unknown as SlotInfo, { slot: plan.slot, project: plan.project, containers, apps: procs }, portUrls(plan));
  if (ctx.options.json) return printJson(ctx, { slot: plan.slot, project: plan.project, services: rows });
  printSummary(ctx.io, plan.slot, plan.project, rows);
}
