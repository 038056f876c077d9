import fs from 'node:fs';
import type { Pm2Proc } from '../adapters/pm2.js';

/** The last `n` lines of a PM2 app's out and error logs (for timeout messages). */
export function lastLogLines(proc: Pm2Proc, n: number): string[] {
  const lines: string[] = [];
  for (const file of [proc.outLog, proc.errLog]) {
    if (!file) continue;
    try {
      const text = fs.readFileSync(file, 'utf8');
      lines.push(...text.split('\n').filter(Boolean).slice(-n));
    } catch {
      // no log yet
    }
  }
  return lines.slice(-n);
}
