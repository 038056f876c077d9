import type { Lease } from '../adapters/registry.js';

export { emptyRegistry, type Lease, type Registry } from '../adapters/registry.js';

export function leaseOf(leases: Lease[], worktree: string): Lease | undefined {
  return leases.find((l) => l.worktree === worktree);
}

export function holderOf(leases: Lease[], slot: number): Lease | undefined {
  return leases.find((l) => l.slot === slot);
}

/**
 * The lowest slot below `slots` that no live worktree holds, and not in `busy` (slots another
 * checkout runs without a lease); undefined when all are taken.
 */
export function lowestFree(leases: Lease[], slots: number, isLive: (worktree: string) => boolean, busy: Iterable<number> = []): number | undefined {
  const taken = new Set([...leases.filter((l) => isLive(l.worktree)).map((l) => l.slot), ...busy]);
  for (let s = 0; s < slots; s++) if (!taken.has(s)) return s;
  return undefined;
}

export function describeOwner(l: Lease): string {
  return `${l.worktree} (${l.branch ? `branch ${l.branch}` : `detached at ${l.commit.slice(0, 12)}`})`;
}

/** Leases to another worktree that are dead (the worktree is gone) make room: drop them for that slot. */
export function withLease(leases: Lease[], lease: Lease): Lease[] {
  return [...leases.filter((l) => l.worktree !== lease.worktree && l.slot !== lease.slot), lease].sort((a, b) => a.slot - b.slot);
}
