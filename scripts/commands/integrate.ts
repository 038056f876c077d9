import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { integrate, RUNNER_FILE, snippet, usageLines, type Runner } from '../plan/integrate.js';
import { describePlan, type Operation } from '../plan/operations.js';
import type { ToolContext } from './context.js';
import { runOperations } from './run-ops.js';

/**
 * `devslot integrate RUNNER [--write]` (DESIGN §14): print the runner's `dev` entry, or write it
 * into the runner's file in this folder between marker comments. Idempotent: a second run leaves
 * the file byte-identical; nothing outside the block is touched; an entry the user wrote is refused.
 */
export async function integrateCommand(ctx: ToolContext, runner: Runner, write: boolean): Promise<void> {
  const file = RUNNER_FILE[runner];
  const abs = path.join(ctx.cwd, file);
  const turbo = fs.existsSync(path.join(ctx.cwd, 'turbo.json'));
  if (!write) {
    ctx.io.out(`${runner === 'npm' ? '"scripts": { "dev": "devslot" }' : snippet(runner)}\n`);
    ctx.io.err(`${[`(printed only; \`devslot integrate ${runner} --write\` puts it in ${file})`, ...usageLines(runner, turbo)].join('\n')}\n`);
    return;
  }
  let current: string | undefined;
  try {
    current = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code})`);
  }
  const result = integrate(runner, current);
  if ('refused' in result) throw new UsageError(result.refused);
  if (!result.changed) {
    if (!ctx.options.quiet) ctx.io.out(`${file}: already integrated, unchanged\n`);
    return;
  }
  const ops: Operation[] = [{ slot: 0, kind: 'write-project-file', root: ctx.cwd, path: file, before: current ?? null, content: result.next, cause: `integrate ${runner}: the dev entry between devslot's markers` }];
  if (ctx.options.dryRun) {
    ctx.io.out(`${describePlan(ops, { showSecrets: false, values: false }).join('\n')}\n`);
    return;
  }
  await runOperations(ctx, ops);
  if (!ctx.options.quiet) ctx.io.out(`${[`${file}: ${current === undefined ? 'created' : 'updated'}`, ...usageLines(runner, turbo)].join('\n')}\n`);
}
