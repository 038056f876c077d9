import { readTail } from '../adapters/tail.js';
import type { Pm2Proc } from '../adapters/pm2.js';
import { containerLogs, listContainers } from '../adapters/docker.js';
import { projectFilter } from '../names.js';

/** The last `n` lines of a PM2 app's out and error logs (for timeout messages). */
export function lastLogLines(proc: Pm2Proc, n: number): string[] {
  const lines: string[] = [];
  for (const file of [proc.outLog, proc.errLog]) if (file) lines.push(...readTail(file, n).lines);
  return lines.slice(-n);
}

/** The last `n` log lines of a compose service's newest container; [] when there are none to read. */
export async function lastContainerLines(env: NodeJS.ProcessEnv, project: string, service: string, n: number): Promise<string[]> {
  try {
    const containers = (await listContainers(env, [projectFilter(project)])).filter((c) => c.service === service);
    const c = containers[0];
    if (!c) return [];
    const lines: string[] = [];
    await containerLogs(env, c.id, { follow: false, tail: n }, (l) => lines.push(l.text));
    return lines.slice(-n).map((l) => l.replace(/\s+/g, ' ').trim().slice(0, 200));
  } catch {
    return []; // the message stands without them
  }
}
