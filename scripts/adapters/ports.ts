import fs from 'node:fs';
import getPort, { clearLockedPorts } from 'get-port';

/**
 * Is this exact port free on every local address? get-port returns a *different* free port when
 * the one asked for is taken (TRAPS "Ports"), so the answer is whether it handed back the same one.
 */
export async function isPortFree(port: number): Promise<boolean> {
  // get-port also "locks" every port it hands out, in this process, for 15-30 s: asked again for
  // the same port (a second start in one process: a library caller, a dashboard) it answers
  // another one though the port is free. Our question is only "is it free now".
  clearLockedPorts();
  return (await getPort({ port })) === port;
}

export interface Listener {
  pid: number;
  command: string;
}

/** The process listening on a TCP port, from /proc (Linux); undefined where it cannot be seen. */
export function findListener(port: number): Listener | undefined {
  return ownerOf(socketInodes(port, (state) => state === '0A')); // 0A = LISTEN
}

/**
 * A process whose *connection* has this port as its local end (not a listener): the kernel hands
 * ports of its ephemeral range to outgoing connections, and such a socket keeps a listener off the
 * port as surely as a server does. Undefined where none is seen.
 */
export function findConnection(port: number): { owner?: Listener } | undefined {
  // 06 = TIME_WAIT: no process holds it, and it does not keep a listener off the port.
  const inodes = socketInodes(port, (state) => state !== '0A' && state !== '06');
  return inodes.size ? { owner: ownerOf(inodes) } : undefined;
}

/** The kernel's range for the local ends of outgoing connections ("32768-60999"), if readable. */
export function ephemeralRange(): string | undefined {
  try {
    const [lo, hi] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    return lo && hi ? `${lo}-${hi}` : undefined;
  } catch {
    return undefined;
  }
}

function socketInodes(port: number, wanted: (state: string) => boolean): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      if (!local || !cols[3] || !wanted(cols[3])) continue;
      if (parseInt(local.split(':')[1] ?? '', 16) === port && cols[9] && cols[9] !== '0') inodes.add(cols[9]);
    }
  }
  return inodes;
}

function ownerOf(inodes: Set<string>): Listener | undefined {
  if (!inodes.size) return undefined;
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m && inodes.has(m[1]!)) return { pid: Number(pid), command: commandOf(Number(pid)) };
    }
  }
  return undefined;
}

export function commandOf(pid: number): string {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    // One line whatever the argv holds (a `python -c` script has newlines): errors stay one line.
    return args.join(' ').replace(/\s+/g, ' ').trim().slice(0, 120) || '?';
  } catch {
    return '?';
  }
}

/** Parent pid chain of a process (for "is this listener one of our PM2 apps' children?"). */
export function ancestors(pid: number): number[] {
  const out: number[] = [];
  for (let p = pid, i = 0; p > 1 && i < 64; i++) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!ppid) break;
      out.push(ppid);
      p = ppid;
    } catch {
      break;
    }
  }
  return out;
}
