import type { ToolContext } from '../commands/context.js';
import type { ToolParsed } from './tools.js';
import type { MainDeps } from './main.js';

/** adopt, integrate, completion: commands that need no devslot.yaml (adopt writes it). */
export async function dispatchTool(parsed: ToolParsed, deps: MainDeps): Promise<void> {
  const ctx: ToolContext = { io: deps.io, signal: deps.signal, cwd: deps.cwd, env: deps.env, isRoot: deps.isRoot, options: parsed.options, ...(deps.trace ? { trace: deps.trace } : {}) };
  switch (parsed.tool) {
    case 'adopt':
      return (await import('../commands/adopt.js')).adoptCommand(ctx);
    case 'integrate':
      return (await import('../commands/integrate.js')).integrateCommand(ctx, parsed.runner, parsed.write);
    case 'completion':
      deps.io.out((await import('./complete.js')).COMPLETION_SCRIPTS[parsed.shell]);
      return;
    case '__complete': {
      const { projectLookup } = await import('../commands/completion.js');
      const found = (await import('./complete.js')).completeWords(parsed.cword, parsed.words, projectLookup(ctx));
      if (found.length) deps.io.out(`${found.join('\n')}\n`);
      return;
    }
  }
}
