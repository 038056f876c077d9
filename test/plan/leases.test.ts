import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decideExplicit, describeHolder, freeSlots, holderOf, slotsOfCheckout, withLease, type Lease, type SlotFacts } from '../../scripts/leases/leases.js';
import { parseRegistry } from '../../scripts/leases/registry-shape.js';

/** Issue 15: several slots per checkout; which slot a command gets, as tables of pure rules. */
const lease = (slot: number, worktree: string, branch: string | null = worktree.slice(1)): Lease => ({ slot, worktree, branch, commit: 'c0ffee'.padEnd(40, '0'), created: 't0', used: 't1' });
const facts = (over: Partial<SlotFacts> = {}): SlotFacts => ({
  slots: 6,
  here: '/main',
  leases: [],
  isLive: (wt) => wt !== '/gone',
  runningHere: new Set(),
  filesHere: new Set(),
  usedElsewhere: new Map(),
  ...over,
});

describe('slotsOfCheckout', () => {
  it.each([
    ['no lease, nothing run here', facts(), []],
    ['two leases, lowest first', facts({ leases: [lease(3, '/main'), lease(1, '/main'), lease(0, '/a')] }), [1, 3]],
    ['a slot run here without a lease counts', facts({ leases: [lease(3, '/main')], runningHere: new Set([2]) }), [2, 3]],
    ['files here count, unless another live checkout leases that slot (taken over with --force)', facts({ leases: [lease(1, '/a'), lease(2, '/gone')], filesHere: new Set([0, 1, 2]) }), [0, 2]],
    ['a slot beyond `slots` (the config shrank) does not', facts({ leases: [lease(7, '/main')] }), []],
  ])('%s', (_why, f, want) => expect(slotsOfCheckout(f)).toEqual(want));
});

describe('the default slot: this checkout\'s first slot, else the lowest free one', () => {
  it.each([
    ['main runs 2 and 3 (leased), worktrees a and b hold 0 and 1', facts({ leases: [lease(0, '/a'), lease(1, '/b'), lease(2, '/main'), lease(3, '/main')] }), '/c', [4, 5]],
    ['a gone worktree\'s lease makes room', facts({ leases: [lease(0, '/gone'), lease(1, '/main')] }), '/a', [0, 2, 3, 4, 5]],
    ['a slot another checkout runs without a lease is not free', facts({ usedElsewhere: new Map([[0, '/main']]) }), '/a', [1, 2, 3, 4, 5]],
    ['every slot held: none', facts({ slots: 2, leases: [lease(0, '/main'), lease(1, '/b')] }), '/a', []],
  ])('%s', (_why, f, here, want) => {
    expect(slotsOfCheckout({ ...f, here })).toEqual([]);
    expect(freeSlots({ ...f, here })).toEqual(want);
  });
});

describe('decideExplicit', () => {
  const f = facts({ leases: [lease(0, '/a'), lease(2, '/main'), lease(3, '/main'), lease(4, '/gone')], usedElsewhere: new Map([[5, '/b']]) });
  it.each([
    ['its own leased slot', '/main', 2, false, { kind: 'accept', why: 'mine' }],
    ['its second leased slot', '/main', 3, false, { kind: 'accept', why: 'mine' }],
    ['a free slot, though it holds others', '/main', 1, false, { kind: 'accept', why: 'free' }],
    ['a slot leased to a gone worktree', '/main', 4, false, { kind: 'accept', why: 'free' }],
    ['a slot another live worktree leases', '/a', 2, false, { kind: 'refuse', holder: { kind: 'lease', lease: lease(2, '/main') } }],
    ['the same, forced', '/a', 3, true, { kind: 'take-over', holder: { kind: 'lease', lease: lease(3, '/main') } }],
    ['a slot another checkout runs without a lease', '/main', 5, false, { kind: 'refuse', holder: { kind: 'unleased', worktree: '/b' } }],
  ])('%s', (_why, here, slot, force, want) => expect(decideExplicit({ ...f, here }, slot, force)).toEqual(want));

  it('accepts what this checkout runs even when another checkout\'s lease names it (started here first)', () => {
    const g = facts({ here: '/main', leases: [lease(0, '/a')], runningHere: new Set([0]) });
    expect(decideExplicit(g, 0, false)).toEqual({ kind: 'accept', why: 'mine' });
    expect(holderOf(g, 0)).toBeUndefined();
  });

  it('names the owner in the refusal', () => {
    expect(describeHolder({ kind: 'lease', lease: lease(2, '/main', 'main') })).toBe('leased to /main (branch main)');
    expect(describeHolder({ kind: 'lease', lease: lease(2, '/d', null) })).toBe('leased to /d (detached at c0ffee000000)');
    expect(describeHolder({ kind: 'unleased', worktree: '/b' })).toBe('in use by /b (a checkout of this repository, running it without a lease)');
  });
});

describe('withLease', () => {
  it('adds a second slot for a worktree, keeping its first', () => {
    expect(withLease([lease(1, '/main')], lease(2, '/main')).map((l) => `${l.slot}:${l.worktree}`)).toEqual(['1:/main', '2:/main']);
  });
  it('replaces any other lease of the same slot (a gone worktree\'s, or one taken over)', () => {
    expect(withLease([lease(1, '/gone'), lease(0, '/a')], lease(1, '/main')).map((l) => `${l.slot}:${l.worktree}`)).toEqual(['0:/a', '1:/main']);
  });
});

describe('a registry written by the previous version (test/fixtures/registry-v1)', () => {
  const text = fs.readFileSync(new URL('../fixtures/registry-v1/leases.json', import.meta.url), 'utf8');
  const parsed = parseRegistry(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  const leases = parsed.registry.projects['h15-app']!;
  const old = (here: string) => facts({ here, leases, isLive: () => true });

  it('is read as it stands', () => {
    expect(leases.map((l) => `${l.slot}:${l.worktree}:${l.branch}`)).toEqual(['0:/repo/wt-a:feat-a', '1:/repo/main:main', '3:/repo/wt-detached:null']);
    expect(parsed.registry.projects['other-project']).toHaveLength(1);
  });

  it.each([
    ['/repo/wt-a', [0]],
    ['/repo/main', [1]],
    ['/repo/wt-detached', [3]],
    ['/repo/wt-new', []],
  ])('a checkout with one lease holds that slot: %s', (here, want) => expect(slotsOfCheckout(old(here))).toEqual(want));

  it('refuses another checkout its slots, naming the owner, and leaves the rest free', () => {
    expect(decideExplicit(old('/repo/main'), 0, false)).toEqual({ kind: 'refuse', holder: { kind: 'lease', lease: leases[0] } });
    expect(describeHolder({ kind: 'lease', lease: leases[2]! })).toBe('leased to /repo/wt-detached (detached at 0123456789ab)');
    expect(freeSlots(old('/repo/wt-new'))).toEqual([2, 4, 5]);
    expect(decideExplicit(old('/repo/main'), 2, false)).toEqual({ kind: 'accept', why: 'free' });
  });
});
