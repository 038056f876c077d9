import fs from 'node:fs';
import { gitInfo, type GitInfo } from '../adapters/git.js';
import { ACTING, type Action } from '../cli/actions.js';
import type { Target } from '../cli/args.js';
import type { Io } from '../io.js';
import type { Config } from '../config/types.js';
import { BusyError } from '../errors.js';
import { describeOwner, holderOf, leaseOf, lowestFree, withLease, type Lease, type Registry } from './leases.js';
import { readRegistry, updateRegistry } from './registry.js';


export interface Worktrees {
  git: GitInfo;
  isLive: (worktree: string) => boolean;
}

/** Leases apply in a repository with more than one worktree; elsewhere devslot works as before. */
export async function worktreesOf(root: string): Promise<Worktrees | undefined> {
  const git = await gitInfo(root);
  if (!git || git.worktrees.length < 2) return undefined;
  return { git, isLive: (wt) => git.worktrees.includes(wt) && fs.existsSync(wt) };
}

/**
 * Issue 5: the slot a command runs on inside a worktree. No slot given: this worktree's lease, or
 * the lowest free slot, leased now (and said). A slot given to an acting command: refused when this
 * worktree leases another one or another live worktree leases it, unless `force` (then `takeOver`
 * stops the other worktree's slot first). Otherwise the slot is leased to this worktree.
 */
export async function resolveTarget(
  config: Config,
  action: Action,
  target: Target,
  opts: { force: boolean; io: Io; takeOver: (owner: Lease) => Promise<void>; dryRun?: boolean },
): Promise<Target> {
  if (target.kind === 'all' || (target.source !== 'default' && !ACTING.has(action))) return target;
  const wts = await worktreesOf(config.root);
  if (!wts) return target;
  const { git, isLive } = wts;
  const now = new Date().toISOString();
  const lease = (slot: number, created = now): Lease => ({ slot, worktree: git.worktree, branch: git.branch, commit: git.commit, created, used: now });
  // A dry run decides the same way but writes no lease and takes nothing over.
  const warn = (line: string) => opts.io.err(`devslot: ${line}\n`);
  const apply = opts.dryRun
    ? async <T>(_dir: string, fn: (reg: Registry) => Promise<T>) => fn(readRegistry(git.commonDir, warn))
    : <T>(dir: string, fn: (reg: Registry) => Promise<T>) => updateRegistry(dir, fn, warn);
  return apply(git.commonDir, async (reg) => {
    const leases = (reg.projects[config.name] ??= []);
    const mine = leaseOf(leases, git.worktree);
    if (target.source === 'default') {
      if (mine) {
        reg.projects[config.name] = withLease(leases, lease(mine.slot, mine.created));
        return { kind: 'slot', slot: mine.slot, source: 'lease' } as Target;
      }
      const free = lowestFree(leases, config.slots, isLive);
      if (free === undefined) throw new BusyError(`every slot (0..${config.slots - 1}) is leased to a worktree; run \`devslot prune\` or \`devslot release\` in one of them`);
      reg.projects[config.name] = withLease(leases, lease(free));
      if (!opts.dryRun) opts.io.err(`leased slot ${free} to this worktree (${git.branch ? `branch ${git.branch}` : `detached at ${git.commit.slice(0, 12)}`})\n`);
      return { kind: 'slot', slot: free, source: 'lease' } as Target;
    }
    const slot = target.slot;
    const holder = holderOf(leases, slot);
    const foreign = holder && holder.worktree !== git.worktree && isLive(holder.worktree) ? holder : undefined;
    if (!opts.force) {
      if (mine && mine.slot !== slot) {
        throw new BusyError(`this worktree leases slot ${mine.slot}, not ${slot}; run \`devslot ${action}\` without a slot, or add --force to move it to slot ${slot}`);
      }
      if (foreign) throw new BusyError(`slot ${slot} is leased to ${describeOwner(foreign)}; use this worktree's own slot (no number), or --force to take it over`);
    } else if (foreign && !opts.dryRun) {
      await opts.takeOver(foreign);
    }
    reg.projects[config.name] = withLease(leases, lease(slot, mine?.slot === slot ? mine.created : now));
    return target;
  });
}
