import { onSlotEngine, type CommandContext } from '../commands/context.js';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../errors.js';
import type { CopyParsed } from './copy-args.js';
import type { MainDeps } from './main.js';

/** clone, snapshot, restore (DESIGN §13): the config loaded once, then the command. */
export async function dispatchCopy(parsed: CopyParsed, deps: MainDeps): Promise<void> {
  const config = await loadConfig(deps.cwd, parsed.options.config);
  const ctx: CommandContext = { io: deps.io, signal: deps.signal, cwd: deps.cwd, env: deps.env, isRoot: deps.isRoot, options: parsed.options, config, ...(deps.trace ? { trace: deps.trace } : {}) };
  const copy = await import('../commands/copy.js');
  switch (parsed.what) {
    case 'clone': {
      // Issue 19: volumes are copied inside one engine; slots on two engines cannot share a copy.
      const [from, to] = [onSlotEngine(ctx, parsed.from), onSlotEngine(ctx, parsed.to)];
      if (from.env.DOCKER_HOST !== to.env.DOCKER_HOST) {
        const where = (h: string | undefined) => h ?? 'the local engine';
        throw new UsageError(`clone ${parsed.from} ${parsed.to}: slot ${parsed.from} runs on ${where(from.env.DOCKER_HOST)} and slot ${parsed.to} on ${where(to.env.DOCKER_HOST)} (engines: in devslot.yaml); clone copies volumes within one engine: pick a target slot on the same engine`);
      }
      await copy.cloneCommand(from, parsed.from, parsed.to, { stop: parsed.stop, only: parsed.only });
      return;
    }
    case 'snapshot':
      await copy.snapshotCommand(onSlotEngine(ctx, parsed.slot), parsed.slot, parsed.name, { stop: parsed.stop, only: parsed.only });
      return;
    case 'restore':
      await copy.restoreCommand(onSlotEngine(ctx, parsed.slot), parsed.slot, parsed.name);
      return;
    case 'snapshot-ls':
      await copy.snapshotLsCommand(ctx);
      return;
    case 'snapshot-rm':
      return copy.snapshotRmCommand(ctx, parsed.name);
  }
}
