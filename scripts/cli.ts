#!/usr/bin/env node
import { main } from './cli/main.js';
import type { Io } from './cli/io.js';

/** The bin: the only place that reads process.argv and sets the exit code. */
const io: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: !!process.stdout.isTTY,
  color: !!process.stdout.isTTY && !process.env.NO_COLOR,
};

// First Ctrl-C: abort, so the running command stops cleanly. A second one exits at once.
const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});

async function confirm(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

const code = await main(process.argv.slice(2), {
  io,
  cwd: process.cwd(),
  env: process.env,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  signal: controller.signal,
  confirm,
});
process.exitCode = code;
