import type { Operation } from '../plan/operations.js';
import { describePlan, operationsJson } from '../plan/operations.js';
import { printJson, type CommandContext } from './context.js';

/** `--dry-run`: each slot's operations, exactly as the executor would run them; nothing is run. */
export function printPlans(ctx: CommandContext, action: string, plans: { slot?: number; action?: string; operations: Operation[] }[]): void {
  // An entry of its own action (stop all's shared services) says so in JSON too.
  if (ctx.options.json) return printJson(ctx, plans.map((p) => ({ ...(p.slot === undefined ? {} : { slot: p.slot }), ...(p.action ? { action: p.action } : {}), operations: operationsJson(p.operations, ctx.options.showSecrets) })));
  const lines: string[] = [];
  for (const p of plans) {
    // The shared services belong to no slot: their plan has none.
    const which = p.slot === undefined ? '' : ` slot ${p.slot}`;
    lines.push(`# ${p.action ?? action}${which} (dry run: nothing is changed)`);
    if (!p.operations.length) lines.push(`# nothing to do:${which || ' it'} is already as planned`);
    lines.push(...describePlan(p.operations, { showSecrets: ctx.options.showSecrets, values: ctx.options.explain }));
  }
  ctx.io.out(`${lines.join('\n')}\n`);
}
