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
  return ownerOf(sockets(port, (state) => state === '0A').inodes); // 0A = LISTEN
}

/**
 * A *connection* (not a listener) with this port as its local end: the kernel hands ports of its
 * ephemeral range to outgoing connections, and such a socket keeps a listener off the port as
 * surely as a server does. `owner` is its process where one holds it (a closing socket has none).
 */
export function findConnection(port: number): { owner?: Listener } | undefined {
  // 06 = TIME_WAIT: it does not keep a listener (SO_REUSEADDR, as Node and Docker bind) off the port.
  const found = sockets(port, (state) => state !== '0A' && state !== '06');
  if (!found.rows) return undefined;
  const owner = ownerOf(found.inodes);
  return owner ? { owner } : {};
}

/**
 * The kernel's range for the local ends of outgoing connections ("32768-60999") when `port` is in
 * it and not reserved (net.ipv4.ip_local_reserved_ports); undefined otherwise or where unreadable.
 */
export function ephemeralRangeHolding(port: number): string | undefined {
  try {
    const [lo, hi] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (!lo || !hi || port < lo || port > hi) return undefined;
    const reserved = fs.readFileSync('/proc/sys/net/ipv4/ip_local_reserved_ports', 'utf8').trim();
    for (const part of reserved.split(',').filter(Boolean)) {
      const [a, b] = part.split('-').map(Number);
      if (port >= a! && port <= (b ?? a!)) return undefined;
    }
    return `${lo}-${hi}`;
  } catch {
    return undefined;
  }
}

/** The socket rows of /proc/net/tcp{,6} whose local port is `port` and state `wanted`, and their inodes (0: no process holds it). */
function sockets(port: number, wanted: (state: string) => boolean): { rows: number; inodes: Set<string> } {
  const inodes = new Set<string>();
  let rows = 0;
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
      if (parseInt(local.split(':')[1] ?? '', 16) !== port) continue;
      rows++;
      if (cols[9] && cols[9] !== '0') inodes.add(cols[9]);
    }
  }
  return { rows, inodes };
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
