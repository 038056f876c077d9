import { containersPublishing } from '../adapters/docker.js';
import { ancestors, ephemeralRangeHolding, findConnection, findListener, isPortFree } from '../adapters/ports.js';
import { RuntimeError } from '../errors.js';
import type { Operation } from '../plan/operations.js';

type CheckPorts = Extract<Operation, { kind: 'check-ports' }>;

/**
 * Before anything is created: every port of the slot that this same slot does not already hold
 * must be free. Ports held by anything else are one error naming every such port, its service and
 * its holder (another project's container, or a process): fixing them one start at a time would
 * take as many failed starts as there are busy ports. devslot never moves to another port by itself.
 */
export async function checkPortsFree(env: NodeJS.ProcessEnv, op: CheckPorts): Promise<void> {
  const ownPorts = new Set(op.ownPorts);
  const ownPids = new Set(op.ownPids);
  const seen = new Set<number>();
  const busy: Busy[] = [];
  if (op.remote) return checkRemotePorts(env, op, op.remote);
  for (const { name, port, source } of op.ports) {
    if (seen.has(port) || ownPorts.has(port)) continue;
    seen.add(port);
    if (await isPortFree(port)) continue;
    const what = `port ${port} (${name}, ${source})`;
    const holders = (await containersPublishing(env, port)).filter((c) => c.project !== op.project);
    if (holders.length) {
      const c = holders[0]!;
      busy.push({ what, why: `published by container ${c.name}${c.project ? ` of compose project ${c.project}` : ''}` });
      continue;
    }
    const held = localHolder(port, ownPids);
    if (held) busy.push({ what, ...held, why: `in use ${held.why}` });
  }
  refuseBusy(op, busy);
}

/**
 * A remote engine: the ports are published there, so the engine there is asked (one list for every
 * port); here each port is needed only by the slot's forward, so a port devslot's own forward of
 * this slot holds is not a conflict, anything else listening here is.
 */
async function checkRemotePorts(env: NodeJS.ProcessEnv, op: CheckPorts, remote: NonNullable<CheckPorts['remote']>): Promise<void> {
  const ownPorts = new Set(op.ownPorts);
  const forwarded = new Set(remote.forwarded);
  const seen = new Set<number>();
  const busy: Busy[] = [];
  const host = new URL(remote.host).hostname;
  for (const { name, port, source } of op.ports) {
    if (seen.has(port)) continue;
    seen.add(port);
    const what = `port ${port} (${name}, ${source})`;
    if (!ownPorts.has(port)) {
      const holders = (await containersPublishing(env, port)).filter((c) => c.project !== op.project);
      if (holders.length) {
        const c = holders[0]!;
        busy.push({ what, why: `published on the remote engine ${host} by container ${c.name}${c.project ? ` of compose project ${c.project}` : ''}` });
        continue;
      }
    }
    if (forwarded.has(port) || (await isPortFree(port))) continue;
    const held = localHolder(port, new Set(op.ownPids));
    if (held) busy.push({ what, ...held, why: `in use on this machine ${held.why}, where the slot's forward from ${host} needs it` });
  }
  refuseBusy(op, busy);
}

/** A port that is busy: what it is, who holds it, and (when not "stop it") what frees it. */
interface Busy {
  what: string;
  why: string;
  fix?: string;
}

/**
 * Who holds a port that is not free here, as "by …" text; undefined when it is one of the slot's
 * own processes (or their children). A port can also be held by a connection that took it as its
 * local end: the kernel hands out its ephemeral range that way, and what frees it differs.
 */
function localHolder(port: number, ownPids: Set<number>): Omit<Busy, 'what'> | undefined {
  const listener = findListener(port);
  if (listener) {
    if (ownPids.has(listener.pid) || ancestors(listener.pid).some((p) => ownPids.has(p))) return undefined;
    return { why: `by pid ${listener.pid} (${listener.command})` };
  }
  const connection = findConnection(port);
  if (!connection) return { why: 'by another process' };
  const owner = connection.owner ? ` of pid ${connection.owner.pid} (${connection.owner.command})` : ' no process holds any more (closing)';
  const range = ephemeralRangeHolding(port);
  return {
    why: `as the local end of a connection${owner}`,
    fix: range ? `the kernel gives ports ${range} to outgoing connections: reserve the slots' ports with sysctl net.ipv4.ip_local_reserved_ports` : connection.owner ? 'end that connection' : 'wait for it to close',
  };
}

function refuseBusy(op: CheckPorts, busy: Busy[]): void {
  if (!busy.length) return;
  if (busy.length === 1) throw new RuntimeError(`${busy[0]!.what} of slot ${op.slot} is already ${busy[0]!.why}; ${busy[0]!.fix ?? 'stop it'}, or use another slot`);
  throw new RuntimeError(
    `${busy.length} ports of slot ${op.slot} are already in use; stop their holders, or use another slot:\n${busy.map((b) => `  ${b.what}: ${b.why}${b.fix ? ` (${b.fix})` : ''}`).join('\n')}`,
  );
}
