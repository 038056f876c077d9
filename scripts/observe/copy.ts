import { hasImage, listProjectContainers, type MountingContainer } from '../adapters/docker-copy.js';
import { listVolumes } from '../adapters/docker.js';
import { LABEL_SNAPSHOT_PROJECT, projectFilter } from '../names.js';
import type { VolumeView } from '../plan/observed.js';
import type { PlannedResource } from '../plan/resources.js';

export type { MountingContainer };

/** What a clone, snapshot or restore reads of one slot: its containers (with their volumes) and its volumes. */
export async function observeCopySlot(env: NodeJS.ProcessEnv, project: string): Promise<{ containers: MountingContainer[]; volumes: VolumeView[] }> {
  const [containers, volumes] = await Promise.all([listProjectContainers(env, project), listVolumes(env, [projectFilter(project)])]);
  return { containers, volumes };
}

/** Every snapshot volume of this project name (any root: the caller keeps its own). */
export function snapshotVolumes(env: NodeJS.ProcessEnv, name: string): Promise<VolumeView[]> {
  return listVolumes(env, [`${LABEL_SNAPSHOT_PROJECT}=${name}`]);
}

export { hasImage };

/**
 * clone's resources before anything is done: each target that holds data already (a database, a
 * Redis DB with keys) and each source database that is missing, as words for one message.
 */
export async function observeResourceCopies(pairs: { from: PlannedResource; to: PlannedResource }[]): Promise<{ occupied: string[]; missing: string[] }> {
  const occupied: string[] = [];
  const missing: string[] = [];
  for (const { from, to } of pairs) {
    if (from.kind === 'postgres' && to.kind === 'postgres') {
      const { postgresExists } = await import('../adapters/postgres.js');
      const target = { resource: to.name, admin: to.admin };
      if (!(await postgresExists(target, from)).database) missing.push(`database ${from.database} (resources.${from.name})`);
      if ((await postgresExists(target, to)).database) occupied.push(`database ${to.database}`);
    } else if (from.kind === 'redis' && to.kind === 'redis') {
      const { redisDbSize } = await import('../adapters/redis.js');
      const n = await redisDbSize({ resource: to.name, url: to.baseUrl }, to.index);
      if (n) occupied.push(`Redis DB ${to.index} (${n} key${n > 1 ? 's' : ''})`);
    }
  }
  return { occupied, missing };
}
