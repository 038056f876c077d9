import { createRequire } from 'node:module';
import path from 'node:path';
import { execInService } from '../adapters/docker-exec.js';
import { listVolumes } from '../adapters/docker.js';
import { writeAtomic } from '../adapters/fs.js';
import { runStreaming } from '../adapters/process.js';
import type { HookName } from '../config/types.js';
import { InterruptedError, RuntimeError, UsageError } from '../errors.js';
import { projectFilter } from '../names.js';
import type { Operation } from '../plan/operations.js';
import { childEnv } from '../plan/slot-env.js';

/** The command that runs a hook again. */
const AGAIN: Record<HookName, string> = { created: 'start', 'pre-start': 'start', 'post-start': 'start', 'pre-stop': 'stop', 'pre-clean': 'clean', 'post-clone': 'start' };

/** How many of a failed step's last output lines its error quotes. */
const TAIL_LINES = 8;

export interface HookRuntime {
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Each line a step prints, as it comes. */
  output?: (label: string, line: string) => void;
}

/**
 * One hook step (DESIGN §10): an argv on the host or a zx script, in the project root with the
 * slot's environment, or an argv in the service's container. A non-zero exit, a timeout or a
 * command that cannot start is one RuntimeError (exit 2) naming the hook and step, with the
 * step's last output lines. Ctrl-C ends the step and is InterruptedError.
 */
export async function runHookStep(op: Extract<Operation, { kind: 'hook-step' }>, rt: HookRuntime): Promise<void> {
  const { step } = op;
  const tail: string[] = [];
  const onLine = (line: string) => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    rt.output?.(step.label, line);
  };
  const timeoutMs = step.timeout * 1000;
  let code: number;
  let timedOut: boolean;
  let where: string;
  if (step.kind === 'exec') {
    const r = await execInService(rt.env, { project: op.project, service: step.service }, step.argv, { env: op.env, ...(step.user ? { user: step.user } : {}), timeoutMs, signal: rt.signal, onLine });
    ({ code, timedOut } = r);
    where = `in ${r.container}`;
  } else {
    const [cmd, ...args] = step.kind === 'script' ? [process.execPath, zxCli(), path.join(op.root, step.file)] : step.argv;
    where = step.kind === 'script' ? step.file : JSON.stringify(cmd);
    try {
      ({ code, timedOut } = await runStreaming(cmd!, args, { cwd: op.root, env: childEnv(rt.env, op.env), timeoutMs, signal: rt.signal, onLine }));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'ENOENT' ? `no such command${cmd!.includes('/') ? '' : ' on PATH'}` : err.code === 'EACCES' ? 'not executable (permission denied)' : err.message;
      throw new UsageError(`hook ${step.label} (slot ${op.slot}): cannot run ${JSON.stringify(cmd)}: ${why}; fix hooks.${step.hook} in devslot.yaml, or run with --skip-hooks`);
    }
  }
  if (rt.signal.aborted) throw new InterruptedError(`interrupted during hook ${step.label}`);
  if (code === 0 && !timedOut) return;
  const what = timedOut ? `did not finish within ${step.timeout}s${step.kind === 'exec' ? ' (it may still run in the container)' : ''}` : `exited with ${code}`;
  const lines = tail.filter((l) => l.trim()).map((l) => l.slice(0, 200));
  throw new RuntimeError(
    `slot ${op.slot}: hook ${step.label} failed: ${where} ${what}${lines.length ? `; last output: ${lines.join(' ⏎ ')}` : ''}; the slot is left as it is for inspection — fix it and run \`devslot ${op.slot} ${AGAIN[step.hook]}\` again (or with --skip-hooks)`,
  );
}

/** The created hook succeeded: remember the slot's volumes it ran against. */
export async function recordCreated(op: Extract<Operation, { kind: 'record-created' }>, env: NodeJS.ProcessEnv): Promise<void> {
  const volumes = (op.volumes ?? (await listVolumes(env, [projectFilter(op.project)])).map((v) => v.name)).slice().sort();
  writeAtomic(path.join(op.root, op.file), `${JSON.stringify({ at: new Date().toISOString(), volumes })}\n`, 0o644);
}

/** zx's own CLI: a script gets `$`, `cd`, `fetch` … as globals, as `zx script.mjs` gives them. */
function zxCli(): string {
  return createRequire(import.meta.url).resolve('zx/cli');
}
