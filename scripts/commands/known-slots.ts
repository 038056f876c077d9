import type { SlotState } from '../apply/observe.js';
import type { Action } from '../cli/actions.js';
import { loadConfig } from '../config/load.js';
import type { CommandContext } from './context.js';

export interface AllSlots {
  /** The slots the action would act on, in order. */
  slots: number[];
  /** What Docker and PM2 show for this root (read only: nothing is started, not even a PM2 daemon). */
  states: Map<number, SlotState>;
  /** Slots that hold only a network or volume of this root. */
  leftovers: Set<number>;
  /** `slots` in devslot.yaml: a running slot at or above it has no plan, only what is running. */
  limit: number;
  root: string;
  name: string;
}

/**
 * The slots `ACTION all` acts on, found as the action finds them: `stop`/`clean` take every slot
 * with files under .instances/, anything running, or a network (clean: or a volume) left for this
 * root; `restart` takes the running ones.
 * Without an engine, only PM2 and the files are seen.
 */
export async function allSlots(ctx: CommandContext, action: Action): Promise<AllSlots> {
  const config = await loadConfig(ctx.cwd, ctx.options.config);
  const [{ requireEngine }, { observe }, { leftoverSlots, targetSlots }] = await Promise.all([import('../adapters/docker.js'), import('../apply/observe.js'), import('./stop.js')]);
  const engine = await requireEngine().then(() => true, () => false);
  const [states, leftovers] = await Promise.all([
    observe(config.name, config.root, ctx.env, { docker: engine }),
    engine && action !== 'restart' ? leftoverSlots(config, action === 'clean') : Promise.resolve([]),
  ]);
  let slots = await targetSlots(config, { kind: 'all' }, states, leftovers);
  if (action === 'restart') slots = slots.filter((s) => states.has(s));
  return { slots, states, leftovers: new Set(leftovers), limit: config.slots, root: config.root, name: config.name };
}
