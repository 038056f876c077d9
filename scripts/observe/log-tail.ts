import { readTail } from '../adapters/tail.js';
import type { Pm2Proc } from '../adapters/pm2.js';

/** The last `n` lines of a PM2 app's out and error logs (for timeout messages). */
export function lastLogLines(proc: Pm2Proc, n: number): string[] {
  const lines: string[] = [];
  for (const file of [proc.outLog, proc.errLog]) if (file) lines.push(...readTail(file, n).lines);
  return lines.slice(-n);
}
