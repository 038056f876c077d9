import type { HookName } from '../config/types.js';
import type { OWN_DOT_FILES } from '../names.js';
import type { Operation } from './operations.js';
import { slotEnv } from './slot-env.js';
import type { SlotPlan } from './slot-plan.js';

/** The file under `.instances/instance-N/` that says the created hook succeeded (clean removes it: names.ts OWN_DOT_FILES). */
export const CREATED: (typeof OWN_DOT_FILES)[number] = '.created';

/**
 * A hook's steps as operations, in order, each with the cause the command gives. Host steps get
 * the environment `exec` gives (the app's, or the union of the slot's env entries) plus their own.
 */
export function hookOperations(plan: SlotPlan, hook: HookName, cause: string): Operation[] {
  return (plan.hooks?.[hook] ?? []).map((step) => ({
    slot: plan.slot,
    kind: 'hook-step',
    step,
    root: plan.root,
    // An exec step in a shared service runs in the infra project's container (DESIGN §9).
    project: step.kind === 'exec' && plan.infra?.services.includes(step.service) ? plan.infra.project : plan.project,
    env: step.kind === 'exec' ? { ...step.env } : { ...slotEnv(plan, step.app), ...step.env },
    cause,
  }));
}

export function hasHook(plan: SlotPlan, hook: HookName): boolean {
  return (plan.hooks?.[hook]?.length ?? 0) > 0;
}

/**
 * Why the created hook must run at this start, or undefined. It ran when its record exists and
 * every volume it recorded still does: a volume removed behind devslot's back (`docker compose
 * down -v`) took the data the hook made, so it runs again.
 */
export function createdNeed(plan: SlotPlan, recorded: { volumes: string[]; unreadable?: boolean } | undefined, volumes: readonly { name: string }[]): string | undefined {
  if (!hasHook(plan, 'created')) return undefined;
  if (!recorded) return `the created hook has not succeeded for slot ${plan.slot} yet`;
  // Not "has not succeeded": it may well have (seeded data and all); say why it runs again.
  if (recorded.unreadable) return `the created hook's record (${plan.dir}/${CREATED}) is damaged, so devslot cannot tell that it ran: it runs again`;
  const gone = recorded.volumes.filter((v) => !volumes.some((x) => x.name === v));
  if (gone.length) return `volume${gone.length > 1 ? 's' : ''} ${gone.join(', ')} of the slot ${gone.length > 1 ? 'were' : 'was'} removed since the created hook ran`;
  return undefined;
}
