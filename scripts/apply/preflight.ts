import { containersPublishing } from '../adapters/docker.js';
import { ancestors, findListener, isPortFree } from '../adapters/ports.js';
import { RuntimeError } from '../errors.js';
import type { Operation } from '../plan/operations.js';

type CheckPorts = Extract<Operation, { kind: 'check-ports' }>;

/**
 * Before anything is created: every port of the slot that this same slot does not already hold
 * must be free. Every port held by anything else is named at once, with its service and holder
 * (another project's container, or a process). devslot never moves to another port by itself.
 */
export async function checkPortsFree(env: NodeJS.ProcessEnv, op: CheckPorts): Promise<void> {
  const ownPorts = new Set(op.ownPorts);
  const ownPids = new Set(op.ownPids);
  const seen = new Set<number>();
  const busy: string[] = [];
  for (const { name, port, source } of op.ports) {
    if (seen.has(port) || ownPorts.has(port)) continue;
    seen.add(port);
    if (await isPortFree(port)) continue;
    const what = `port ${port} (${name}, ${source})`;
    const holders = (await containersPublishing(env, port)).filter((c) => c.project !== op.project);
    if (holders.length) {
      const c = holders[0]!;
      busy.push(`${what}: published by container ${c.name}${c.project ? ` of compose project ${c.project}` : ''}`);
      continue;
    }
    const listener = findListener(port);
    if (listener && (ownPids.has(listener.pid) || ancestors(listener.pid).some((p) => ownPids.has(p)))) continue;
    busy.push(`${what}: in use${listener ? ` by pid ${listener.pid} (${listener.command})` : ' by another process'}`);
  }
  if (!busy.length) return;
  const head = busy.length === 1 ? `${busy[0]!.replace(/: /, ' of slot ' + op.slot + ' is ')}; stop it, or use another slot` : `${busy.length} ports of slot ${op.slot} are taken; stop their holders, or use another slot:`;
  throw new RuntimeError(busy.length === 1 ? head : [head, ...busy.map((b) => `  ${b}`)].join('\n'));
}
