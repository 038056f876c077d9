import { gitInfo, type GitInfo } from '../adapters/git.js';
import type { Action, Target } from '../context.js';
import { readRegistry, updateRegistry } from './registry.js';
import type { Config } from '../config/types.js';
import { BusyError } from '../errors.js';
import { slotsInUse, type SlotsInUse } from './in-use.js';
import { describeOwner, holderOf, leaseOf, lowestFree, withLease, type Lease, type Registry } from './leases.js';


export interface Worktrees {
  git: GitInfo;
  isLive: (worktree: string) => boolean;
}

/** Leases apply in a repository with more than one worktree; elsewhere devslot works as before. */
export async function worktreesOf(root: string): Promise<Worktrees | undefined> {
  const git = await gitInfo(root);
  if (!git || git.worktrees.length < 2) return undefined;
  // git's list decides, not the filesystem: a worktree not visible from here (another mount
  // namespace) is still live (issue 11).
  return { git, isLive: (wt) => git.worktrees.includes(wt) };
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
  opts: { force: boolean; acting: boolean; now: () => Date; takeOver: (owner: Lease) => Promise<void>; dryRun?: boolean; env: NodeJS.ProcessEnv },
): Promise<{ target: Target; said: string[] }> {
  const said: string[] = [];
  if (target.kind === 'all' || (target.source !== 'default' && !opts.acting)) return { target, said };
  const wts = await worktreesOf(config.root);
  if (!wts) return { target, said };
  const { git, isLive } = wts;
  const now = opts.now().toISOString();
  // Slots other checkouts run without a lease (issue 11): not needed on the common path, a
  // default slot this worktree already leases.
  // A peek outside the lock: a bad registry is said (and set aside) by the locked update below.
  const needsInUse = target.source !== 'default' || !leaseOf(readRegistry(git.commonDir, () => {}).projects[config.name] ?? [], git.worktree);
  const inUse: SlotsInUse = needsInUse ? await slotsInUse(config, git, opts.env) : { elsewhere: new Map(), here: new Set() };
  const lease = (slot: number, created = now): Lease => ({ slot, worktree: git.worktree, branch: git.branch, commit: git.commit, created, used: now });
  // A dry run decides the same way but writes no lease and takes nothing over.
  // Nothing is printed while the registry is locked: what there is to say comes back in `said`.
  const warn = (line: string) => said.push(`devslot: ${line}`);
  const apply = opts.dryRun
    ? async <T>(_dir: string, fn: (reg: Registry) => Promise<T>) => fn(readRegistry(git.commonDir, warn))
    : <T>(dir: string, fn: (reg: Registry) => Promise<T>) => updateRegistry(dir, fn, warn);
  const resolved = await apply(git.commonDir, async (reg) => {
    const leases = (reg.projects[config.name] ??= []);
    const mine = leaseOf(leases, git.worktree);
    if (target.source === 'default') {
      if (mine) {
        reg.projects[config.name] = withLease(leases, lease(mine.slot, mine.created));
        return { kind: 'slot', slot: mine.slot, source: 'lease' } as Target;
      }
      const free = lowestFree(leases, config.slots, isLive, inUse.elsewhere.keys());
      if (free === undefined) throw new BusyError(`every slot (0..${config.slots - 1}) is leased to a worktree; run \`devslot prune\` or \`devslot release\` in one of them`);
      reg.projects[config.name] = withLease(leases, lease(free));
      if (!opts.dryRun) said.push(`leased slot ${free} to this worktree (${git.branch ? `branch ${git.branch}` : `detached at ${git.commit.slice(0, 12)}`})`);
      return { kind: 'slot', slot: free, source: 'lease' } as Target;
    }
    const slot = target.slot;
    const holder = holderOf(leases, slot);
    const foreign = holder && holder.worktree !== git.worktree && isLive(holder.worktree) ? holder : undefined;
    // This checkout's own running slot (or its files) is accepted as it is, lease or not: it was
    // started here, maybe before this repository had other worktrees. No lease changes hands.
    if (inUse.here.has(slot) && ((mine && mine.slot !== slot) || foreign)) return target;
    const runner = inUse.elsewhere.get(slot);
    const unleased: Lease | undefined = !foreign && !inUse.here.has(slot) && runner ? { slot, worktree: runner, branch: null, commit: '', created: now, used: now } : undefined;
    if (!opts.force) {
      if (unleased) throw new BusyError(`slot ${slot} is in use by ${runner} (a checkout of this repository, running it without a lease); use this worktree's own slot (no number), or --force to take it over`);
      if (mine && mine.slot !== slot) {
        throw new BusyError(`this worktree leases slot ${mine.slot}, not ${slot}; run \`devslot ${action}\` without a slot, or add --force to move it to slot ${slot}`);
      }
      if (foreign) throw new BusyError(`slot ${slot} is leased to ${describeOwner(foreign)}; use this worktree's own slot (no number), or --force to take it over`);
    } else if ((foreign ?? unleased) && !opts.dryRun) {
      const owner = (foreign ?? unleased)!;
      await opts.takeOver(owner);
      said.push(`took slot ${slot} over from ${owner.worktree}: stopped it there first`);
    }
    reg.projects[config.name] = withLease(leases, lease(slot, mine?.slot === slot ? mine.created : now));
    return target;
  });
  return { target: resolved, said };
}
