import { containersPublishing, type ContainerView } from '../adapters/docker.js';
import type { Pm2Proc } from '../adapters/pm2.js';
import { ancestors, findListener, isPortFree } from '../adapters/ports.js';
import { RuntimeError } from '../errors.js';
import type { SlotPlan } from '../plan/slot-plan.js';

/**
 * Before anything is created: every port of the slot that this same slot does not already hold
 * must be free. One held by anything else is an error naming the port, the service and the holder
 * (another project's container, or a process). devslot never moves to another port by itself.
 */
export async function checkPortsFree(plan: SlotPlan, own: { containers: ContainerView[]; apps: Pm2Proc[] }): Promise<void> {
  const ownPorts = new Set(own.containers.flatMap((c) => c.ports.map((p) => p.published)));
  const ownPids = new Set(own.apps.filter((a) => a.pid > 0).map((a) => a.pid));
  const seen = new Set<number>();
  for (const [name, port] of Object.entries(plan.ports)) {
    if (seen.has(port) || ownPorts.has(port)) continue;
    seen.add(port);
    if (await isPortFree(port)) continue;
    const holders = (await containersPublishing(port)).filter((c) => c.project !== plan.project);
    const what = `port ${port} (${name}, ${plan.portSources[name] ?? 'declared'}) of slot ${plan.slot}`;
    if (holders.length) {
      const c = holders[0]!;
      throw new RuntimeError(`${what} is already published by container ${c.name}${c.project ? ` of compose project ${c.project}` : ''}; stop it, or use another slot`);
    }
    const listener = findListener(port);
    if (listener && (ownPids.has(listener.pid) || ancestors(listener.pid).some((p) => ownPids.has(p)))) continue;
    throw new RuntimeError(
      `${what} is already in use${listener ? ` by pid ${listener.pid} (${listener.command})` : ' by another process'}; stop it, or use another slot`,
    );
  }
}
