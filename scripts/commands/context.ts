import type { Options } from '../context.js';
import type { Config } from '../config/types.js';
import type { Io } from '../io.js';
import { loadSlotPlan, type PreparedPlan } from '../load/prepare.js';
import type { Operation } from '../plan/operations.js';

/** What every command gets: the outside world as parameters, and the config, loaded once. */
export interface CommandContext {
  io: Io;
  /** Aborted on Ctrl-C (or SIGTERM). */
  signal: AbortSignal;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isRoot: boolean;
  options: Options;
  config: Config;
  /** Called with each operation as the executor starts it (tests record them; a dashboard could show them). */
  trace?: (op: Operation) => void;
}

/** What a command that runs before (or without) a devslot.yaml gets: adopt, integrate, completion. */
export type ToolContext = Omit<CommandContext, 'config'>;

/** The slot's plan; `cached` lets it come from the saved plan while that is still valid. */
export function planOf(ctx: CommandContext, slot: number, cached = false): Promise<PreparedPlan> {
  return loadSlotPlan(ctx.config, slot, { env: ctx.env, isRoot: ctx.isRoot, useCache: cached, warn: warnOf(ctx) });
}

/** One `devslot: …` line on stderr that does not end the command (a bad state file set aside). */
export function warnOf(ctx: ToolContext): (line: string) => void {
  return (line) => ctx.io.err(`devslot: ${line}\n`);
}

export function printJson(ctx: ToolContext, value: unknown): void {
  ctx.io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** How long a command waits for another one holding its slot: the --timeout (default 120 s). */
export function lockWaitMs(ctx: CommandContext): number {
  return ctx.options.timeout * 1000;
}
