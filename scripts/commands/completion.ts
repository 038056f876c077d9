import path from 'node:path';
import { findConfig } from '../config/load.js';
import { readSavedSlot } from '../load/saved-slot.js';
import { slotsOnDisk } from '../observe/slot-folders.js';
import type { ToolContext } from './context.js';

/**
 * What completion needs to know of the current project, read from the slots' saved plans
 * (`.instances/instance-N/slot.json`): no Docker, no PM2, no compose. The grammar's part is
 * cli/complete.ts.
 */
export interface ProjectLookup {
  slots(): number[];
  names(slot: number | undefined, what: 'services' | 'apps'): string[];
}

export function projectLookup(ctx: ToolContext): ProjectLookup {
  return { slots: () => knownSlots(ctx), names: (slot, what) => names(ctx, slot, what) };
}

function projectRoot(ctx: ToolContext): string | undefined {
  try {
    return path.dirname(findConfig(ctx.cwd, undefined));
  } catch {
    return undefined;
  }
}

function knownSlots(ctx: ToolContext): number[] {
  const root = projectRoot(ctx);
  return root ? slotsOnDisk(root) : [];
}

/** A slot's services or PM2 apps from its saved plan; another slot's when it has none (they share the config). */
function names(ctx: ToolContext, slotArg: number | undefined, what: 'services' | 'apps'): string[] {
  const root = projectRoot(ctx);
  if (!root) return [];
  const wanted = slotArg !== undefined ? slotArg : ctx.env.DEVSLOT_SLOT && /^\d+$/.test(ctx.env.DEVSLOT_SLOT) ? Number(ctx.env.DEVSLOT_SLOT) : 0;
  for (const slot of [wanted, ...slotsOnDisk(root).filter((s) => s !== wanted)]) {
    const saved = readSavedSlot(root, slot);
    if (!saved) continue;
    return what === 'services' ? saved.compose.services : saved.apps.map((a) => a.base);
  }
  return [];
}
