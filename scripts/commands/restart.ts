import { detectCompose, projectArgs, runCompose } from '../adapters/compose.js';
import { withPm2 } from '../adapters/pm2.js';
import { observe } from '../observe/observe.js';
import type { Target } from '../cli/args.js';
import { loadConfig } from '../config/load.js';
import { readSavedSlot } from '../load/saved-slot.js';
import { withSlotLock } from '../adapters/lock.js';
import { lockWaitMs, printJson, type CommandContext } from '../context.js';
import { allSlots } from '../observe/known-slots.js';

/** Restart a slot's containers and PM2 apps in place; with `all`, one slot at a time. */
export async function restartCommand(ctx: CommandContext, target: Target): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.options.config);
  // The engine list says in one line when Docker does not answer (no separate ping).
  const { slots, states } = target.kind === 'all'
    ? await allSlots(config, ctx.env, 'restart', true)
    : await observe(config.name, config.root, ctx.env, { docker: true }).then((st) => ({ states: st, slots: st.has(target.slot) ? [target.slot] : [] }));
  const done: { slot: number; containers: number; apps: string[] }[] = [];
  for (const slot of slots) {
    await withSlotLock(config.root, slot, `devslot ${slot} restart`, lockWaitMs(ctx), () => restartSlot(slot), ctx.signal);
  }
  async function restartSlot(slot: number): Promise<void> {
    const state = states.get(slot)!;
    const saved = readSavedSlot(config.root, slot);
    if (state.containers.length) {
      const cli = await detectCompose();
      const args = saved?.compose.files.length ? projectArgs(saved.compose) : ['-p', state.project];
      await runCompose([...cli.argv, ...args, 'restart'], config.root, ctx.env, `compose restart for slot ${slot}`);
    }
    if (state.apps.length) await withPm2(async (s) => { for (const a of state.apps) await s.restart(a.id); });
    done.push({ slot, containers: state.containers.length, apps: state.apps.map((a) => a.name) });
  }
  if (ctx.options.json) return printJson(ctx, { restarted: done });
  if (!done.length) ctx.io.out(`nothing to restart: ${target.kind === 'all' ? 'no slot' : `slot ${target.kind === 'slot' ? target.slot : ''}`} is running\n`);
  for (const d of done) ctx.io.out(`restarted slot ${d.slot}: ${d.containers} container(s), ${d.apps.length} PM2 app(s)\n`);
}
