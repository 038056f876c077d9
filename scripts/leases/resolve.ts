import { listInstanceSlots } from '../adapters/fs.js';
import { gitInfo, type GitInfo } from '../adapters/git.js';
import type { Action, Target } from '../context.js';
import type { Config } from '../config/types.js';
import { BusyError } from '../errors.js';
import { heldPort, type SlotPort } from './held-ports.js';
import { slotsInUse } from './in-use.js';
import { decideExplicit, describeHolder, describeRef, freeSlots, holderRoot, leasesOf, slotsOfCheckout, withLease, type Holder, type Lease, type Registry, type SlotFacts } from './leases.js';
import { readRegistry, updateRegistry } from './registry.js';

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

export interface ResolveOptions {
  force: boolean;
  /** The action changes the slot (start, stop, restart, clean, init): another checkout's slot is refused. */
  acting: boolean;
  /** The action creates the slot (start, init): it leases what it runs on. */
  leasing: boolean;
  dryRun?: boolean;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** Stop another checkout's slot before it is taken over (--force). */
  takeOver: (owner: { worktree: string; slot: number }) => Promise<void>;
  /** The named ports of a slot, for passing by slots whose ports something else holds. */
  portsOf: (slot: number) => Promise<SlotPort[]>;
}

/**
 * Issue 15: the slot a command runs on inside a repository with several worktrees.
 *
 * No slot given: this checkout's first slot (leased, run or initialized here), else the lowest
 * slot no checkout holds and whose ports nothing else holds; only `start` and `init` lease it,
 * and they say which slot they took and why they passed others by. A slot given to an acting
 * command is accepted when it is free or this checkout's; another live checkout's is refused
 * (exit 2, naming it) unless `force`, which stops it there first. Read-only commands (info,
 * ports, env, status, logs, check) and dry runs never write the registry.
 */
export async function resolveTarget(config: Config, action: Action, target: Target, opts: ResolveOptions): Promise<{ target: Target; said: string[] }> {
  const said: string[] = [];
  if (target.kind === 'all' || (target.source !== 'default' && !opts.acting)) return { target, said };
  const wts = await worktreesOf(config.root);
  if (!wts) return { target, said };
  const { git, isLive } = wts;
  const warn = (line: string) => said.push(`devslot: ${line}`);
  const writes = opts.leasing && !opts.dryRun;
  const now = opts.now().toISOString();
  const lease = (slot: number, old?: Lease): Lease => ({ slot, worktree: git.worktree, branch: git.branch, commit: git.commit, created: old?.created ?? now, used: now });
  const folders = new Set(listInstanceSlots(git.worktree));
  // Nothing is printed while the registry is locked: what there is to say comes back in `said`.
  const withRegistry = <T>(fn: (reg: Registry) => Promise<T>): Promise<T> =>
    writes || (opts.acting && opts.force && !opts.dryRun) ? updateRegistry(git.commonDir, fn, warn) : fn(readRegistry(git.commonDir, warn));
  const project = (reg: Registry) => (reg.projects[config.name] ??= []);

  // The common path, a checkout that already holds a slot: no engine or PM2 call.
  if (target.source === 'default') {
    const peek = readRegistry(git.commonDir, () => {}).projects[config.name] ?? [];
    const quick = slotsOfCheckout({ slots: config.slots, here: git.worktree, leases: peek, isLive, runningHere: new Set(), filesHere: folders, usedElsewhere: new Map() });
    if (quick.length) {
      const slot = quick[0]!;
      if (writes) await withRegistry(async (reg) => { reg.projects[config.name] = withLease(project(reg), lease(slot, leasesOf(project(reg), git.worktree).find((l) => l.slot === slot))); });
      return { target: { kind: 'slot', slot, source: 'lease' }, said };
    }
  }

  const inUse = await slotsInUse(config, git, opts.env);
  const factsOf = (leases: Lease[]): SlotFacts => ({ slots: config.slots, here: git.worktree, leases, isLive, runningHere: inUse.here, filesHere: folders, usedElsewhere: inUse.elsewhere });

  if (target.source !== 'default') {
    const slot = target.slot;
    return withRegistry(async (reg) => {
      const leases = project(reg);
      const decision = decideExplicit(factsOf(leases), slot, opts.force);
      if (decision.kind === 'refuse') throw new BusyError(`slot ${slot} is ${describeHolder(decision.holder)}; use this worktree's own slot (no number), or --force to take it over`);
      if (decision.kind === 'take-over' && !opts.dryRun) {
        await opts.takeOver({ worktree: holderRoot(decision.holder), slot });
        said.push(`took slot ${slot} over from ${holderRoot(decision.holder)}: stopped it there first`);
        reg.projects[config.name] = leases.filter((l) => l.slot !== slot);
      }
      if (writes) reg.projects[config.name] = withLease(project(reg), lease(slot, leasesOf(leases, git.worktree).find((l) => l.slot === slot)));
      return { target, said };
    });
  }

  // This checkout holds no slot yet (or only one running from here without a lease): choose.
  return withRegistry(async (reg) => {
    const facts = factsOf(project(reg));
    const mine = slotsOfCheckout(facts);
    if (mine.length) {
      if (writes) reg.projects[config.name] = withLease(project(reg), lease(mine[0]!));
      return { target: { kind: 'slot', slot: mine[0]!, source: 'lease' } as Target, said };
    }
    // stop, restart and clean of a checkout that holds nothing find nothing of theirs to act on:
    // the lowest free slot will do, without asking what holds its ports.
    const probes = !opts.acting || opts.leasing;
    const { slot, skipped } = await chooseFree(facts, probes ? async (s) => heldPort(opts.env, await opts.portsOf(s)) : undefined);
    const skip = skipped.length ? `; passed by ${skipped.map((s) => `slot ${s.slot} (${s.why})`).join(', ')}` : '';
    if (writes) {
      reg.projects[config.name] = withLease(project(reg), lease(slot));
      said.push(`leased slot ${slot} to this worktree (${describeRef(git)})${skip}`);
    } else {
      said.push(probes
        ? `this worktree holds no slot: ${action} uses slot ${slot}, the one \`devslot start\` would lease here (nothing is leased now)${skip}`
        : `this worktree holds no slot: ${action} uses slot ${slot}, the lowest free one (nothing is leased)`);
    }
    return { target: { kind: 'slot', slot, source: opts.leasing ? 'lease' : 'default' } as Target, said };
  });
}

/**
 * The lowest slot no checkout holds whose ports `held` finds free; the slots passed by, with why.
 * Without `held` (stop, restart, clean of a checkout that holds nothing) the lowest free slot.
 */
async function chooseFree(facts: SlotFacts, held: ((slot: number) => Promise<string | undefined>) | undefined): Promise<{ slot: number; skipped: { slot: number; why: string }[] }> {
  const skipped: { slot: number; why: string }[] = [];
  const free = freeSlots(facts);
  for (const slot of free) {
    const why = held ? await held(slot) : undefined;
    if (!why) return { slot, skipped };
    skipped.push({ slot, why });
  }
  const taken = facts.slots - free.length;
  throw new BusyError(
    skipped.length
      ? `no slot is free: ${taken} of ${facts.slots} are held by checkouts of this repository, and ${skipped.map((s) => `slot ${s.slot}: ${s.why}`).join('; ')}; free one of those ports, or run \`devslot release\` or \`devslot prune\``
      : `every slot (0..${facts.slots - 1}) is held by a checkout of this repository; run \`devslot release\` in one of them, or \`devslot prune\``,
  );
}

export type { Holder };
