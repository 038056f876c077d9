import fs from 'node:fs';
import type { ContainerView } from '../adapters/docker.js';
import type { Pm2Proc } from '../adapters/pm2.js';
import type { Listed } from '../observe/observe.js';
import type { Config } from '../config/types.js';
import { projectName, slotOfProject } from '../names.js';
import type { Lease } from './leases.js';
import { readRegistry, type Warn } from './registry.js';
import { worktreesOf, type Worktrees } from './resolve.js';

/** A slot left behind: its lease's worktree is gone, or its containers/apps name a root that is gone. */
export interface Orphan {
  slot: number;
  project: string;
  root: string;
  lease?: Lease;
  containers: ContainerView[];
  apps: Pm2Proc[];
}

/**
 * Every orphan of this project: leases whose worktree no longer exists, and devslot-labelled
 * containers and PM2 apps (this project's `<name>-dev-N`) whose root folder is gone. Only things
 * carrying devslot's labels are considered. `listed`: every devslot container and PM2 app
 * (listEverything), so ls can use the same two calls for its own rows. `warn`: where a bad
 * leases.json is reported (without it, a bad one is a StateError).
 */
export async function findOrphans(config: Config, listed: Listed, warn?: Warn): Promise<{ orphans: Orphan[]; leases: Lease[]; live: (wt: string) => boolean; wts: Worktrees | undefined }> {
  const wts = await worktreesOf(config.root);
  const leases = wts ? readRegistry(wts.git.commonDir, warn).projects[config.name] ?? [] : [];
  const live = wts ? wts.isLive : () => true;
  const { containers, procs } = listed;
  const gone = (root: string | undefined): root is string => !!root && !fs.existsSync(root);
  const byKey = new Map<string, Orphan>();
  const at = (slot: number, root: string) => {
    const key = `${slot}\u0000${root}`;
    let o = byKey.get(key);
    if (!o) byKey.set(key, (o = { slot, project: projectName(config.name, slot), root, containers: [], apps: [] }));
    return o;
  };
  for (const c of containers) {
    const slot = slotOfProject(config.name, c.project);
    if (slot !== undefined && gone(c.root)) at(slot, c.root).containers.push(c);
  }
  for (const p of procs) {
    const slot = slotOfProject(config.name, p.namespace);
    if (slot !== undefined && gone(p.env.DEVSLOT_ROOT)) at(slot, p.env.DEVSLOT_ROOT).apps.push(p);
  }
  for (const l of leases) if (!live(l.worktree)) at(l.slot, l.worktree).lease = l;
  return { orphans: [...byKey.values()].sort((a, b) => a.slot - b.slot), leases, live, wts };
}
