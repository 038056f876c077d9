import fs from 'node:fs';
import path from 'node:path';
import { sha256OrNull } from '../hash.js';
import { INSTANCES_DIR, instanceDirName } from '../names.js';
import type { SlotPlan } from '../plan/slot-plan.js';

/**
 * The saved plan of an initialized slot (`.instances/instance-N/.plan.json`, 0600: it holds env
 * values). `ports`, `info`, `env` and a no-op `start` answer from it while its key still holds:
 * every source and generated file hashes the same, the variables compose interpolates have the
 * same values, and devslot is the same version. Checking costs a few small file reads; building
 * the plan costs compose CLI calls and loading the PM2 config.
 */
export const PLAN_CACHE = '.plan.json';

export interface PlanKey {
  version: string;
  isRoot: boolean;
  /** The devslot.yaml the plan came from (absolute): `--config other.yaml` is another plan. */
  config?: string;
  /** The PM2 config reads the environment in a way no name list can follow: never reuse. */
  volatile?: boolean;
  /** sha256 by path relative to the root; null = the file must still be absent. */
  files: Record<string, string | null>;
  /** Environment variables the compose files interpolate; null = unset. */
  vars: Record<string, string | null>;
}

export interface PlanCache {
  key: PlanKey;
  plan: SlotPlan;
}

export function planCachePath(root: string, slot: number): string {
  return path.join(root, INSTANCES_DIR, instanceDirName(slot), PLAN_CACHE);
}

/** The saved plan when its key holds now, else undefined (then the caller plans afresh). */
export function readPlanCache(root: string, slot: number, env: NodeJS.ProcessEnv, isRoot: boolean, version: string, configPath: string): SlotPlan | undefined {
  let cache: PlanCache;
  try {
    cache = JSON.parse(fs.readFileSync(planCachePath(root, slot), 'utf8')) as PlanCache;
  } catch {
    return undefined;
  }
  const { key } = cache;
  if (key.version !== version || key.isRoot !== isRoot || cache.plan.root !== root || key.config !== configPath || key.volatile) return undefined;
  for (const [name, value] of Object.entries(key.vars)) if ((env[name] ?? null) !== value) return undefined;
  for (const [rel, hash] of Object.entries(key.files)) if (sha256OrNull(path.join(root, rel)) !== hash) return undefined;
  return cache.plan;
}

/** Names a compose file interpolates (`$VAR`, `${VAR}`, `${VAR:-x}`; `$$` is a literal dollar). */
export function interpolatedNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\$(\$)|\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) if (!m[1] && m[2]) names.add(m[2]);
  return [...names].sort();
}

/**
 * What a PM2 ecosystem file reads besides itself: relative `import`/`require` specifiers (files
 * to hash) and `process.env.NAME` / `process.env['NAME']` (variables to compare). Any other use of
 * `process.env` (a spread, a computed key) cannot be followed: `volatile`.
 */
export function ecosystemInputs(text: string): { specifiers: string[]; vars: string[]; volatile: boolean } {
  const specifiers = new Set<string>();
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"\n]+)\1/gm)) specifiers.add(m[2]!);
  const vars = new Set<string>();
  let uses = 0;
  let named = 0;
  for (const m of text.matchAll(/\bprocess\s*\.\s*env\b(?:\s*\.\s*([A-Za-z_$][\w$]*)|\s*\[\s*(['"])([^'"\n]+)\2\s*\])?/g)) {
    uses++;
    const name = m[1] ?? m[3];
    if (name) {
      named++;
      vars.add(name);
    }
  }
  return { specifiers: [...specifiers].sort(), vars: [...vars].sort(), volatile: uses > named };
}
