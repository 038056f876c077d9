import { runInSlot } from '../apply/exec.js';
import { planOf, type CommandContext } from './context.js';
import { childEnv, slotEnv } from '../plan/slot-env.js';

/**
 * `devslot N exec [--app NAME] -- CMD ARGS…` (DESIGN §10): CMD in the project root with slot N's
 * environment, real values (the child needs the secret, not its mask). Read-only: it runs from the
 * saved plan when that still holds, and starts nothing.
 */
export async function execCommand(ctx: CommandContext, slot: number): Promise<void> {
  const plan = await planOf(ctx, slot, true);
  const env = childEnv(ctx.env, slotEnv(plan, ctx.options.app));
  await runInSlot(ctx.options.command, { cwd: plan.root, env });
}

/** `devslot N shell [-- ARGS…]`: the user's $SHELL (else /bin/sh) the same way as exec. */
export async function shellCommand(ctx: CommandContext, slot: number): Promise<void> {
  const plan = await planOf(ctx, slot, true);
  const env = childEnv(ctx.env, slotEnv(plan, ctx.options.app));
  const shell = ctx.env.SHELL || '/bin/sh';
  await runInSlot([shell, ...ctx.options.command], { cwd: plan.root, env });
}
