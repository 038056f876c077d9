#!/usr/bin/env node
import { setMaxListeners } from 'node:events';
import type { Io } from './io.js';

/** The bin: the only place that reads process.argv and sets the exit code. */
const argv = process.argv.slice(2);
// `devslot --version` answers before anything else is loaded (it runs as often as `node -e 0`).
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { devslotVersion } = await import('./version.js');
  process.stdout.write(`${devslotVersion()}\n`);
  process.exit(0);
}
const { main } = await import('./cli/main.js');
const { setCommandInterrupt } = await import('./adapters/interrupt.js');

// A reader that goes away (`devslot logs | head`) is not an error: stop writing, let `logs` end.
const outputGone = new AbortController();
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  outputGone.abort();
});

const io: Io = {
  out: (t) => {
    if (!outputGone.signal.aborted) process.stdout.write(t);
  },
  outputClosed: outputGone.signal,
  err: (t) => process.stderr.write(t),
  progressTTY: !!process.stderr.isTTY,
  interactive: !!process.stdin.isTTY && !!process.stderr.isTTY,
  color: !!process.stdout.isTTY && !process.env.NO_COLOR,
};

// First Ctrl-C (or SIGTERM): abort, so the running command stops cleanly, undoes what it began and
// says what it left. A second one exits at once.
const controller = new AbortController();
// Every engine call, and every slot of `stop all`, listens for it while it runs (and stops after):
// eleven at once is a busy moment, not a leak, and Node's warning would reach the user's terminal.
setMaxListeners(0, controller.signal);
setCommandInterrupt(controller.signal);
for (const [name, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(name, () => {
    if (controller.signal.aborted) process.exit(code);
    controller.abort(name);
  });
}

/** Ask on the terminal; end of input (or Ctrl-C) counts as "no". */
async function confirm(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    let answered = false;
    rl.on('close', () => {
      if (!answered) resolve(false);
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}

const code = await main(argv, {
  io,
  cwd: process.cwd(),
  env: process.env,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  signal: controller.signal,
  confirm,
});
process.exitCode = code;
// Interrupted: an engine call abandoned under way (a frozen engine) would keep the process alive
// for the rest of its bound. Writes to a pipe or a file are synchronous here: nothing is cut off.
if (controller.signal.aborted) process.exit(code);
