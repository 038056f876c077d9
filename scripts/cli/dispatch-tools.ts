import { UsageError } from '../errors.js';
import type { ToolContext } from '../commands/context.js';
import type { ToolParsed } from './tools.js';
import type { MainDeps } from './main.js';

/** adopt, integrate, completion: commands that need no devslot.yaml (adopt writes it). */
export async function dispatchTool(parsed: ToolParsed, deps: MainDeps): Promise<void> {
  const ctx: ToolContext = { io: deps.io, signal: deps.signal, cwd: deps.cwd, env: deps.env, isRoot: deps.isRoot, options: parsed.options, ...(deps.trace ? { trace: deps.trace } : {}) };
  switch (parsed.tool) {
    case 'adopt':
      return (await import('../commands/adopt.js')).adoptCommand(ctx);
    default:
      throw new UsageError(`${parsed.tool} is not built yet`);
  }
}
