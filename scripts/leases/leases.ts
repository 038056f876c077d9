import type { Lease } from '../adapters/registry.js';

export { emptyRegistry, type Lease, type Registry } from '../adapters/registry.js';

/**
 * What decides which slot a command in a worktree gets (issue 15), all already read: the leases,
 * git's list of live worktrees, and the slots each checkout runs or has files for (lease or not).
 */
export interface SlotFacts {
  /** Valid slots are 0..slots-1. */
  slots: number;
  /** This checkout's worktree root. */
  here: string;
  leases: Lease[];
  isLive: (worktree: string) => boolean;
  /** Slots this checkout runs (containers or apps up). */
  runningHere: ReadonlySet<number>;
  /** Slots this checkout has `.instances/` files for (started or initialized here once). */
  filesHere: ReadonlySet<number>;
  /** Slot → another live checkout that runs it or has its files. */
  usedElsewhere: ReadonlyMap<number, string>;
}

/** Another live checkout that holds a slot: by lease, or by running it without one. */
export type Holder = { kind: 'lease'; lease: Lease } | { kind: 'unleased'; worktree: string };

/** Every lease of this checkout, lowest slot first: a checkout may hold several slots. */
export function leasesOf(leases: Lease[], worktree: string): Lease[] {
  return leases.filter((l) => l.worktree === worktree).sort((a, b) => a.slot - b.slot);
}

/**
 * The slots this checkout holds: leased to it, run here, or with files here that no other live
 * checkout leases (files stay behind when a slot is taken over with --force; they do not win it back).
 */
export function slotsOfCheckout(f: SlotFacts): number[] {
  const leasedElsewhere = (s: number) => f.leases.some((l) => l.slot === s && l.worktree !== f.here && f.isLive(l.worktree));
  const files = [...f.filesHere].filter((s) => !leasedElsewhere(s));
  return [...new Set([...leasesOf(f.leases, f.here).map((l) => l.slot), ...f.runningHere, ...files])].filter((s) => s < f.slots).sort((a, b) => a - b);
}

/**
 * The other live checkout holding `slot`, if any. A lease of a gone worktree holds nothing. What
 * this checkout itself runs is its own even when another checkout's lease names it (it was
 * started here, maybe before this repository had worktrees): then nobody else holds it.
 */
export function holderOf(f: SlotFacts, slot: number): Holder | undefined {
  if (f.runningHere.has(slot)) return undefined;
  const lease = f.leases.find((l) => l.slot === slot && l.worktree !== f.here && f.isLive(l.worktree));
  if (lease) return { kind: 'lease', lease };
  const runner = f.usedElsewhere.get(slot);
  return runner !== undefined && runner !== f.here ? { kind: 'unleased', worktree: runner } : undefined;
}

/** Slots no checkout holds, lowest first: the candidates of an automatic choice. */
export function freeSlots(f: SlotFacts): number[] {
  const mine = new Set(slotsOfCheckout(f));
  const out: number[] = [];
  for (let s = 0; s < f.slots; s++) if (!mine.has(s) && !holderOf(f, s)) out.push(s);
  return out;
}

/** What an explicit slot given to an acting command comes to. */
export type ExplicitDecision =
  | { kind: 'accept'; why: 'mine' | 'free' }
  | { kind: 'refuse'; holder: Holder }
  | { kind: 'take-over'; holder: Holder };

/**
 * Issue 15: an explicit slot is accepted when it is free or already this checkout's; only a slot
 * another live checkout holds is refused, or taken over with `force`.
 */
export function decideExplicit(f: SlotFacts, slot: number, force: boolean): ExplicitDecision {
  if (slotsOfCheckout(f).includes(slot)) return { kind: 'accept', why: 'mine' };
  const holder = holderOf(f, slot);
  if (!holder) return { kind: 'accept', why: 'free' };
  return force ? { kind: 'take-over', holder } : { kind: 'refuse', holder };
}

export function holderRoot(h: Holder): string {
  return h.kind === 'lease' ? h.lease.worktree : h.worktree;
}

export function describeHolder(h: Holder): string {
  return h.kind === 'lease' ? `leased to ${describeOwner(h.lease)}` : `in use by ${h.worktree} (a checkout of this repository, running it without a lease)`;
}

export function describeOwner(l: Pick<Lease, 'worktree' | 'branch' | 'commit'>): string {
  return `${l.worktree} (${describeRef(l)})`;
}

export function describeRef(l: Pick<Lease, 'branch' | 'commit'>): string {
  return l.branch ? `branch ${l.branch}` : l.commit ? `detached at ${l.commit.slice(0, 12)}` : 'no branch recorded';
}

/**
 * `lease` added for its worktree, keeping that worktree's other slots. Any other lease of the same
 * slot goes: a gone worktree's (it makes room) or the one just taken over with --force.
 */
export function withLease(leases: Lease[], lease: Lease): Lease[] {
  return [...leases.filter((l) => l.slot !== lease.slot), lease].sort((a, b) => a.slot - b.slot || a.worktree.localeCompare(b.worktree));
}
