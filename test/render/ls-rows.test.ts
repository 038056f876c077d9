import { describe, expect, it } from 'vitest';
import { lsRows, type CheckoutSlot } from '../../scripts/render/ls-rows.js';
import { serviceState, type ServiceRow } from '../../scripts/render/services-view.js';

const svc = (name: string, up: boolean): ServiceRow => ({ name, kind: 'container', state: up ? 'running' : 'missing', native: up ? 'running' : null, health: 'none', ports: [], url: null });
const entry = (slot: number, worktree: string, over: Partial<CheckoutSlot> = {}): CheckoutSlot => {
  const services = over.services ?? [svc('web', (over.up ?? 0) > 0)];
  return { slot, worktree, branch: worktree.slice(1), commit: 'abc', lease: false, files: false, where: 'live', up: 0, ...over, services };
};
const project = (slot: number) => `app-dev-${slot}`;

describe('ls rows: each slot once (issue 15)', () => {
  it('3 checkouts holding 4 slots, slot 0 also with old files in main: 4 rows, no duplicate', () => {
    const rows = lsRows([
      entry(0, '/main', { files: true }), // files from before the worktree existed
      entry(0, '/a', { lease: true, up: 1 }),
      entry(1, '/main', { lease: true, up: 1 }),
      entry(2, '/main', { lease: true, files: true }),
      entry(3, '/b', { lease: true, up: 1 }),
    ], project, true);
    expect(rows.map((r) => r.slot)).toEqual([0, 1, 2, 3]);
    expect(rows.map((r) => `${r.slot}:${r.state}:${r.owner?.worktree}`)).toEqual(['0:running:/a', '1:running:/main', '2:stopped:/main', '3:running:/b']);
    expect(rows[0]!.checkouts.map((c) => `${c.worktree}:${c.lease}:${c.state}`)).toEqual(['/a:true:running', '/main:false:stopped']);
  });

  it.each([
    ['a running checkout speaks for the slot over a leaseholder that runs nothing', [entry(4, '/a', { lease: true }), entry(4, '/main', { up: 1 })], 'running', '/main'],
    ['a live leaseholder over an orphan that runs nothing', [entry(4, '/gone', { where: 'orphaned', services: [], lease: true }), entry(4, '/a', { lease: true })], 'stopped', '/a'],
    ['an orphan still running over a live checkout that runs nothing', [entry(4, '/gone', { where: 'orphaned', services: [], up: 2 }), entry(4, '/a', { files: true })], 'orphaned', '/gone'],
    ['some services up: partial', [entry(4, '/a', { services: [svc('web', true), svc('db', false)], up: 1 })], 'partial', '/a'],
    ['a root not visible from here', [entry(4, '/elsewhere', { where: 'unseen', services: [], up: 1 })], 'unseen', '/elsewhere'],
    ['its engine did not answer, even with no service planned (no slot.json) and an app online', [entry(4, '/a', { services: [], up: 1, lease: true, engineDown: true })], 'unknown', '/a'],
  ])('%s', (_why, entries, state, owner) => {
    const rows = lsRows(entries, project, true);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ slot: 4, project: 'app-dev-4', state, owner: { worktree: owner } });
    expect(rows[0]!.checkouts).toHaveLength(entries.length);
  });

  it('has no owner outside a repository with worktrees', () => {
    expect(lsRows([entry(0, '/p', { up: 1 })], project, false)[0]!.owner).toBeNull();
  });
});

describe('one state vocabulary for containers and processes (issue 15, DESIGN §7)', () => {
  it.each([
    ['container', 'running', 'running'],
    ['process', 'online', 'running'],
    ['container', 'restarting', 'restarting'],
    ['process', 'waiting restart', 'restarting'],
    ['process', 'launching', 'starting'],
    ['container', 'exited', 'stopped'],
    ['container', 'created', 'stopped'],
    ['process', 'stopped', 'stopped'],
    ['process', 'errored', 'failed'],
    ['container', 'dead', 'failed'],
    ['container', 'removing', 'stopping'],
    ['process', 'stopping', 'stopping'],
    ['container', null, 'missing'],
    ['process', null, 'missing'],
    ['container', 'something-new', 'unknown'],
  ] as const)('%s %s → %s', (kind, native, want) => expect(serviceState(kind, native)).toBe(want));
});
