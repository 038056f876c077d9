import path from 'node:path';
import { writeInstance } from '../adapters/fs.js';
import type { SlotPlan } from '../plan/slot-plan.js';
import { withSlotLock } from '../adapters/lock.js';
import { loadConfig } from '../config/load.js';
import { lockWaitMs, planOf, printJson, type CommandContext } from '../context.js';
import { createSlotMounts } from '../apply/slot-mounts.js';
import { checkSlots, warnOrRefuse } from './check.js';

/** Plan, then write `.instances/instance-N/`. Nothing is written unless the whole plan succeeded. */
export async function writeSlotFiles(ctx: CommandContext, slot: number, planned?: SlotPlan): Promise<{ plan: SlotPlan; report: ReturnType<typeof writeInstance> }> {
  const plan = planned ?? (await planOf(ctx, slot));
  const report = await withSlotLock(plan.root, slot, `devslot ${slot} init`, lockWaitMs(ctx), async () => {
    const written = writeInstance(plan.root, plan.dir, plan.files);
    createSlotMounts(plan);
    return written;
  }, ctx.signal);
  return { plan, report };
}

/** Writes the slot's files, then says in a few lines what `check` finds (DESIGN §11) and goes on. */
export async function initCommand(ctx: CommandContext, slot: number): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.options.config);
  // One compose resolution gives both the plan and the check's inputs.
  const { plans, findings } = await checkSlots(ctx, config, [slot]);
  const { plan, report } = await writeSlotFiles(ctx, slot, plans[0]);
  if (ctx.options.json) {
    printJson(ctx, { slot: plan.slot, project: plan.project, dir: plan.dir, ...report, findings: findings.length });
    return;
  }
  await warnOrRefuse({ ...ctx, options: { ...ctx.options, strict: false } }, { ...config, check: { strict: false } }, slot, findings);
  if (ctx.options.quiet) return;
  const rel = path.relative(ctx.cwd, path.join(plan.root, plan.dir)) || '.';
  const parts = [`${report.written.length} written`, `${report.unchanged.length} unchanged`];
  if (report.removed.length) parts.push(`${report.removed.length} removed`);
  ctx.io.out(`slot ${plan.slot} (${plan.project}): ${rel}/ ready — ${parts.join(', ')}\n`);
}
