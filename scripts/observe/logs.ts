import fs from 'node:fs';
import { containerLogs as engineLogs, type LogLine } from '../adapters/docker.js';
import { readTail } from '../adapters/tail.js';

/** Reading logs: container streams from the engine, PM2's log files from disk. Read only. */
export { readTail, type LogLine };

export function containerLogs(env: NodeJS.ProcessEnv, id: string, opts: { follow: boolean; tail?: number; since?: number }, onLine: (line: LogLine) => void): ReturnType<typeof engineLogs> {
  return engineLogs(env, id, opts, onLine);
}

/**
 * What a log file gained since `from` (bytes), up to its last complete line; a file that shrank
 * (rotated, truncated) is read from its start. Returns the text and the new offset.
 */
export function readGrowth(file: string, from: number): { text: string; offset: number } | undefined {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return undefined;
  }
  const start = size < from ? 0 : from;
  if (size <= start) return start === from ? undefined : { text: '', offset: start };
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(size - start);
    fs.readSync(fd, buf, 0, buf.length, start);
    const text = buf.toString('utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    return { text: complete, offset: start + Buffer.byteLength(complete) };
  } finally {
    fs.closeSync(fd);
  }
}
