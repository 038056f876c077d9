import path from 'node:path';
import type { Action, Target } from '../context.js';
import { loadConfig } from '../config/load.js';
import { checkSlotInRange } from '../config/slot-range.js';
import { shiftPort } from '../plan/ports.js';
import { planOf, type CommandContext } from './context.js';

/**
 * The slot a command runs on: range-checked against the config, and in a repository with several
 * worktrees, following this checkout's slots (issues 5 and 15). `--force` takes a slot over from
 * another worktree by stopping it there first, through stop's own teardown.
 */
export async function resolveSlot(ctx: CommandContext, action: Action, target: Target, spec: { slot: boolean; acting: boolean; leasing: boolean }, now: () => Date): Promise<Target> {
  if (target.kind !== 'slot') return target;
  // Every action, not only those that build a plan: `9 stop` with slots: 4 is a usage error.
  checkSlotInRange(target.slot, ctx.config.slots, path.relative(ctx.cwd, ctx.config.path) || ctx.config.path);
  // Actions that take no slot (release) find their own lease: resolving would lease a free slot.
  if (!spec.slot || (target.source === 'argument' && !spec.acting)) return target;
  const { resolveTarget } = await import('../leases/resolve.js');
  // One plan gives every slot's ports: slot N's are the base ports shifted by N × stride.
  let planned: { slot: number; ports: Record<string, number> } | undefined;
  const { target: resolved, said } = await resolveTarget(ctx.config, action, target, {
    force: ctx.options.force,
    acting: spec.acting,
    leasing: spec.leasing,
    dryRun: ctx.options.dryRun,
    env: ctx.env,
    now,
    portsOf: async (slot) => {
      planned ??= { slot, ports: (await planOf(ctx, slot, true)).ports };
      const { slot: at, ports } = planned;
      return Object.entries(ports).map(([name, port]) => ({ name, port: shiftPort(port, slot - at, ctx.config.stride) }));
    },
    takeOver: async (owner) => {
      const { stopCommand } = await import('./stop.js');
      const config = await loadConfig(owner.worktree);
      await stopCommand({ ...ctx, cwd: owner.worktree, config, options: { ...ctx.options, quiet: true, json: false, dryRun: false, config: undefined } }, { kind: 'slot', slot: owner.slot, source: 'argument' });
    },
  });
  for (const line of said) ctx.io.err(`${line}\n`);
  return resolved;
}
