import type { ContainerView } from './observed.js';

export type ReadyState = 'waiting' | 'starting' | 'healthy' | 'done' | 'failed';

export interface ServiceReadiness {
  state: ReadyState;
  detail: string;
}

const CRASH_LOOP = 'restarting (exits and is restarted: a crash loop)';

/**
 * One compose service's readiness from its containers (pure). Healthy means running and, where a
 * healthcheck exists, reporting healthy; a one-shot container that exited 0 is done. A container
 * that restarts (a crash loop under `restart: always`) or exited non-zero has failed. `restarted`
 * names containers seen restarting by their restart count (restartedSince): Podman restarts a
 * crash loop at once, so its list never says `restarting`, only `running`.
 */
export function containerReadiness(containers: ContainerView[], restarted: ReadonlySet<string> = new Set()): ServiceReadiness {
  if (!containers.length) return { state: 'waiting', detail: 'no container yet' };
  const states = containers.map((c): ServiceReadiness => {
    if (c.state === 'exited' || c.state === 'dead') {
      return c.exitCode === 0 ? { state: 'done', detail: 'exited 0' } : { state: 'failed', detail: `exited with code ${c.exitCode ?? '?'}` };
    }
    if (c.state === 'restarting' || restarted.has(c.id)) return { state: 'failed', detail: CRASH_LOOP };
    if (c.state !== 'running') return { state: 'starting', detail: c.state };
    if (c.health === 'starting') return { state: 'starting', detail: 'health: starting' };
    if (c.health === 'unhealthy') return { state: 'starting', detail: 'unhealthy' };
    return { state: 'healthy', detail: c.health === 'healthy' ? 'healthy' : 'running' };
  });
  const rank: ReadyState[] = ['failed', 'waiting', 'starting', 'healthy', 'done'];
  return states.sort((a, b) => rank.indexOf(a.state) - rank.indexOf(b.state))[0]!;
}

export const isReady = (s: ReadyState) => s === 'healthy' || s === 'done';

/** The containers whose restart count went up between two looks (a container gone from `now` did not restart). */
export function restartedSince(before: ReadonlyMap<string, number>, now: ReadonlyMap<string, number>): Set<string> {
  return new Set([...now].filter(([id, n]) => n > (before.get(id) ?? n)).map(([id]) => id));
}
