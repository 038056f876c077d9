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
  return (await observeRoots(name, [root], env, opts.docker)).get(root) ?? new Map();
}

/** The same, for several roots at once (ls over every worktree): still one Docker and one PM2 call. */
export async function observeRoots(name: string, roots: string[], env: NodeJS.ProcessEnv, docker = true): Promise<Map<string, Map<number, SlotState>>> {
  const [containers, procs] = await Promise.all([
    docker ? listContainers(roots.length === 1 ? [`${LABEL_ROOT}=${roots[0]}`] : [LABEL_ROOT]) : Promise.resolve([]),
    listApps(env),
  ]);
  const out = new Map<string, Map<number, SlotState>>(roots.map((r) => [r, new Map()]));
  const at = (root: string, slot: number) => {
    const slots = out.get(root)!;
    let s = slots.get(slot);
    if (!s) slots.set(slot, (s = { slot, project: `${name}-dev-${slot}`, containers: [], apps: [] }));
    return s;
  };
  for (const c of containers) {
    const slot = slotOfProject(name, c.project);
    if (slot !== undefined && c.root !== undefined && out.has(c.root)) at(c.root, slot).containers.push(c);
  }
  for (const p of procs) {
    const slot = slotOfProject(name, p.namespace);
    const root = p.env.DEVSLOT_ROOT;
    if (slot !== undefined && root !== undefined && out.has(root)) at(root, slot).apps.push(p);
  }
  return out;
}

