import type { Options } from './cli/args.js';
import type { Io } from './io.js';
import type { SlotPlan } from './plan/slot-plan.js';

export interface CommandContext {
  io: Io;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isRoot: boolean;
  options: Options;
}

/** The slot's plan; `cached` lets it come from the saved plan while that is still valid. */
export async function planOf(ctx: CommandContext, slot: number, cached = false): Promise<SlotPlan & { fromCache?: boolean }> {
  const { prepareSlot } = await import('./load/prepare.js');
  return prepareSlot(slot, { cwd: ctx.cwd, configPath: ctx.options.config, env: ctx.env, isRoot: ctx.isRoot, useCache: cached, warn: warnOf(ctx) });
}

/** One `devslot: …` line on stderr that does not end the command (a bad state file set aside). */
export function warnOf(ctx: CommandContext): (line: string) => void {
  return (line) => ctx.io.err(`devslot: ${line}\n`);
}

export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** How long a command waits for another one holding its slot: the --timeout (default 120 s). */
export function lockWaitMs(ctx: CommandContext): number {
  return ctx.options.timeout * 1000;
}
