import { describe, expect, it } from 'vitest';
import type { ContainerView } from '../../scripts/plan/observed.js';
import { containerReadiness, restartedSince } from '../../scripts/plan/readiness.js';

const c = (id: string, state: string, health: ContainerView['health'] = 'none'): ContainerView => ({
  id, name: id, project: 'p', service: 's', slot: 1, root: '/r', state, health, exitCode: undefined, ports: [],
});

describe('a crash loop seen by its restart count (Podman lists it as running)', () => {
  it.each([
    ['no change', [['a', 0]], [['a', 0]], []],
    ['one restart', [['a', 0]], [['a', 1]], ['a']],
    ['a count already above 0 when first seen, unchanged', [['a', 4]], [['a', 4]], []],
    ['a count already above 0, up again', [['a', 4]], [['a', 6]], ['a']],
    ['only the one that went up', [['a', 0], ['b', 2]], [['a', 0], ['b', 3]], ['b']],
    ['a container gone since', [['a', 0]], [], []],
    ['a container not seen before is not judged', [], [['a', 3]], []],
  ] as const)('%s', (_what, before, now, restarted) => {
    expect([...restartedSince(new Map(before), new Map(now))]).toEqual(restarted);
  });

  it('a running container that restarted fails its service as a crash loop, healthy or not', () => {
    expect(containerReadiness([c('a', 'running')], new Set(['a']))).toEqual({ state: 'failed', detail: 'restarting (exits and is restarted: a crash loop)' });
    expect(containerReadiness([c('a', 'running', 'healthy'), c('b', 'running', 'healthy')], new Set(['b'])).state).toBe('failed');
  });

  it('without restarts, running is healthy as before, and Docker\'s `restarting` is still a crash loop', () => {
    expect(containerReadiness([c('a', 'running')], new Set(['other'])).state).toBe('healthy');
    expect(containerReadiness([c('a', 'running')]).state).toBe('healthy');
    expect(containerReadiness([c('a', 'restarting')])).toEqual({ state: 'failed', detail: 'restarting (exits and is restarted: a crash loop)' });
  });
});
