import fs from 'node:fs';
import path from 'node:path';
import { forwardAlive, type ForwardRecord } from '../adapters/ssh.js';
import { INSTANCES_DIR } from '../names.js';
import { FORWARD_FILE, type ForwardView } from '../plan/forward-ops.js';

/** The slot's port forward from its record, and whether its ssh master still runs; undefined: none. */
export function observeForward(root: string, slot: number): ForwardView | undefined {
  const file = path.join(root, INSTANCES_DIR, `instance-${slot}`, FORWARD_FILE);
  let rec: ForwardRecord;
  try {
    rec = JSON.parse(fs.readFileSync(file, 'utf8')) as ForwardRecord;
  } catch {
    return undefined;
  }
  return { ports: rec.ports ?? [], pid: rec.pid ?? 0, host: rec.host ?? '', alive: forwardAlive(rec) };
}

/** The remote engine's DOCKER_HOST when devslot reaches it over ssh (its ports are then forwarded). */
export function remoteHost(env: NodeJS.ProcessEnv): string | undefined {
  return env.DOCKER_HOST?.startsWith('ssh://') ? env.DOCKER_HOST : undefined;
}
