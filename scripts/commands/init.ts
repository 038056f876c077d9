import path from 'node:path';
import { withSlotLock } from '../apply/lock.js';
import type { WriteReport } from '../apply/executor.js';
import type { PreparedPlan } from '../load/prepare.js';
import { lockWaitMs, planOf, printJson, type CommandContext } from './context.js';
import { runOperations } from './run-ops.js';

/** Plan, then write `.instances/instance-N/` (one write-files operation). Nothing is written unless the whole plan succeeded. */
export async function writeSlotFiles(ctx: CommandContext, slot: number): Promise<{ plan: PreparedPlan; report: WriteReport }> {
  const plan = await planOf(ctx, slot);
  const report = await withSlotLock(ctx.config.root, slot, `devslot ${slot} init`, lockWaitMs(ctx), async () => {
    const done = await runOperations(ctx, [{ slot, kind: 'write-files', root: plan.root, dir: plan.dir, files: plan.files, cause: 'init writes the slot files' }]);
    return done.written!;
  }, ctx.signal);
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
