import { runForeground } from '../adapters/process.js';
import { ChildExitError, RuntimeError, UsageError } from '../errors.js';

/**
 * Run argv in the foreground with `env` as its whole environment (exec, shell). Returns when it
 * ends with 0; otherwise its code becomes devslot's (ChildExitError). A command that cannot start
 * is the user's input: one line, exit 1.
 */
export async function runInSlot(argv: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<void> {
  const [cmd, ...args] = argv;
  if (cmd === undefined || cmd === '') throw new UsageError('exec needs a command after --: devslot N exec [--app NAME] -- CMD ARGS…');
  let code: number;
  try {
    ({ code } = await runForeground(cmd, args, opts));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new UsageError(`cannot run ${JSON.stringify(cmd)}: no such command${cmd.includes('/') ? '' : ' on PATH'}`);
    if (err.code === 'EACCES') throw new UsageError(`cannot run ${JSON.stringify(cmd)}: not executable (permission denied)`);
    throw new RuntimeError(`cannot run ${JSON.stringify(cmd)}: ${err.message}`);
  }
  if (code !== 0) throw new ChildExitError(code);
}
