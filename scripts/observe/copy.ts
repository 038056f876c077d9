import { hasImage, listProjectContainers, type MountingContainer } from '../adapters/docker-copy.js';
import { listVolumes } from '../adapters/docker.js';
import { checkoutIdentity } from '../adapters/identity.js';
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
 * Redis DB with keys), each source database that is missing, and each target database or Redis DB
 * another checkout marked (never replaced, even with --force), as words for one message.
 */
export async function observeResourceCopies(pairs: { from: PlannedResource; to: PlannedResource }[], root: string): Promise<{ occupied: string[]; missing: string[]; foreign: string[] }> {
  const occupied: string[] = [];
  const missing: string[] = [];
  const foreign: string[] = [];
  for (const { from, to } of pairs) {
    if (from.kind === 'postgres' && to.kind === 'postgres') {
      const { foreignPostgres, postgresExists } = await import('../adapters/postgres.js');
      const target = { resource: to.name, admin: to.admin };
      if (!(await postgresExists(target, from)).database) missing.push(`database ${from.database} (resources.${from.name})`);
      if ((await postgresExists(target, to)).database) {
        occupied.push(`database ${to.database}`);
        const other = await foreignPostgres(target, to.database, checkoutIdentity(root, false));
        if (other) foreign.push(`database ${to.database} (resources.${to.name}) belongs to the checkout at ${other}`);
      }
    } else if (from.kind === 'redis' && to.kind === 'redis') {
      const { foreignRedisDb, redisDbSize } = await import('../adapters/redis.js');
      const target = { resource: to.name, url: to.baseUrl };
      const other = await foreignRedisDb(target, to.index, checkoutIdentity(root, false));
      if (other) foreign.push(`Redis DB ${to.index} (resources.${to.name}) belongs to the checkout at ${other}`);
      const n = await redisDbSize(target, to.index);
      if (n) occupied.push(`Redis DB ${to.index} (${n} key${n > 1 ? 's' : ''})`);
    }
  }
  return { occupied, missing, foreign };
}
