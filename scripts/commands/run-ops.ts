import { execute, type Executed } from '../apply/executor.js';
import type { Operation } from '../plan/operations.js';
import { Progress } from '../render/progress.js';
import type { ToolContext } from './context.js';

export { printPlans } from './print-plans.js';

/** Run operations through the executor with this command's progress, deadline and trace. */
export async function runOperations(ctx: ToolContext, ops: Operation[], opts: { progress?: boolean; signal?: AbortSignal; done?: Operation[] } = {}): Promise<Executed> {
  const progress = new Progress(ctx.io, !!opts.progress && ctx.io.progressTTY && !ctx.options.quiet && !ctx.options.json);
  try {
    return await execute(ops, {
      env: ctx.env,
      signal: opts.signal ?? ctx.signal,
      deadline: Date.now() + ctx.options.timeout * 1000,
      timeoutSeconds: ctx.options.timeout,
      progress: opts.progress ? (name, kind, state, detail) => progress.update(name, kind, state, detail) : () => {},
      ...(ctx.trace ? { trace: ctx.trace } : {}),
      // Hook output goes to stderr as it comes (stdout stays the summary or JSON); --quiet hides it,
      // and a failing step's last lines are in its error either way.
      ...(ctx.options.quiet ? {} : { hookOutput: (label: string, line: string) => progress.line(`  ${label} │ ${line}`) }),
    }, opts.done);
  } finally {
    progress.finish();
  }
}

