import { describe, expect, it } from 'vitest';
import type { Pm2Proc } from '../../scripts/plan/observed.js';
import { serviceRows } from '../../scripts/render/services-view.js';
import { stateCell } from '../../scripts/render/summary.js';

const proc = (name: string, status: string, restarts: number): Pm2Proc => ({
  id: 1, name, namespace: 'app-dev-2', status, pid: 10, restarts, uptimeSince: 0, outLog: undefined, errLog: undefined, env: {},
});

/**
 * PM2 restarts a crashed app at once and lists it `online` again: without its restart count, an
 * app in a crash loop reads `running` in status. The count is PM2's own (`pm2 ls`'s ↺).
 */
describe('service rows: a PM2 app restarting shows how often', () => {
  const rows = (apps: Pm2Proc[]) => serviceRows(undefined, { slot: 2, project: 'app-dev-2', containers: [], apps }, {});

  it.each([
    ['never restarted', proc('api-2', 'online', 0), 0, 'running'],
    ['restarted 7 times, online between crashes', proc('api-2', 'online', 7), 7, 'running ↺7'],
    ['waiting for its next restart', proc('api-2', 'waiting restart', 3), 3, 'restarting ↺3'],
    ['given up on by PM2', proc('api-2', 'errored', 16), 16, 'failed ↺16'],
  ])('%s', (_what, p, restarts, cell) => {
    const [row] = rows([p]);
    expect(row!.restarts).toBe(restarts);
    expect(stateCell(row!)).toBe(cell);
  });

  it('the health stays beside the state, the count after it', () => {
    const [row] = serviceRows(undefined, { slot: 2, project: 'app-dev-2', containers: [], apps: [proc('api-2', 'online', 2)] }, {}, { api: 'healthy' });
    expect(stateCell(row!)).toBe('running (healthy) ↺2');
  });

  it('a container row and a missing app carry no count (their JSON shape is unchanged)', () => {
    const r = serviceRows(
      { compose: { services: ['web'] }, apps: [{ name: 'api-2', base: 'api' }], ports: {}, health: {} } as never,
      { slot: 2, project: 'app-dev-2', containers: [{ id: 'x', service: 'web', state: 'running', health: 'none', ports: [] } as never], apps: [] },
      {},
    );
    expect(r.map((x) => 'restarts' in x)).toEqual([false, false]);
  });
});

describe('other checkouts holding a slot (status in a copied folder)', async () => {
  const { otherHolders } = await import('../../scripts/observe/observe.js');
  it('names each other root once per slot, never this one, never another project', () => {
    const c = (project: string, root: string | undefined) => ({ id: project + root, service: 'web', project, root, state: 'running', health: 'none', ports: [] }) as never;
    const holders = otherHolders('app', '/mine', {
      containers: [c('app-dev-0', '/orig'), c('app-dev-0', '/orig'), c('app-dev-1', '/mine'), c('other-dev-2', '/x'), c('app-dev-3', undefined)],
      procs: [{ ...proc('api-2', 'online', 0), namespace: 'app-dev-2', env: { DEVSLOT_ROOT: '/wt-b' } }, { ...proc('api-1', 'online', 0), namespace: 'app-dev-1', env: { DEVSLOT_ROOT: '/mine' } }],
    });
    expect([...holders]).toEqual([[0, ['/orig']], [2, ['/wt-b']]]);
  });
});
