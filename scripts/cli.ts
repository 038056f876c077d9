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

const code = await main(process.argv.slice(2), {
  io,
  cwd: process.cwd(),
  env: process.env,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
});
process.exitCode = code;
