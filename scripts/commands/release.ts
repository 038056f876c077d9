import { UsageError } from '../errors.js';
import { leasesOf } from '../leases/leases.js';
import { readLeases } from '../leases/registry.js';
import { worktreesOf } from '../leases/resolve.js';
import { printJson, warnOf, type CommandContext } from './context.js';
import { runOperations } from './run-ops.js';
import { stopCommand } from './stop.js';

/** Stop every slot this worktree leases (the stop teardown), then end its leases (an end-leases operation). */
export async function releaseCommand(ctx: CommandContext): Promise<void> {
  const { config } = ctx;
  const wts = await worktreesOf(config.root);
  if (!wts) throw new UsageError('release ends a worktree\'s slot leases, and this checkout has none (leases exist in repositories with several git worktrees); use `devslot stop`');
  const mine = leasesOf(readLeases(wts.git.commonDir, config.name, warnOf(ctx)), wts.git.worktree).map((l) => l.slot);
  if (!mine.length) {
    if (ctx.options.json) return printJson(ctx, { released: [] });
    return ctx.io.out('this worktree leases no slot: nothing to release\n');
  }
  for (const slot of mine) await stopCommand({ ...ctx, options: { ...ctx.options, json: false, quiet: ctx.options.json || ctx.options.quiet } }, { kind: 'slot', slot, source: 'lease' });
  await runOperations(ctx, [{ slot: mine[0]!, kind: 'end-leases', commonDir: wts.git.commonDir, name: config.name, worktrees: [wts.git.worktree], cause: 'release gives the slots back' }]);
  if (ctx.options.json) return printJson(ctx, { released: mine });
  ctx.io.out(`released slot${mine.length > 1 ? 's' : ''} ${mine.join(', ')}: free for other worktrees\n`);
}
