import { listVolumes, projectFilter } from '../adapters/docker.js';
import { LABEL_ROOT } from '../plan/names.js';

/**
 * `compose down --volumes` deletes every volume labelled with the project. devslot labels the
 * volumes it plans with its root (override.ts), so it removes a stopped slot's volumes only when
 * they exist and all carry this checkout's root: never another checkout's, never a stranger's.
 */
export async function ownsProjectVolumes(root: string, project: string): Promise<boolean> {
  const volumes = await listVolumes([projectFilter(project)]);
  return volumes.length > 0 && volumes.every((v) => v.labels[LABEL_ROOT] === root);
}
