import { UsageError } from '../errors.js';
import type { SlotApp } from './pm2-apps.js';
import type { SlotPlan } from './slot-plan.js';

/** The PM2 app `--app NAME` names (its base name or its slot name), or a usage error listing them. */
export function findApp(plan: SlotPlan, name: string): SlotApp {
  const app = plan.apps.find((a) => a.base === name || a.name === name);
  if (app) return app;
  throw new UsageError(`no PM2 app ${JSON.stringify(name)} in this project; apps: ${plan.apps.map((a) => a.base).join(', ') || 'none'}`);
}

/**
 * The environment of slot N that `exec`, `shell` and `env --format` give (DESIGN §10): with an app,
 * exactly what PM2 gives that app; without one, the union of the slot's env entries (each already
 * holds DEVSLOT_*), refused when two entries give one key different values: picking one silently
 * would run a migration against the wrong database.
 */
export function slotEnv(plan: SlotPlan, app?: string): Record<string, string> {
  if (app !== undefined) return { ...(findApp(plan, app).options.env as Record<string, string>) };
  const out: Record<string, string> = { ...plan.devslotVars };
  const from = new Map<string, string>();
  const conflicts = new Map<string, Set<string>>();
  for (const [entry, e] of Object.entries(plan.env)) {
    for (const [k, v] of Object.entries(e.values)) {
      const first = from.get(k);
      if (first !== undefined && out[k] !== v) (conflicts.get(k) ?? conflicts.set(k, new Set([first])).get(k)!).add(entry);
      if (first === undefined) from.set(k, entry);
      out[k] = v;
    }
  }
  if (conflicts.size) {
    const keys = [...conflicts].map(([k, entries]) => `${k} (env.${[...entries].join(', env.')})`).join(', ');
    const apps = plan.apps.map((a) => a.base);
    throw new UsageError(`the slot's env entries disagree on ${keys}; ${apps.length ? `pick one app's environment with --app NAME (apps: ${apps.join(', ')})` : 'make them agree in devslot.yaml'}`);
  }
  return out;
}

/**
 * A child's whole environment: this process's, without DEVSLOT_* it did not get from the slot (a
 * `DEVSLOT_SLOT=1` in the shell must not leak into slot 2's command), then the slot's values.
 */
export function childEnv(base: Readonly<Record<string, string | undefined>>, slot: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !k.startsWith('DEVSLOT_')) out[k] = v;
  return { ...out, ...slot };
}
