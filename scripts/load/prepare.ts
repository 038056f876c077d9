import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { checkSlotInRange } from '../config/slot-range.js';
import type { Config } from '../config/types.js';
import type { SlotPlan } from '../plan/slot-plan.js';
import { devslotVersion } from '../version.js';
import { readPlanCache } from './plan-cache.js';

/** Loading: everything read before planning (config, compose model, templates, PM2 config) and its caches. */

export interface PrepareOptions {
  env: NodeJS.ProcessEnv;
  isRoot: boolean;
  /** Answer from the saved plan (.plan.json) when its key still holds: ports, info, env, start. */
  useCache?: boolean;
  /** Where a bad saved plan is reported (one line, without the `devslot: ` prefix). */
  warn?: (line: string) => void;
}

export type PreparedPlan = SlotPlan & { fromCache?: boolean };

/**
 * A slot's plan: from the saved plan when allowed and still valid, else planned afresh
 * (plan-fresh.ts, loaded only then: it needs the compose CLI, YAML and the PM2 config loader).
 * Writes nothing.
 */
export async function loadSlotPlan(config: Config, slot: number, opts: PrepareOptions): Promise<PreparedPlan> {
  checkSlotInRange(slot, config.slots, path.relative(config.root, config.path) || config.path);
  if (opts.useCache) {
    const cached = readPlanCache(config.root, slot, opts.env, opts.isRoot, devslotVersion(), config.path, opts.warn);
    if (cached) return { ...cached, fromCache: true };
  }
  return (await import('./plan-fresh.js')).planFresh(config, slot, opts);
}

/** The saved plan when it still holds, else undefined (nothing is planned). */
export function cachedSlotPlan(config: Config, slot: number, opts: PrepareOptions): PreparedPlan | undefined {
  checkSlotInRange(slot, config.slots, path.relative(config.root, config.path) || config.path);
  const cached = readPlanCache(config.root, slot, opts.env, opts.isRoot, devslotVersion(), config.path, opts.warn);
  return cached ? { ...cached, fromCache: true } : undefined;
}

/** The library's entry: load the config from `cwd` (or `configPath`), then the slot's plan. */
export async function prepareSlot(slot: number, opts: PrepareOptions & { cwd: string; configPath?: string }): Promise<PreparedPlan> {
  return loadSlotPlan(await loadConfig(opts.cwd, opts.configPath), slot, opts);
}
