import { beforeEach, expect, it, vi } from 'vitest';

/**
 * waitForApps' rule with PM2 and the probes stood in for: an app with a probe is up after two
 * answers 250 ms apart from the process PM2 shows; once proven it is not probed again while a
 * sibling is still starting (its health endpoint would be hit at every look).
 */
let procs: { name: string; pid: number; restarts: number }[] = [];
const probes: Record<number, number> = {};
let answers: (port: number) => boolean = () => true;
vi.mock('../../scripts/adapters/pm2.js', () => ({
  listApps: async () => procs.map((p, id) => ({ id, namespace: 'ns', env: { DEVSLOT_ROOT: '/r' }, status: 'online', uptimeSince: Date.now() - 5000, outLog: undefined, errLog: undefined, ...p })),
}));
vi.mock('../../scripts/adapters/probe.js', () => ({
  probeOnce: async (p: { tcp: number }) => {
    probes[p.tcp] = (probes[p.tcp] ?? 0) + 1;
    return answers(p.tcp);
  },
}));
vi.mock('../../scripts/observe/log-tail.js', () => ({ lastLogLines: () => [] }));

const rt = () => ({ env: {}, signal: new AbortController().signal, deadline: Date.now() + 10_000, timeoutSeconds: 10, progress: () => {} });
const op = (apps: { name: string; base: string; port: number }[]) =>
  ({ slot: 1, kind: 'wait-apps', namespace: 'ns', root: '/r', apps: apps.map((a) => ({ name: a.name, base: a.base, probe: { tcp: a.port } })), cause: '' }) as never;

beforeEach(() => {
  for (const k of Object.keys(probes)) delete probes[Number(k)];
});

it('a proven app is not probed again while another app is still starting', async () => {
  const { waitForApps } = await import('../../scripts/apply/wait-apps.js');
  procs = [{ name: 'a-1', pid: 11, restarts: 0 }, { name: 'b-1', pid: 12, restarts: 0 }];
  const t0 = Date.now();
  answers = (port) => port === 1 || Date.now() - t0 > 1500;
  const healthy = await waitForApps(rt() as never, op([{ name: 'a-1', base: 'a', port: 1 }, { name: 'b-1', base: 'b', port: 2 }]));
  expect([...healthy].sort()).toEqual(['a', 'b']);
  expect(probes[1]).toBe(2);
});

it('two answers from different processes (PM2 restarted it between them) are not proof', async () => {
  const { waitForApps } = await import('../../scripts/apply/wait-apps.js');
  let look = 0;
  procs = [{ name: 'a-1', pid: 11, restarts: 0 }];
  answers = () => {
    // After each answer the app dies and PM2 starts another process; from the 3rd answer on it stays.
    look++;
    if (look <= 2) procs = [{ name: 'a-1', pid: 11 + look, restarts: 0 }];
    return true;
  };
  await waitForApps(rt() as never, op([{ name: 'a-1', base: 'a', port: 1 }]));
  // Proven only by two answers from pid 13: the answers from 11 and 12 each started the count again.
  expect(probes[1]).toBe(4);
});
