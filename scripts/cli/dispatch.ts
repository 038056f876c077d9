import path from 'node:path';
import type { CommandContext } from '../context.js';
import { loadConfig } from '../config/load.js';
import { checkSlotInRange } from '../plan/slot.js';
import { ACTING, ACTION_SPEC, type Action } from './actions.js';
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
  start: async (ctx, p) => (await import('../commands/start.js')).startCommand(ctx, slotOf(p)),
  stop: async (ctx, p) => (await import('../commands/stop.js')).stopCommand(ctx, p.target),
  clean: async (ctx, p, deps) => (await import('../commands/clean.js')).cleanCommand(ctx, p.target, deps.confirm),
  restart: async (ctx, p) => (await import('../commands/restart.js')).restartCommand(ctx, p.target),
  status: async (ctx, p) => (await import('../commands/status.js')).statusCommand(ctx, p.target),
  ls: async (ctx) => (await import('../commands/status.js')).lsCommand(ctx),
  logs: async (ctx, p) => (await import('../commands/logs.js')).logsCommand(ctx, p.target),
  release: async (ctx) => (await import('../commands/release.js')).releaseCommand(ctx),
  prune: async (ctx) => (await import('../commands/prune.js')).pruneCommand(ctx),
  check: async (ctx, p) => (await import('../commands/check.js')).checkCommand(ctx, p.target),
};

function slotOf(p: Run): number {
  if (p.target.kind !== 'slot') throw new Error(`${p.action} needs one slot`);
  return p.target.slot;
}

export async function dispatch(parsedIn: Run, deps: MainDeps): Promise<void> {
  let parsed = parsedIn;
  const ctx: CommandContext = { io: deps.io, signal: deps.signal, cwd: deps.cwd, env: deps.env, isRoot: deps.isRoot, options: parsed.options };
  if (parsed.target.kind === 'slot') {
    // Every action, not only those that build a plan: `9 stop` with slots: 4 is a usage error.
    const config = await loadConfig(ctx.cwd, ctx.options.config);
    checkSlotInRange(parsed.target.slot, config.slots, path.relative(ctx.cwd, config.path) || config.path);
    // In a repository with several worktrees, the slot follows this worktree's lease (issue 5).
    // Actions that take no slot (release) find their own lease: resolving would lease a free slot.
    if (ACTION_SPEC[parsed.action].slot && (parsed.target.source !== 'argument' || ACTING.has(parsed.action))) {
      const { resolveTarget } = await import('../leases/resolve.js');
      const target = await resolveTarget(config, parsed.action, parsed.target, {
        force: parsed.options.force,
        dryRun: parsed.options.dryRun,
        io: ctx.io,
        takeOver: async (owner) => {
          const { stopCommand } = await import('../commands/stop.js');
          ctx.io.err(`taking slot ${parsed.target.kind === 'slot' ? parsed.target.slot : ''} over from ${owner.worktree}: stopping it there first\n`);
          await stopCommand({ ...ctx, cwd: owner.worktree, options: { ...ctx.options, quiet: true, json: false, config: undefined } }, { kind: 'slot', slot: owner.slot, source: 'argument' });
        },
      });
      parsed = { ...parsed, target };
    }
  }
  if (parsed.options.dryRun) {
    const { dryRunCommand, dryRunAll } = await import('../commands/dry-run.js');
    if (parsed.target.kind === 'all') return dryRunAll(ctx, parsed.action);
    return dryRunCommand(ctx, parsed.action, [parsed.target.slot]);
  }
  await HANDLERS[parsed.action](ctx, parsed, deps);
}
