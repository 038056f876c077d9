import fs from 'node:fs';
import path from 'node:path';
import { listContainers } from '../adapters/docker.js';
import { writeAtomic } from '../adapters/fs.js';
import { forwardPorts, stopForward, type ForwardRecord } from '../adapters/ssh.js';
import { LABEL_PROJECT } from '../names.js';
import type { Operation } from '../plan/operations.js';

/**
 * The slot's forward: every port its containers publish on the remote, to the same port on
 * 127.0.0.1 here, through this command's ssh master, which then outlives the command as the
 * slot's forward (no second login). The record says which master it is, for status and stop.
 */
export async function startForward(env: NodeJS.ProcessEnv, op: Extract<Operation, { kind: 'forward-ports' }>): Promise<void> {
  const containers = await listContainers(env, [`${LABEL_PROJECT}=${op.project}`]);
  const ports = [...new Set(containers.flatMap((c) => c.ports.filter((p) => p.protocol !== 'udp').map((p) => p.published)))].sort((a, b) => a - b);
  const rec = await forwardPorts(env, ports);
  writeAtomic(path.join(op.root, op.file), `${JSON.stringify(rec)}\n`, 0o600);
}

export function endForward(op: Extract<Operation, { kind: 'stop-forward' }>): void {
  const file = path.join(op.root, op.file);
  try {
    stopForward(JSON.parse(fs.readFileSync(file, 'utf8')) as ForwardRecord);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && !(e instanceof SyntaxError)) throw e;
  }
  fs.rmSync(file, { force: true });
}
