import { ensureSlotMount } from '../adapters/fs.js';
import type { SlotPlan } from '../plan/slot-plan.js';

/** Create the slot's per-slot bind-mount folders (plan.compose.mounts) before compose up; returns those created. */
export function createSlotMounts(plan: { root: string; compose: Pick<SlotPlan['compose'], 'mounts'> }): string[] {
  return (plan.compose.mounts ?? []).filter((m) => ensureSlotMount(plan.root, m.to, m.from) === 'created').map((m) => m.to);
}
