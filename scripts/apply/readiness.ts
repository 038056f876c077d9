import { listContainers } from '../adapters/docker.js';
import { projectFilter } from '../names.js';
import { containerReadiness, isReady, type ServiceReadiness } from '../plan/readiness.js';
import { probeOnce } from '../adapters/probe.js';

export { containerReadiness, isReady, probeOnce };

/**
 * How long a container or app must stay up, unchanged, before it counts as started. A process that
 * crashes at once is often "running" or "online" at the first look; one second of watching (several
 * polls) catches those that die on start, and costs every real start at most that second.
 */
export const SETTLE_MS = 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll the project's containers (one Docker call per round) until every service is ready and has
 * stayed ready for SETTLE_MS, one fails, or the deadline passes. Returns the last readiness of
 * every service.
 */
export async function waitForContainers(
  env: NodeJS.ProcessEnv,
  project: string,
  services: string[],
  deadline: number,
  onState: (service: string, r: ServiceReadiness) => void,
  signal?: AbortSignal,
): Promise<Map<string, ServiceReadiness>> {
  const last = new Map<string, ServiceReadiness>();
  let readySince: number | undefined;
  let ids = '';
  for (;;) {
    const containers = await listContainers(env, [projectFilter(project)]);
    for (const svc of services) {
      const r = containerReadiness(containers.filter((c) => c.service === svc));
      const prev = last.get(svc);
      if (!prev || prev.state !== r.state || prev.detail !== r.detail) onState(svc, r);
      last.set(svc, r);
    }
    const all = [...last.values()];
    // A container replaced under us (a crash loop recreated by compose) restarts the settle clock.
    const nowIds = containers.map((c) => `${c.id}:${c.state}`).sort().join(',');
    if (all.every((r) => isReady(r.state))) {
      if (readySince === undefined || nowIds !== ids) readySince = Date.now();
      if (Date.now() - readySince >= SETTLE_MS) return last;
    } else readySince = undefined;
    ids = nowIds;
    if (all.some((r) => r.state === 'failed') || Date.now() >= deadline || signal?.aborted) return last;
    await sleep(250);
  }
}

