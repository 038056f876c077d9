import { UsageError } from '../errors.js';
import { leaseOf } from '../leases/leases.js';
import { readLeases } from '../leases/registry.js';
import { worktreesOf } from '../leases/resolve.js';
import { printJson, warnOf, type CommandContext } from './context.js';
import { runOperations } from './run-ops.js';
import { stopCommand } from './stop.js';

/** Stop this worktree's slot (the stop teardown), then end its lease (an end-leases operation). */
export async function releaseCommand(ctx: CommandContext): Promise<void> {
  const { config } = ctx;
  const wts = await worktreesOf(config.root);
  if (!wts) throw new UsageError('release ends a worktree\'s slot lease, and this checkout has none (leases exist in repositories with several git worktrees); use `devslot stop`');
  const mine = leaseOf(readLeases(wts.git.commonDir, config.name, warnOf(ctx)), wts.git.worktree);
  if (!mine) {
    if (ctx.options.json) return printJson(ctx, { released: null });
    return ctx.io.out('this worktree leases no slot: nothing to release\n');
  }
  await stopCommand({ ...ctx, options: { ...ctx.options, json: false, quiet: ctx.options.json || ctx.options.quiet } }, { kind: 'slot', slot: mine.slot, source: 'lease' });
  await runOperations(ctx, [{ slot: mine.slot, kind: 'end-leases', commonDir: wts.git.commonDir, name: config.name, worktrees: [wts.git.worktree], cause: 'release gives the slot back' }]);
  if (ctx.options.json) return printJson(ctx, { released: mine.slot });
  ctx.io.out(`released slot ${mine.slot}: it is free for other worktrees\n`);
}
