import { hasImage, listProjectContainers, type MountingContainer } from '../adapters/docker-copy.js';
import { listVolumes } from '../adapters/docker.js';
import { LABEL_SNAPSHOT_PROJECT, projectFilter } from '../names.js';
import type { VolumeView } from '../plan/observed.js';

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
