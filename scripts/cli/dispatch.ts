import type { CommandContext } from '../commands/context.js';
import { loadConfig } from '../config/load.js';
import { ACTING, ACTION_SPEC, LEASING, type Action } from './actions.js';
import type { Parsed } from './args.js';
import type { MainDeps } from './main.js';

type Run = Extract<Parsed, { kind: 'run' }>;

/**
 * One entry per action, so a new action does not compile until it is handled here. Each imports
 * its command only when it runs: `ports` must not pay for dockerode, pm2 or jiti.
 */
const HANDLERS: Record<Action, (ctx: CommandContext, p: Run, deps: MainDeps) => Promise<unknown>> = {
  init: async (ctx, p) => (await import('../commands/init.js')).initCommand(ctx, slotOf(p)),
  info: async (ctx, p) => (await import('../commands/info.js')).infoCommand(ctx, slotOf(p)),
  ports: async (ctx, p) => (await import('../commands/ports.js')).portsCommand(ctx, slotOf(p)),
  env: async (ctx, p) => (await import('../commands/env.js')).envCommand(ctx, slotOf(p)),
  exec: async (ctx, p) => (await import('../commands/exec.js')).execCommand(ctx, slotOf(p)),
  shell: async (ctx, p) => (await import('../commands/exec.js')).shellCommand(ctx, slotOf(p)),
  start: async (ctx, p) => (await import('../commands/start.js')).startCommand(ctx, slotOf(p)),
  stop: async (ctx, p) => (await import('../commands/stop.js')).stopCommand(ctx, p.target),
  clean: async (ctx, p, deps) => (await import('../commands/clean.js')).cleanCommand(ctx, p.target, deps.confirm),
  restart: async (ctx, p) => (await import('../commands/restart.js')).restartCommand(ctx, p.target),
  status: async (ctx, p) => (await import('../commands/status.js')).statusCommand(ctx, p.target),
  ls: async (ctx) => (await import('../commands/ls.js')).lsCommand(ctx),
  logs: async (ctx, p) => (await import('../commands/logs.js')).logsCommand(ctx, p.target),
  release: async (ctx) => (await import('../commands/release.js')).releaseCommand(ctx),
  prune: async (ctx) => (await import('../commands/prune.js')).pruneCommand(ctx),
  check: async (ctx, p) => (await import('../commands/check.js')).checkCommand(ctx, p.target),
};

function slotOf(p: Run): number {
  if (p.target.kind !== 'slot') throw new Error(`${p.action} needs one slot`);
  return p.target.slot;
}

/** The grammar's result → one command, with the config loaded once for it. */
export async function dispatch(parsed: Run, deps: MainDeps): Promise<void> {
  const config = await loadConfig(deps.cwd, parsed.options.config);
  const ctx: CommandContext = { io: deps.io, signal: deps.signal, cwd: deps.cwd, env: deps.env, isRoot: deps.isRoot, options: parsed.options, config, ...(deps.trace ? { trace: deps.trace } : {}) };
  await (await import('../commands/copy-recover.js')).recoverInterruptedCopies(ctx);
  let target = parsed.target;
  if (target.kind === 'slot') {
    const { resolveSlot } = await import('../commands/target.js');
    target = await resolveSlot(ctx, parsed.action, target, { slot: ACTION_SPEC[parsed.action].slot, acting: ACTING.has(parsed.action), leasing: LEASING.has(parsed.action) }, deps.now ?? (() => new Date()));
  }
  // Issue 19: a command on one slot talks to that slot's engine alone (`engines:` in devslot.yaml).
  const { onSlotEngine } = await import('../commands/context.js');
  await HANDLERS[parsed.action](target.kind === 'slot' ? onSlotEngine(ctx, target.slot) : ctx, { ...parsed, target }, deps);
}
