import { ResourceError } from '../errors.js';
import { run } from './process.js';

/**
 * A `command` resource: argv templates (already rendered) for exists/create/drop, run on the host
 * with no shell, so a value holding quotes, `;` or `$(…)` is one literal argument.
 */
export interface CommandTarget {
  resource: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Bound on each command; default 60 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** `exists` exits 0 when the object exists and non-zero when it does not. */
export async function commandResourceExists(target: CommandTarget, argv: readonly string[]): Promise<boolean> {
  const r = await runStep(target, 'exists', argv);
  return r.code === 0;
}

/** Run `create` or `drop`; a non-zero exit is a ResourceError with the command's last output line. */
export async function runCommandResource(target: CommandTarget, step: 'create' | 'drop', argv: readonly string[]): Promise<void> {
  const r = await runStep(target, step, argv);
  if (r.code !== 0) {
    const last = `${r.stderr}\n${r.stdout}`.split('\n').map((l) => l.trim()).filter(Boolean).pop();
    throw new ResourceError(`resources.${target.resource}.command.${step}: \`${argv[0]}\` exited with code ${r.code}${last ? `: ${last}` : ''}`);
  }
}

async function runStep(target: CommandTarget, step: string, argv: readonly string[]) {
  const [cmd, ...args] = argv;
  if (cmd === undefined || cmd === '') throw new ResourceError(`resources.${target.resource}.command.${step}: the argv list is empty`);
  const timeout = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let r;
  try {
    r = await run(cmd, args, { cwd: target.cwd, env: target.env, timeoutMs: timeout });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ResourceError(`resources.${target.resource}.command.${step}: cannot run \`${cmd}\` (${code ?? String(e)}); is it installed and on PATH?`);
  }
  if (r.timedOut) throw new ResourceError(`resources.${target.resource}.command.${step}: \`${cmd}\` did not finish within ${timeout / 1000}s and was killed`);
  return r;
}
