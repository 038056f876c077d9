import { dryRunCommand } from '../commands/dry-run.js';
import { envCommand } from '../commands/env.js';
import { infoCommand } from '../commands/info.js';
import { initCommand } from '../commands/init.js';
import { portsCommand } from '../commands/ports.js';
import type { CommandContext } from '../commands/context.js';
import { knownSlots } from '../commands/known-slots.js';
import { RuntimeError } from '../errors.js';
import type { Parsed } from './args.js';
import type { MainDeps } from './main.js';

type Run = Extract<Parsed, { kind: 'run' }>;

export async function dispatch(parsed: Run, deps: MainDeps): Promise<void> {
  const ctx: CommandContext = { io: deps.io, cwd: deps.cwd, env: deps.env, isRoot: deps.isRoot, options: parsed.options };
  const { action, target } = parsed;
  const slots = async () => (target.kind === 'all' ? knownSlots(ctx) : [target.slot]);
  const one = target.kind === 'slot' ? target.slot : -1;

  if (parsed.options.dryRun) return dryRunCommand(ctx, action, await slots());
  switch (action) {
    case 'init': return initCommand(ctx, one);
    case 'info': return infoCommand(ctx, one);
    case 'ports': return portsCommand(ctx, one);
    case 'env': return envCommand(ctx, one);
    default:
      throw new RuntimeError(`${action} is not available in this build yet; use --dry-run to see what it would do`);
  }
}
