import fs from 'node:fs';
import type { ContainerView } from '../adapters/docker.js';
import { gitInfo, type GitInfo } from '../adapters/git.js';
import type { Pm2Proc } from '../adapters/pm2.js';
import type { Listed } from '../observe/observe.js';
import type { Config } from '../config/types.js';
import { projectName, slotOfProject } from '../names.js';
import type { Lease } from './leases.js';
import { readRegistry, type Warn } from './registry.js';

/** A slot of another root: its containers and apps as listed, and its lease if it has one. */
export interface Orphan {
  slot: number;
  project: string;
  root: string;
  lease?: Lease;
  containers: ContainerView[];
  apps: Pm2Proc[];
}

/** A slot whose root is not visible from here but not provably gone: prune leaves it, and says why. */
export type Unproven = Orphan & { why: string };

/**
 * Issue 11: a slot is orphaned only when its owner is provably gone: its root was a worktree of
 * this repository (a lease recorded it) and git's own worktree list no longer has it. A root that
 * is merely not visible from here (another mount namespace: a devcontainer, a second machine on
 * one engine) is never taken as gone; such slots come back as `unproven`, with the reason.
 * Only things carrying devslot's labels are considered. `listed`: every devslot container and PM2
 * app (listEverything), so ls can use the same two calls for its own rows. `warn`: where a bad
 * leases.json is reported (without it, a bad one is a StateError).
 */
export async function findOrphans(config: Config, listed: Listed, warn?: Warn): Promise<{ orphans: Orphan[]; unproven: Unproven[]; leases: Lease[]; live: (wt: string) => boolean; git: GitInfo | undefined }> {
  const git = await gitInfo(config.root);
  const leases = git ? readRegistry(git.commonDir, warn).projects[config.name] ?? [] : [];
  // git's list, not the filesystem: a worktree git still lists is live even if not visible here.
  const live = git && git.worktrees.length ? (wt: string) => git.worktrees.includes(wt) : () => true;
  const leased = new Set(leases.map((l) => l.worktree));
  const byKey = new Map<string, Orphan>();
  const at = (slot: number, root: string) => {
    const key = `${slot}\u0000${root}`;
    let o = byKey.get(key);
    if (!o) byKey.set(key, (o = { slot, project: projectName(config.name, slot), root, containers: [], apps: [] }));
    return o;
  };
  // Candidates: roots not visible from here, and roots whose lease git no longer lists.
  const candidate = (root: string | undefined): root is string => !!root && root !== config.root && (!live(root) || !fs.existsSync(root));
  for (const c of listed.containers) {
    const slot = slotOfProject(config.name, c.project);
    if (slot !== undefined && candidate(c.root)) at(slot, c.root).containers.push(c);
  }
  for (const p of listed.procs) {
    const slot = slotOfProject(config.name, p.namespace);
    if (slot !== undefined && candidate(p.env.DEVSLOT_ROOT)) at(slot, p.env.DEVSLOT_ROOT).apps.push(p);
  }
  for (const l of leases) if (!live(l.worktree)) at(l.slot, l.worktree).lease = l;
  const orphans: Orphan[] = [];
  const unproven: Unproven[] = [];
  for (const o of [...byKey.values()].sort((a, b) => a.slot - b.slot)) {
    if (git && leased.has(o.root) && !live(o.root)) orphans.push(o);
    else unproven.push({ ...o, why: whyUnproven(o.root, git, live) });
  }
  return { orphans, unproven, leases, live, git };
}

function whyUnproven(root: string, git: GitInfo | undefined, live: (wt: string) => boolean): string {
  if (git && live(root)) return `${root} is not visible from here, but git still lists it as a worktree of this repository; if it is gone, run \`git worktree prune\` first`;
  return `${root} is not visible from here, and nothing proves it gone (it is not a worktree devslot leased in this repository): it may be another container or machine sharing this engine; stop it from there`;
}
