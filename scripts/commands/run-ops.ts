import { execute, type Executed } from '../apply/executor.js';
import type { Operation } from '../plan/operations.js';
import { describePlan, operationsJson } from '../plan/operations.js';
import { Progress } from '../render/progress.js';
import { printJson, type CommandContext } from './context.js';

/** Run operations through the executor with this command's progress, deadline and trace. */
export async function runOperations(ctx: CommandContext, ops: Operation[], opts: { progress?: boolean; signal?: AbortSignal; done?: Operation[] } = {}): Promise<Executed> {
  const progress = new Progress(ctx.io, !!opts.progress && ctx.io.progressTTY && !ctx.options.quiet && !ctx.options.json);
  try {
    return await execute(ops, {
      env: ctx.env,
      signal: opts.signal ?? ctx.signal,
      deadline: Date.now() + ctx.options.timeout * 1000,
      timeoutSeconds: ctx.options.timeout,
      progress: opts.progress ? (name, kind, state, detail) => progress.update(name, kind, state, detail) : () => {},
      ...(ctx.trace ? { trace: ctx.trace } : {}),
    }, opts.done);
  } finally {
    progress.finish();
  }
}

/** `--dry-run`: each slot's operations, exactly as the executor would run them; nothing is run. */
export function printPlans(ctx: CommandContext, action: string, plans: { slot: number; operations: Operation[] }[]): void {
  if (ctx.options.json) return printJson(ctx, plans.map((p) => ({ slot: p.slot, operations: operationsJson(p.operations, ctx.options.showSecrets) })));
  const lines: string[] = [];
  for (const p of plans) {
    lines.push(`# ${action} slot ${p.slot} (dry run: nothing is changed)`);
    if (!p.operations.length) lines.push(`# nothing to do: slot ${p.slot} is already as planned`);
    lines.push(...describePlan(p.operations, { showSecrets: ctx.options.showSecrets, values: ctx.options.explain }));
  }
  ctx.io.out(`${lines.join('\n')}\n`);
}
