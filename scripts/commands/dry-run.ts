import { detectCompose } from '../adapters/compose.js';
import type { Action } from '../cli/actions.js';
import { cleanOps, describeOp, restartOps, startOps, stopOps, type Operation, type OpContext } from '../plan/operations.js';
import { maskEnv } from '../plan/secrets.js';
import type { SlotPlan } from '../plan/slot-plan.js';
import { planOf, printJson, type CommandContext } from './context.js';

const OPS: Partial<Record<Action, (plan: SlotPlan, ctx: OpContext) => Operation[]>> = {
  start: startOps,
  stop: stopOps,
  clean: cleanOps,
  restart: restartOps,
};

/** --dry-run: the exact operations (compose argv, PM2 calls) the action would run, nothing run. */
export async function dryRunCommand(ctx: CommandContext, action: Action, slots: number[]): Promise<void> {
  const build = OPS[action];
  if (!build) throw new Error(`no dry run for ${action}`);
  const result: { slot: number; operations: Operation[] }[] = [];
  for (const slot of slots) {
    const plan = await planOf(ctx, slot);
    const composeArgv = plan.compose.files.length ? (await detectCompose()).argv : ['docker', 'compose'];
    result.push({ slot, operations: build(plan, { composeArgv }) });
  }
  if (ctx.options.json) {
    const show = ctx.options.showSecrets;
    return printJson(ctx, result.map((r) => ({ ...r, operations: r.operations.map((op) => (op.kind === 'pm2-start' ? { ...op, options: { ...op.options, env: maskEnv((op.options.env ?? {}) as Record<string, string>, show) } } : op)) })));
  }
  const lines: string[] = [];
  for (const r of result) {
    lines.push(`# ${action} slot ${r.slot} (dry run: nothing is changed)`);
    for (const op of r.operations) lines.push(describeOp(op, ctx.options.showSecrets));
  }
  ctx.io.out(lines.join('\n') + '\n');
}
