import { withSlotLock } from '../apply/lock.js';
import type { Target } from '../context.js';
import { composeCommand } from '../load/compose-cli.js';
import { readSavedSlot } from '../load/saved-slot.js';
import { allSlots } from '../observe/known-slots.js';
import { observe, type SlotState } from '../observe/observe.js';
import type { Operation } from '../plan/operations.js';
import { restartOperations } from '../plan/teardown-ops.js';
import { enginesOf, lockWaitMs, onSlotEngine, printJson, warnOf, type CommandContext } from './context.js';
import { printPlans, runOperations } from './run-ops.js';

/** Restart a slot's containers and PM2 apps in place and wait until they are up again; with `all`, one slot at a time. */
export async function restartCommand(ctx: CommandContext, target: Target): Promise<void> {
  const { config } = ctx;
  // The engine list says in one line when Docker does not answer (no separate ping).
  // `all`: the running slots the config still has (one beyond `slots` is for stop and clean to take).
  const { slots, states } = target.kind === 'all'
    ? await allSlots(config, enginesOf(ctx), 'restart', true).then((a) => ({ ...a, slots: a.slots.filter((s) => s < config.slots) }))
    : await observe(config, enginesOf(ctx), { docker: true }).then((st) => ({ states: st, slots: st.has(target.slot) ? [target.slot] : [] }));
  const planFor = async (state: SlotState): Promise<Operation[]> => {
    const saved = readSavedSlot(config.root, state.slot, warnOf(ctx));
    const objects = { slot: state.slot, project: state.project, root: config.root, containers: state.containers, networks: [], volumes: [], apps: state.apps };
    return restartOperations(objects, saved ? { compose: saved.compose, health: saved.health, apps: saved.apps, namespace: saved.namespace } : undefined, state.containers.length ? await composeCommand(onSlotEngine(ctx, state.slot).env) : []);
  };
  if (ctx.options.dryRun) {
    if (!slots.length && !ctx.options.json) return ctx.io.out(`nothing to restart: ${target.kind === 'all' ? 'no slot of this project is running' : `slot ${target.kind === 'slot' ? target.slot : ''} is not running`} (dry run)\n`);
    const plans = [];
    for (const slot of slots) plans.push({ slot, operations: await planFor(states.get(slot)!) });
    return printPlans(ctx, 'restart', plans);
  }
  const done: { slot: number; containers: number; apps: string[] }[] = [];
  for (const slot of slots) {
    await withSlotLock(config.root, slot, `devslot ${slot} restart`, lockWaitMs(ctx), async () => {
      // Observed again under the lock: another command may have changed the slot meanwhile.
      const state = (await observe(config, enginesOf(onSlotEngine(ctx, slot)), { docker: true })).get(slot);
      if (!state) return;
      await runOperations(onSlotEngine(ctx, slot), await planFor(state), { progress: true });
      done.push({ slot, containers: state.containers.length, apps: state.apps.map((a) => a.name) });
    }, ctx.signal);
  }
  if (ctx.options.json) return printJson(ctx, { restarted: done });
  if (!done.length) ctx.io.out(`nothing to restart: ${target.kind === 'all' ? 'no slot' : `slot ${target.kind === 'slot' ? target.slot : ''}`} is running\n`);
  for (const d of done) ctx.io.out(`restarted slot ${d.slot}: ${d.containers} container(s), ${d.apps.length} PM2 app(s)\n`);
}
