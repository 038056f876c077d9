import { cleanCommand } from '../commands/clean.js';
import type { CommandContext } from '../commands/context.js';
import { dryRunCommand } from '../commands/dry-run.js';
import { envCommand } from '../commands/env.js';
import { infoCommand } from '../commands/info.js';
import { initCommand } from '../commands/init.js';
import { knownSlots } from '../commands/known-slots.js';
import { logsCommand } from '../commands/logs.js';
import { portsCommand } from '../commands/ports.js';
import { restartCommand } from '../commands/restart.js';
import { startCommand } from '../commands/start.js';
import { lsCommand, statusCommand } from '../commands/status.js';
import { stopCommand } from '../commands/stop.js';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { checkSlotInRange } from '../plan/slot.js';
import type { Action } from './actions.js';
import type { Parsed } from './args.js';
import type { MainDeps } from './main.js';

type Run = Extract<Parsed, { kind: 'run' }>;

/** One entry per action, so a new action does not compile until it is handled here. */
const HANDLERS: Record<Action, (ctx: CommandContext, p: Run, deps: MainDeps) => Promise<unknown>> = {
  init: (ctx, p) => initCommand(ctx, slotOf(p)),
  info: (ctx, p) => infoCommand(ctx, slotOf(p)),
  ports: (ctx, p) => portsCommand(ctx, slotOf(p)),
  env: (ctx, p) => envCommand(ctx, slotOf(p)),
  start: (ctx, p) => startCommand(ctx, slotOf(p)),
  stop: (ctx, p) => stopCommand(ctx, p.target),
  clean: (ctx, p, deps) => cleanCommand(ctx, p.target, deps.confirm),
  restart: (ctx, p) => restartCommand(ctx, p.target),
  status: (ctx, p) => statusCommand(ctx, p.target),
  ls: (ctx) => lsCommand(ctx),
  logs: (ctx, p, deps) => logsCommand(ctx, p.target, deps.signal),
};

function slotOf(p: Run): number {
  if (p.target.kind !== 'slot') throw new Error(`${p.action} needs one slot`);
  return p.target.slot;
}

export async function dispatch(parsed: Run, deps: MainDeps): Promise<void> {
  const ctx: CommandContext = { io: deps.io, signal: deps.signal, cwd: deps.cwd, env: deps.env, isRoot: deps.isRoot, options: parsed.options };
  if (parsed.target.kind === 'slot') {
    // Every action, not only those that build a plan: `9 stop` with slots: 4 is a usage error.
    const config = loadConfig(ctx.cwd, ctx.options.config);
    checkSlotInRange(parsed.target.slot, config.slots, path.relative(ctx.cwd, config.path) || config.path);
  }
  if (parsed.options.dryRun) {
    const slots = parsed.target.kind === 'all' ? await knownSlots(ctx) : [parsed.target.slot];
    return dryRunCommand(ctx, parsed.action, slots);
  }
  await HANDLERS[parsed.action](ctx, parsed, deps);
}
