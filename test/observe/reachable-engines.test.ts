import { expect, it, vi } from 'vitest';
import { InterruptedError, RuntimeError } from '../../scripts/errors.js';

/**
 * listOnReachableEngines (status all and ls with `engines:`): an engine that fails goes on the
 * `down` list while another answers; with every engine failing, or on anything that is not an
 * engine failure (a bug, Ctrl-C), the command fails as before. The engine calls are stood in for.
 */
const answers = new Map<string, () => Promise<unknown[]>>();
vi.mock('../../scripts/adapters/docker.js', () => ({
  listContainers: (env: NodeJS.ProcessEnv) => answers.get(env.DOCKER_HOST ?? 'local')!(),
}));
vi.mock('../../scripts/adapters/pm2.js', () => ({ listApps: async () => [] }));

const { listOnReachableEngines } = await import('../../scripts/observe/observe.js');
const container = (project: string) => ({ id: project, name: project, project, service: 'web', state: 'running', health: 'none', ports: [], labels: {} });
const group = (host: string | undefined, slots: number[]) => ({ host, env: host ? { DOCKER_HOST: host } : {}, owns: (s: number) => slots.includes(s) });
const groups = [group(undefined, [0, 1]), group('ssh://far', [2, 3])];

it('one engine off while the other answers: its containers are left out and it is named as down', async () => {
  answers.set('local', async () => [container('app-dev-1'), container('other-project')]);
  answers.set('ssh://far', () => Promise.reject(new RuntimeError('the engine on far is not reachable through ssh')));
  const r = await listOnReachableEngines(groups, 'app', []);
  expect(r.containers.map((c) => c.project)).toEqual(['app-dev-1', 'other-project']);
  expect(r.down.map((d) => [d.group.host, d.error.message])).toEqual([['ssh://far', 'the engine on far is not reachable through ssh']]);
});

it('the default engine off: the other engine still keeps only its own slots', async () => {
  answers.set('local', () => Promise.reject(new RuntimeError('the Docker engine is not reachable')));
  answers.set('ssh://far', async () => [container('app-dev-2'), container('app-dev-1'), container('other-project')]);
  const r = await listOnReachableEngines(groups, 'app', []);
  expect(r.containers.map((c) => c.project)).toEqual(['app-dev-2']);
  expect(r.down.map((d) => d.group.host)).toEqual([undefined]);
});

it.each([
  ['every engine off: the first failure', () => Promise.reject(new RuntimeError('local off')), () => Promise.reject(new RuntimeError('far off')), 'local off'],
  ['a failure that is no engine failure (a bug) is not hidden', async () => [], () => Promise.reject(new TypeError('boom')), 'boom'],
  ['Ctrl-C is not an engine down', async () => [], () => Promise.reject(new InterruptedError('interrupted while waiting for the engine to list containers')), 'interrupted while waiting'],
])('%s', async (_why, local, far, message) => {
  answers.set('local', local as () => Promise<unknown[]>);
  answers.set('ssh://far', far as () => Promise<unknown[]>);
  await expect(listOnReachableEngines(groups, 'app', [])).rejects.toThrow(message);
});

it('one engine only: its failure is the command\'s, as before', async () => {
  answers.set('local', () => Promise.reject(new RuntimeError('local off')));
  await expect(listOnReachableEngines([groups[0]!], 'app', [])).rejects.toThrow('local off');
});

it('an engine failure seen after Ctrl-C (an ssh login cut short) is the interrupt, not an engine down', async () => {
  const { setCommandInterrupt } = await import('../../scripts/adapters/interrupt.js');
  const ctrlC = new AbortController();
  setCommandInterrupt(ctrlC.signal);
  try {
    answers.set('local', async () => []);
    answers.set('ssh://far', () => {
      ctrlC.abort('SIGINT');
      return Promise.reject(new RuntimeError('ssh to far failed: no error text'));
    });
    await expect(listOnReachableEngines(groups, 'app', [])).rejects.toBeInstanceOf(InterruptedError);
  } finally {
    setCommandInterrupt(undefined);
  }
});
