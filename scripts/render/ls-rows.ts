import type { ServiceRow } from './services-view.js';

/** What one checkout has of one slot: its services as status shows them, its lease, its files. */
export interface CheckoutSlot {
  slot: number;
  worktree: string;
  branch: string | null;
  commit: string;
  lease: boolean;
  /** `.instances/instance-N/` holds devslot's files there. */
  files: boolean;
  /** live: a checkout git lists and this machine sees; orphaned: git no longer lists it; unseen: not visible from here. */
  where: 'live' | 'orphaned' | 'unseen';
  services: ServiceRow[];
  /** Services running (for orphaned and unseen slots: containers and apps running, nothing planned to compare with). */
  up: number;
  /** Its engine did not answer: what runs there is not known. */
  engineDown?: boolean;
}

export type SlotState = 'running' | 'partial' | 'stopped' | 'orphaned' | 'unseen' | 'unknown';

export interface LsCheckout {
  worktree: string;
  branch: string | null;
  commit: string;
  lease: boolean;
  state: SlotState;
  up: number;
}

/** One row of `ls --json` (README "JSON output"). */
export interface LsRow {
  slot: number;
  project: string;
  state: SlotState;
  up: number;
  services: ServiceRow[];
  /** The checkout the row's state and services come from: the one running it, else its leaseholder; null outside a repository with worktrees. */
  owner: { worktree: string; branch: string | null; commit: string } | null;
  /** Every checkout that has something of this slot (a lease, files, containers or apps), the owner first. */
  checkouts: LsCheckout[];
}

function stateOf(e: CheckoutSlot): SlotState {
  if (e.where !== 'live') return e.where;
  if (e.engineDown) return 'unknown';
  return e.up === 0 ? 'stopped' : e.up >= e.services.length ? 'running' : 'partial';
}

/** Which checkout speaks for a slot: running beats not; a live checkout beats a gone or unseen one; a lease beats files. */
function rank(e: CheckoutSlot): number[] {
  return [e.up > 0 ? 0 : 1, e.where === 'live' ? 0 : 1, e.lease ? 0 : 1, e.where === 'orphaned' ? 0 : 1];
}

function byRank(a: CheckoutSlot, b: CheckoutSlot): number {
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return a.worktree.localeCompare(b.worktree);
}

/**
 * Issue 15: each slot exactly once, however many checkouts have something of it (a worktree's
 * lease and the main checkout's old files used to make two rows of slot 0). Pure.
 */
export function lsRows(entries: CheckoutSlot[], projectOf: (slot: number) => string, owners: boolean): LsRow[] {
  const bySlot = new Map<number, CheckoutSlot[]>();
  for (const e of entries) bySlot.set(e.slot, [...(bySlot.get(e.slot) ?? []), e]);
  return [...bySlot.entries()].sort(([a], [b]) => a - b).map(([slot, list]) => {
    const sorted = [...list].sort(byRank);
    const first = sorted[0]!;
    return {
      slot,
      project: projectOf(slot),
      state: stateOf(first),
      up: first.up,
      services: first.services,
      owner: owners ? { worktree: first.worktree, branch: first.branch, commit: first.commit } : null,
      checkouts: sorted.map((e) => ({ worktree: e.worktree, branch: e.branch, commit: e.commit, lease: e.lease, state: stateOf(e), up: e.up })),
    };
  });
}
