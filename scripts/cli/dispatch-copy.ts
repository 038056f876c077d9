import type { CommandContext } from '../commands/context.js';
import { loadConfig } from '../config/load.js';
import type { CopyParsed } from './copy-args.js';
import type { MainDeps } from './main.js';

/** clone, snapshot, restore (DESIGN §13): the config loaded once, then the command. */
export async function dispatchCopy(parsed: CopyParsed, deps: MainDeps): Promise<void> {
  const config = await loadConfig(deps.cwd, parsed.options.config);
  const ctx: CommandContext = { io: deps.io, signal: deps.signal, cwd: deps.cwd, env: deps.env, isRoot: deps.isRoot, options: parsed.options, config, ...(deps.trace ? { trace: deps.trace } : {}) };
  const copy = await import('../commands/copy.js');
  switch (parsed.what) {
    case 'clone':
      await copy.cloneCommand(ctx, parsed.from, parsed.to, { stop: parsed.stop, only: parsed.only });
      return;
    case 'snapshot':
      await copy.snapshotCommand(ctx, parsed.slot, parsed.name, { stop: parsed.stop, only: parsed.only });
      return;
    case 'restore':
      await copy.restoreCommand(ctx, parsed.slot, parsed.name);
      return;
    case 'snapshot-ls':
      await copy.snapshotLsCommand(ctx);
      return;
    case 'snapshot-rm':
      return copy.snapshotRmCommand(ctx, parsed.name);
  }
}
