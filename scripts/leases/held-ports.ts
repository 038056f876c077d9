import { containersPublishing } from '../adapters/docker.js';
import { findListener, isPortFree } from '../adapters/ports.js';

export interface SlotPort {
  name: string;
  port: number;
}

/**
 * The first of a candidate slot's ports that something already holds, said as "port P (NAME) is
 * published by container C" or "… in use by pid N (cmd)"; undefined when all are free. Asked only
 * of slots no checkout of this repository holds, so whatever holds a port there is not devslot's
 * own (another stack, a local service): an automatic choice passes such a slot by (issue 15).
 */
export async function heldPort(env: NodeJS.ProcessEnv, ports: SlotPort[]): Promise<string | undefined> {
  const seen = new Set<number>();
  for (const { name, port } of ports) {
    if (seen.has(port)) continue;
    seen.add(port);
    if (await isPortFree(port)) continue;
    const containers = await containersPublishing(env, port).catch(() => []);
    if (containers.length) {
      const c = containers[0]!;
      return `port ${port} (${name}) is published by container ${c.name}${c.project ? ` of compose project ${c.project}` : ''}`;
    }
    const listener = findListener(port);
    return `port ${port} (${name}) is in use${listener ? ` by pid ${listener.pid} (${listener.command})` : ' by another process'}`;
  }
  return undefined;
}
