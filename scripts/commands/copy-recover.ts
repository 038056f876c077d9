import fs from 'node:fs';
import path from 'node:path';
import { COPY_RECORDS_DIR, INSTANCES_DIR } from '../names.js';
import { warnOf, type CommandContext } from './context.js';

/**
 * A devslot killed during a clone or snapshot (SIGKILL runs no finally) leaves its source paused
 * and a partial target: the next command of this checkout, whatever it is, undoes that first. One
 * stat when there is nothing to undo; the engine is only asked when a record is there.
 */
export async function recoverInterruptedCopies(ctx: CommandContext): Promise<void> {
  const dir = path.join(ctx.config.root, INSTANCES_DIR, COPY_RECORDS_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return;
  }
  if (!names.length) return;
  const { recoverCopies } = await import('../apply/copy.js');
  try {
    for (const line of await recoverCopies(ctx.config.root, ctx.env)) warnOf(ctx)(line);
  } catch (e) {
    warnOf(ctx)(`could not undo an interrupted copy yet (${(e as Error).message}); the next command tries again`);
  }
}
