import { engineIdentity, healthConfig, listContainers, runHealthcheck, type HealthConfig } from '../adapters/docker.js';
import { projectFilter } from '../names.js';

/** How often the runner looks for new containers of the project (one list call). */
const LOOK_MS = 500;

/**
 * While devslot waits on a project's containers (compose up with `service_healthy` dependencies,
 * then the readiness wait), run their healthchecks ourselves on Podman, each at its own interval.
 * Podman 4 schedules checks with systemd timers; without systemd (CI, containers, WSL) nothing runs
 * them, health stays `starting`, and compose waits forever. A check run here is recorded by the
 * engine like a scheduled one, so compose, `status` and the wait all see it. On Docker (its daemon
 * runs checks itself) this does nothing. Where Podman does have systemd, checks run twice as often
 * while devslot waits: harmless, and cheaper than asking which is the case.
 *
 * Returns a stop function; the runner also stops when `signal` aborts. Every call it makes is
 * bounded, and a failing call is skipped (the wait it serves has its own deadline).
 */
export function runHealthchecksWhileWaiting(env: NodeJS.ProcessEnv, project: string, signal?: AbortSignal): () => void {
  let stopped = false;
  const configs = new Map<string, Promise<HealthConfig | undefined>>();
  const lastRun = new Map<string, number>();
  const inFlight = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const calls = new AbortController();
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    calls.abort();
  };
  signal?.addEventListener('abort', stop, { once: true });

  const tick = async () => {
    const containers = await listContainers(env, [projectFilter(project)]).catch(() => []);
    const now = Date.now();
    for (const c of containers) {
      if (stopped || c.state !== 'running' || inFlight.has(c.id)) continue;
      if (!configs.has(c.id)) configs.set(c.id, healthConfig(env, c.id).catch(() => undefined));
      const hc = await configs.get(c.id);
      if (!hc) continue;
      // The first check at once (Docker's first waits one interval; here the wait is for readiness).
      if (now - (lastRun.get(c.id) ?? 0) < hc.intervalMs) continue;
      lastRun.set(c.id, now);
      inFlight.add(c.id);
      void runHealthcheck(env, c.id, hc.timeoutMs, calls.signal).catch(() => undefined).finally(() => inFlight.delete(c.id));
    }
  };
  const loop = async () => {
    if (stopped) return;
    await tick();
    if (!stopped) timer = setTimeout(() => void loop(), LOOK_MS);
  };
  void engineIdentity(env).then((id) => (id.kind === 'podman' ? loop() : undefined), () => undefined);
  return stop;
}
