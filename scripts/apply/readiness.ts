import { knownEngine, type ContainerView, listContainers, restartCounts } from '../adapters/docker.js';
import { projectFilter } from '../names.js';
import { containerReadiness, isReady, restartedSince, type ServiceReadiness } from '../plan/readiness.js';
import { probeOnce } from '../adapters/probe.js';

export { containerReadiness, isReady, probeOnce };

/**
 * How long a container or app with no health probe must stay up, unchanged, before it counts as
 * started. A process that crashes at once is often "running" or "online" at the first look; one
 * second of watching (several polls) catches those that die on start. One with a probe (a
 * healthcheck, an app's `health`) is started once it passes and is seen again unchanged: its
 * answer is the proof, and a process that dies after answering is gone at the next look.
 */
export const SETTLE_MS = 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A container that passed its own healthcheck, or a one-shot that exited 0. */
const provenByCheck = (c: ContainerView) => (c.state === 'running' && c.health === 'healthy') || (c.state === 'exited' && c.exitCode === 0);

/**
 * Poll the project's containers (one Docker call per round) until every service is ready and has
 * stayed ready for SETTLE_MS, one fails, or the deadline passes. Returns the last readiness of
 * every service.
 *
 * Docker backs off between the restarts of a crash loop and lists the container as `restarting`
 * meanwhile; Podman (4.3) restarts it at once and lists it as `running` nearly all the time. So on
 * Podman each running container's restart count is read when it is first seen running and again
 * before the wait ends as settled (or at the deadline): a count that went up is a crash loop. Two
 * inspects per container per start, on Podman only.
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
  const firstCounts = new Map<string, number>();
  let readySince: number | undefined;
  let ids = '';
  const judge = (containers: ContainerView[], restarted?: ReadonlySet<string>) => {
    for (const svc of services) {
      const r = containerReadiness(containers.filter((c) => c.service === svc), restarted);
      const prev = last.get(svc);
      if (!prev || prev.state !== r.state || prev.detail !== r.detail) onState(svc, r);
      last.set(svc, r);
    }
  };
  /** At the end of the wait: the running containers that restarted since first seen fail their service. */
  const endWatch = async (containers: ContainerView[]) => {
    if (!firstCounts.size) return last;
    const restarted = restartedSince(firstCounts, await restartCounts(env, [...firstCounts.keys()]));
    if (restarted.size) judge(containers, restarted);
    return last;
  };
  for (;;) {
    const containers = await listContainers(env, [projectFilter(project)]);
    judge(containers);
    if (knownEngine(env)?.kind === 'podman') {
      const fresh = containers.filter((c) => c.state === 'running' && !firstCounts.has(c.id)).map((c) => c.id);
      if (fresh.length) for (const [id, n] of await restartCounts(env, fresh)) firstCounts.set(id, n);
    }
    const all = [...last.values()];
    // A container replaced under us (a crash loop recreated by compose) restarts the settle clock.
    const nowIds = containers.map((c) => `${c.id}:${c.state}`).sort().join(',');
    // Each healthy by its own healthcheck, or exited 0: seen so at two looks a poll apart (the same
    // containers in the same states) is enough. Any other running container stays so for SETTLE_MS.
    const proven = containers.filter((c) => services.includes(c.service)).every(provenByCheck);
    if (all.every((r) => isReady(r.state))) {
      const again = readySince !== undefined && nowIds === ids;
      if (!again) readySince = Date.now();
      if ((again && proven) || Date.now() - readySince! >= SETTLE_MS) return endWatch(containers);
    } else readySince = undefined;
    ids = nowIds;
    if (all.some((r) => r.state === 'failed') || signal?.aborted) return last;
    if (Date.now() >= deadline) return endWatch(containers);
    await sleep(250);
  }
}
