import http from 'node:http';
import net from 'node:net';
import { listContainers, projectFilter, type ContainerView } from '../adapters/docker.js';
import type { HealthProbe } from '../config/types.js';
import { tcpTarget } from '../plan/urls.js';

export type ReadyState = 'waiting' | 'starting' | 'healthy' | 'done' | 'failed';

export interface ServiceReadiness {
  state: ReadyState;
  detail: string;
}

/**
 * One compose service's readiness from its containers (pure). Healthy means running and, where a
 * healthcheck exists, reporting healthy; a one-shot container that exited 0 is done.
 */
export function containerReadiness(containers: ContainerView[]): ServiceReadiness {
  if (!containers.length) return { state: 'waiting', detail: 'no container yet' };
  const states = containers.map((c): ServiceReadiness => {
    if (c.state === 'exited' || c.state === 'dead') {
      return c.exitCode === 0 ? { state: 'done', detail: 'exited 0' } : { state: 'failed', detail: `exited with code ${c.exitCode ?? '?'}` };
    }
    if (c.state !== 'running') return { state: 'starting', detail: c.state };
    if (c.health === 'starting') return { state: 'starting', detail: 'health: starting' };
    if (c.health === 'unhealthy') return { state: 'starting', detail: 'unhealthy' };
    return { state: 'healthy', detail: c.health === 'healthy' ? 'healthy' : 'running' };
  });
  const rank: ReadyState[] = ['failed', 'waiting', 'starting', 'healthy', 'done'];
  return states.sort((a, b) => rank.indexOf(a.state) - rank.indexOf(b.state))[0]!;
}

export const isReady = (s: ReadyState) => s === 'healthy' || s === 'done';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll the project's containers (one Docker call per round) until every service is ready, one
 * fails, or the deadline passes. Returns the last readiness of every service.
 */
export async function waitForContainers(
  project: string,
  services: string[],
  deadline: number,
  onState: (service: string, r: ServiceReadiness) => void,
  signal?: AbortSignal,
): Promise<Map<string, ServiceReadiness>> {
  const last = new Map<string, ServiceReadiness>();
  for (;;) {
    const containers = await listContainers([projectFilter(project)]);
    for (const svc of services) {
      const r = containerReadiness(containers.filter((c) => c.service === svc));
      const prev = last.get(svc);
      if (!prev || prev.state !== r.state || prev.detail !== r.detail) onState(svc, r);
      last.set(svc, r);
    }
    const all = [...last.values()];
    if (all.every((r) => isReady(r.state)) || all.some((r) => r.state === 'failed') || Date.now() >= deadline || signal?.aborted) return last;
    await sleep(300);
  }
}

/** One readiness probe: an HTTP status below 400, or a TCP connect, within `timeoutMs`. */
export async function probeOnce(probe: HealthProbe, timeoutMs: number): Promise<boolean> {
  // https (and TLS) load only for an https URL: ~5 ms that status would pay on every call.
  const get = 'http' in probe && probe.http.startsWith('https:') ? (await import('node:https')).get : http.get;
  return new Promise((resolve) => {
    if ('http' in probe) {
      const url = new URL(probe.http);
      const req = get(url, { timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve((res.statusCode ?? 500) < 400);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
      return;
    }
    const { host, port } = tcpTarget(probe.tcp);
    const socket = net.connect({ host, port: Number(port), timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Probe until ready or the deadline; true when ready. */
export async function waitForProbe(probe: HealthProbe, deadline: number, signal?: AbortSignal): Promise<boolean> {
  for (;;) {
    if (await probeOnce(probe, Math.max(200, Math.min(2000, deadline - Date.now())))) return true;
    if (Date.now() >= deadline || signal?.aborted) return false;
    await sleep(250);
  }
}
