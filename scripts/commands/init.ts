import path from 'node:path';
import { writeInstance } from '../adapters/fs.js';
import type { SlotPlan } from '../plan/slot-plan.js';
import { withSlotLock } from '../adapters/lock.js';
import { lockWaitMs, planOf, printJson, type CommandContext } from '../context.js';

/** Plan, then write `.instances/instance-N/`. Nothing is written unless the whole plan succeeded. */
export async function writeSlotFiles(ctx: CommandContext, slot: number): Promise<{ plan: SlotPlan; report: ReturnType<typeof writeInstance> }> {
  const plan = await planOf(ctx, slot);
  const report = await withSlotLock(plan.root, slot, `devslot ${slot} init`, lockWaitMs(ctx), async () => writeInstance(plan.root, plan.dir, plan.files), ctx.signal);
  return { plan, report };
}

export async function initCommand(ctx: CommandContext, slot: number): Promise<void> {
  const { plan, report } = await writeSlotFiles(ctx, slot);
  if (ctx.options.json) {
    printJson(ctx, { slot: plan.slot, project: plan.project, dir: plan.dir, ...report });
    return;
  }
  if (ctx.options.quiet) return;
  const rel = path.relative(ctx.cwd, path.join(plan.root, plan.dir)) || '.';
  const parts = [`${report.written.length} written`, `${report.unchanged.length} unchanged`];
  if (report.removed.length) parts.push(`${report.removed.length} removed`);
  ctx.io.out(`slot ${plan.slot} (${plan.project}): ${rel}/ ready — ${parts.join(', ')}\n`);
}
