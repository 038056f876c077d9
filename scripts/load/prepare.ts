import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { readPlanCache } from './plan-cache.js';
import type { SlotPlan } from '../plan/slot-plan.js';
import { checkSlotInRange } from '../plan/slot.js';
import { devslotVersion } from '../version.js';
import path from 'node:path';

export interface PrepareOptions {
  cwd: string;
  configPath?: string;
  env: NodeJS.ProcessEnv;
  isRoot: boolean;
  /** Answer from the saved plan (.plan.json) when its key still holds: ports, info, env, start. */
  useCache?: boolean;
  /** Where a bad saved plan is reported (one line, without the `devslot: ` prefix). */
  warn?: (line: string) => void;
}

/**
 * A slot's plan: from the saved plan when allowed and still valid, else planned afresh
 * (plan-fresh.ts, loaded only then: it needs the compose CLI, YAML and the PM2 config loader).
 * Writes nothing.
 */
export async function prepareSlot(slot: number, opts: PrepareOptions): Promise<SlotPlan & { fromCache?: boolean }> {
  const config = await loadConfig(opts.cwd, opts.configPath);
  checkSlotInRange(slot, config.slots, path.relative(config.root, config.path) || config.path);
  if (opts.useCache) {
    const cached = readPlanCache(config.root, slot, opts.env, opts.isRoot, devslotVersion(), config.path, opts.warn);
    if (cached) return { ...cached, fromCache: true };
  }
  return planFor(config, slot, opts);
}

export async function planFor(config: Config, slot: number, opts: PrepareOptions): Promise<SlotPlan> {
  return (await import('./plan-fresh.js')).planFresh(config, slot, opts);
}
