import fs from 'node:fs';
import path from 'node:path';
import { listContainers, type ContainerView } from '../adapters/docker.js';
import { listApps, pm2Home, type Pm2Proc } from '../adapters/pm2.js';
import { LABEL_ROOT, slotOfProject } from '../plan/names.js';

export interface SlotState {
  slot: number;
  project: string;
  containers: ContainerView[];
  apps: Pm2Proc[];
}

/** PM2's socket: when it is absent no daemon runs, and connecting would start one for nothing. */
export function pm2DaemonRunning(env: NodeJS.ProcessEnv): boolean {
  return fs.existsSync(path.join(pm2Home(env), 'rpc.sock'));
}

/** This root's PM2 apps: in a `<name>-dev-N` namespace and carrying DEVSLOT_ROOT=root. */
export function ownApps(procs: Pm2Proc[], name: string, root: string): Pm2Proc[] {
  return procs.filter((p) => slotOfProject(name, p.namespace) !== undefined && p.env.DEVSLOT_ROOT === root);
}

/**
 * Every slot of this project root that has anything running or stopped, from one Docker list
 * (filtered by the root label) and one PM2 list: never one CLI process per slot.
 */
export async function observe(name: string, root: string, env: NodeJS.ProcessEnv, opts: { docker: boolean }): Promise<Map<number, SlotState>> {
  const [containers, procs] = await Promise.all([
    opts.docker ? listContainers([`${LABEL_ROOT}=${root}`]) : Promise.resolve([]),
    listApps(env),
  ]);
  const slots = new Map<number, SlotState>();
  const at = (slot: number) => {
    let s = slots.get(slot);
    if (!s) {
      s = { slot, project: `${name}-dev-${slot}`, containers: [], apps: [] };
      slots.set(slot, s);
    }
    return s;
  };
  for (const c of containers) {
    const slot = slotOfProject(name, c.project);
    if (slot !== undefined && c.root === root) at(slot).containers.push(c);
  }
  for (const p of ownApps(procs, name, root)) at(slotOfProject(name, p.namespace)!).apps.push(p);
  return slots;
}
