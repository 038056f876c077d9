import type { Options } from '../context.js';
import type { Config } from '../config/types.js';
import type { Io } from '../io.js';
import { loadSlotPlan, type PreparedPlan } from '../load/prepare.js';
import type { Operation } from '../plan/operations.js';
import { engineGroups, slotEnv, type EngineGroup } from '../load/slot-engine.js';

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
  /**
   * Set when `env` is already one slot's engine (a command on one slot, issue 19): everything it
   * reads and does goes to that engine alone.
   */
  engineOfSlot?: number;
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

/** A command's context for one slot: `env` names that slot's engine (issue 19: `engines:` in devslot.yaml). */
export function onSlotEngine<C extends CommandContext>(ctx: C, slot: number): C {
  if (ctx.engineOfSlot !== undefined) return ctx;
  return { ...ctx, env: slotEnv(ctx.config, ctx.env, slot), engineOfSlot: slot };
}

/** The engines a command lists: its slot's one, or (for `all`) every engine the project's slots run on. */
export function enginesOf(ctx: CommandContext): EngineGroup[] {
  if (ctx.engineOfSlot !== undefined) return [{ host: ctx.env.DOCKER_HOST, env: ctx.env, owns: () => true }];
  return engineGroups(ctx.config, ctx.env);
}
