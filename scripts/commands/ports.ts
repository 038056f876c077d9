import { shellPortName } from '../names.js';
import { planOf, printJson, type CommandContext } from './context.js';

/**
 * `NAME=PORT` lines with shell-safe names, so `eval "$(devslot 2 ports)"` works and cannot set
 * PATH, HOME or a name that is not a variable (see shellPortName).
 */
export async function portsCommand(ctx: CommandContext, slot: number): Promise<void> {
  const plan = await planOf(ctx, slot, true);
  if (ctx.options.json) return printJson(ctx, plan.ports);
  ctx.io.out(Object.entries(plan.ports).map(([n, p]) => `${shellPortName(n)}=${p}\n`).join(''));
}
