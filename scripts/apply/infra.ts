import { runCompose } from '../adapters/compose.js';
import { connectNetwork, disconnectNetwork, listContainers, listNetworks } from '../adapters/docker.js';
import { writeInstance } from '../adapters/fs.js';
import { withInfraLock } from '../adapters/lock.js';
import { InterruptedError, RuntimeError } from '../errors.js';
import { LABEL_PROJECT, projectFilter } from '../names.js';
import { INFRA_DIR } from '../plan/infra.js';
import { infraNeed } from '../plan/infra-ops.js';
import type { Operation } from '../plan/operations.js';
import { isReady } from '../plan/readiness.js';
import { checkPortsFree } from './preflight.js';
import { runHealthchecksWhileWaiting } from './engine-health.js';
import { waitForContainers } from './readiness.js';

export interface InfraRuntime {
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  deadline: number;
  timeoutSeconds: number;
  progress: (name: string, state: string, detail?: string) => void;
}

/**
 * The shared services up and ready (DESIGN §9). Under the engine's infra lock: another slot's start
 * may have brought them up while this one waited, and then there is nothing to do.
 */
export async function infraUp(op: Extract<Operation, { kind: 'infra-up' }>, rt: InfraRuntime): Promise<void> {
  const waitMs = Math.max(1000, rt.deadline - Date.now());
  await withInfraLock(op.name, rt.env.DOCKER_HOST ?? 'local', `devslot ${op.slot} start`, waitMs, async () => {
    const seen = await listContainers(rt.env, [projectFilter(op.project)]);
    const need = infraNeed({ project: op.project, services: op.services }, seen);
    if (!need) return;
    // Its ports must be free (a port held by what is left of it is its own).
    await checkPortsFree(rt.env, { slot: op.slot, kind: 'check-ports', project: op.project, ports: op.ports, ownPorts: seen.flatMap((c) => c.ports.map((p) => p.published)), ownPids: [], cause: '' });
    writeInstance(op.root, INFRA_DIR, op.files);
    for (const svc of op.services) rt.progress(svc, 'starting', 'shared');
    // Where the engine runs no healthchecks itself (Podman without systemd), devslot runs them while it waits.
    const stopChecks = runHealthchecksWhileWaiting(rt.env, op.project, rt.signal);
    let last: Awaited<ReturnType<typeof waitForContainers>>;
    try {
      await runCompose(op.argv, op.root, rt.env, `compose up of the shared services (${op.project})`, rt.signal, { timeoutMs: Math.max(1000, rt.deadline - Date.now()) });
      last = await waitForContainers(rt.env, op.project, op.services, rt.deadline, (svc, r) => rt.progress(svc, r.state, r.detail), rt.signal);
    } finally {
      stopChecks();
    }
    if (rt.signal.aborted) throw new InterruptedError('interrupted');
    const notReady = [...last].filter(([, r]) => !isReady(r.state));
    if (notReady.length) {
      throw new RuntimeError(`the shared services (${op.project}) are not ready after ${rt.timeoutSeconds}s: ${notReady.map(([s, r]) => `${s} (${r.detail})`).join(', ')}; see \`docker compose -p ${op.project} logs\``);
    }
  }, rt.signal);
}

/** Every running infra container of the project joins every network of every slot of it, by its service name. */
export async function infraAttach(op: Extract<Operation, { kind: 'infra-attach' }>, env: NodeJS.ProcessEnv): Promise<void> {
  const slotProject = new RegExp(`^${op.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-dev-\\d+$`);
  const [infra, networks] = await Promise.all([listContainers(env, [projectFilter(`${op.name}-infra`)]), listNetworks(env, [LABEL_PROJECT])]);
  const slotNets = networks.filter((n) => slotProject.test(n.labels[LABEL_PROJECT] ?? '') && n.labels['com.docker.compose.network'] !== undefined);
  for (const c of infra.filter((x) => op.services.includes(x.service) && x.state === 'running')) {
    for (const n of slotNets) if (!c.networks?.includes(n.name)) await connectNetwork(env, n.name, c.id, c.service);
  }
}

export async function infraDetach(op: Extract<Operation, { kind: 'infra-detach' }>, env: NodeJS.ProcessEnv): Promise<void> {
  for (const a of op.attached) await disconnectNetwork(env, a.network, a.container);
}
