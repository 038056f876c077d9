import { readRegistry, updateRegistry } from '../leases/registry.js';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../errors.js';
import { leaseOf } from '../leases/leases.js';
import { worktreesOf } from '../leases/resolve.js';
import { printJson, type CommandContext } from '../context.js';
import { stopCommand } from './stop.js';

/** Stop this worktree's slot and end its lease. */
export async function releaseCommand(ctx: CommandContext): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.options.config);
  const wts = await worktreesOf(config.root);
  if (!wts) throw new UsageError('release ends a worktree\'s slot lease, and this checkout has none (leases exist in repositories with several git worktrees); use `devslot stop`');
  const mine = leaseOf(readRegistry(wts.git.commonDir).projects[config.name] ?? [], wts.git.worktree);
  if (!mine) {
    if (ctx.options.json) return printJson(ctx, { released: null });
    return ctx.io.out('this worktree leases no slot: nothing to release\n');
  }
  await stopCommand({ ...ctx, options: { ...ctx.options, json: false, quiet: ctx.options.json || ctx.options.quiet } }, { kind: 'slot', slot: mine.slot, source: 'lease' });
  await updateRegistry(wts.git.commonDir, (reg) => {
    reg.projects[config.name] = (reg.projects[config.name] ?? []).filter((l) => l.worktree !== wts.git.worktree);
  });
  if (ctx.options.json) return printJson(ctx, { released: mine.slot });
  ctx.io.out(`released slot ${mine.slot}: it is free for other worktrees\n`);
}
