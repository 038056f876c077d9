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
      if (!local || cols[3] !== '0A') continue; // 0A = LISTEN
      if (parseInt(local.split(':')[1] ?? '', 16) === port && cols[9]) inodes.add(cols[9]);
    }
  }
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
