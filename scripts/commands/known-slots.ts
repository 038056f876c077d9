import { listInstanceSlots } from '../adapters/fs.js';
import { loadConfig } from '../config/load.js';
import type { CommandContext } from './context.js';

/** Slots with files under .instances/ (later also the slots Docker and PM2 know about). */
export async function knownSlots(ctx: CommandContext): Promise<number[]> {
  const config = await loadConfig(ctx.cwd, ctx.options.config);
  return listInstanceSlots(config.root).filter((s) => s < config.slots);
}
