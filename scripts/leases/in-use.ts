import { listContainers } from '../adapters/docker.js';
import { listInstanceSlots } from '../adapters/fs.js';
import type { GitInfo } from '../adapters/git.js';
import { listApps } from '../adapters/pm2.js';
import type { Config } from '../config/types.js';
import { LABEL_ROOT, slotOfProject } from '../names.js';

/** Slots in use by checkouts of this repository, with or without a lease (issue 11, defect 6). */
export interface SlotsInUse {
  /** Slot → the other live worktree that runs it or has its files. */
  elsewhere: Map<number, string>;
  /** Slots this worktree runs: its own, lease or not (its files are the caller's to read). */
  here: Set<number>;
}

/**
 * A slot started before the repository had several worktrees has no lease, yet it runs: leases
 * alone would hand it to a new worktree. So: running containers and apps labelled with a root
 * that git lists as a worktree of this repository, and each worktree's `.instances/` folders.
 * Without an engine or a PM2 daemon, what they would show is simply not there.
 */
export async function slotsInUse(config: Config, git: GitInfo, env: NodeJS.ProcessEnv): Promise<SlotsInUse> {
  const [containers, procs] = await Promise.all([
    listContainers(env, [LABEL_ROOT]).catch(() => []),
    listApps(env).catch(() => []),
  ]);
  const out: SlotsInUse = { elsewhere: new Map(), here: new Set() };
  const note = (slot: number | undefined, root: string | undefined) => {
    if (slot === undefined || slot >= config.slots || !root || !git.worktrees.includes(root)) return;
    if (root === git.worktree) out.here.add(slot);
    else if (!out.elsewhere.has(slot)) out.elsewhere.set(slot, root);
  };
  for (const c of containers) if (c.state === 'running' || c.state === 'restarting') note(slotOfProject(config.name, c.project), c.root);
  for (const p of procs) if (p.status === 'online' || p.status === 'launching') note(slotOfProject(config.name, p.namespace), p.env.DEVSLOT_ROOT);
  for (const wt of git.worktrees) if (wt !== git.worktree) for (const slot of listInstanceSlots(wt)) note(slot, wt);
  return out;
}
