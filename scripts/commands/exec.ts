import { runInSlot } from '../apply/exec.js';
import { UsageError } from '../errors.js';
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
  try {
    await runInSlot(ctx.options.command, { cwd: plan.root, env });
  } catch (e) {
    throw appMeant(e, ctx.options.command, plan.apps.map((a) => a.base), slot, ctx.options.app);
  }
}

/**
 * `devslot 1 exec api -- env` reads naturally as "in api's environment", but runs a command named
 * `api`: when that is not on PATH and names an app of the slot, the line says how to ask for it.
 */
export function appMeant(e: unknown, command: readonly string[], apps: readonly string[], slot: number, app: string | undefined): unknown {
  const [cmd, ...rest] = command;
  if (app !== undefined || !(e instanceof UsageError) || !e.message.startsWith('cannot run') || cmd === undefined || !apps.includes(cmd)) return e;
  const tail = rest[0] === '--' ? rest.slice(1) : rest;
  const usage = `devslot ${slot} exec --app ${cmd} -- ${tail.length ? tail.join(' ') : 'CMD ARGS…'}`;
  return new UsageError(`${e.message}; ${cmd} is an app of slot ${slot}: to run a command in its environment, \`${usage}\``);
}

/** `devslot N shell [-- ARGS…]`: the user's $SHELL (else /bin/sh) the same way as exec. */
export async function shellCommand(ctx: CommandContext, slot: number): Promise<void> {
  const plan = await planOf(ctx, slot, true);
  const env = childEnv(ctx.env, slotEnv(plan, ctx.options.app));
  const shell = ctx.env.SHELL || '/bin/sh';
  await runInSlot([shell, ...ctx.options.command], { cwd: plan.root, env });
}
