import { listContainers } from '../adapters/docker.js';
import { listApps } from '../adapters/pm2.js';
import { LABEL_PROJECT, infraProject, projectFilter } from '../names.js';
import type { ContainerView } from '../plan/observed.js';

/**
 * Who still uses a project's shared services on this engine and PM2 daemon (DESIGN §9): a running
 * container or an online app of any slot `<name>-dev-N`, of any checkout — worktrees share one
 * infra. Also the infra's own containers.
 */
export async function observeInfraUse(env: NodeJS.ProcessEnv, name: string): Promise<{ infra: ContainerView[]; users: string[] }> {
  const slotProject = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-dev-(\\d+)$`);
  const [infra, all, apps] = await Promise.all([listContainers(env, [projectFilter(infraProject(name))]), listContainers(env, [LABEL_PROJECT]), listApps(env)]);
  const users = new Set<string>();
  for (const c of all) {
    const m = slotProject.exec(c.project);
    if (m && c.state === 'running') users.add(`slot ${m[1]}${c.root ? ` of ${c.root}` : ''}`);
  }
  for (const a of apps) {
    const m = slotProject.exec(a.namespace);
    if (m && a.status === 'online') users.add(`slot ${m[1]}${a.env['DEVSLOT_ROOT'] ? ` of ${a.env['DEVSLOT_ROOT']}` : ''}`);
  }
  return { infra, users: [...users].sort() };
}

/** The containers of a project's infra (its shared services), as start and clean judge them. */
export function observeInfraContainers(env: NodeJS.ProcessEnv, project: string): Promise<ContainerView[]> {
  return listContainers(env, [projectFilter(project)]);
}
