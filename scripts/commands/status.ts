import { listInstanceSlots } from '../adapters/fs.js';
import { observe } from '../apply/observe.js';
import { readSavedSlot, type SavedSlot } from '../apply/saved-slot.js';
import { probeOnce } from '../apply/readiness.js';
import { appBase, serviceRows, type ServiceRow } from '../apply/services-view.js';
import type { Target } from '../cli/args.js';
import { paint } from '../cli/io.js';
import { loadConfig } from '../config/load.js';
import { projectName } from '../plan/names.js';
import { portUrls } from '../plan/urls.js';
import { printJson, type CommandContext } from './context.js';
import { printSummary } from './summary.js';

export interface SlotStatus {
  slot: number;
  project: string;
  services: ServiceRow[];
}

/** Docker once, PM2 once, slot.json files for what each slot should have (DESIGN §7). */
export async function collectStatus(ctx: CommandContext, target: Target): Promise<SlotStatus[]> {
  const config = await loadConfig(ctx.cwd, ctx.options.config);
  // No separate ping: the one container list says so itself when the engine is unreachable.
  const states = await observe(config.name, config.root, ctx.env, { docker: true });
  const slots = target.kind === 'slot' ? [target.slot] : [...new Set([...states.keys(), ...listInstanceSlots(config.root)])].sort((a, b) => a - b);
  return Promise.all(slots.map(async (slot) => {
    const saved = readSavedSlot(config.root, slot);
    const urls = saved ? portUrls(saved) : {};
    const state = states.get(slot);
    // One quick probe per online app with a health entry (local ports: a refusal is immediate).
    const appHealth: Record<string, string> = {};
    await Promise.all((state?.apps ?? []).filter((a) => a.status === 'online').map(async (a) => {
      const probe = saved?.health[appBase(a.name)];
      if (probe) appHealth[appBase(a.name)] = (await probeOnce(probe, 500)) ? 'healthy' : 'unhealthy';
    }));
    return { slot, project: projectName(config.name, slot), services: serviceRows(saved, state, urls, appHealth) };
  }));
}

export async function statusCommand(ctx: CommandContext, target: Target): Promise<void> {
  const slots = await collectStatus(ctx, target);
  if (ctx.options.json) return printJson(ctx, { slots });
  if (!slots.length) {
    ctx.io.out('no slots: nothing of this project is running or initialized here; start one with `devslot N`\n');
    return;
  }
  for (const s of slots) printSummary(ctx.io, s.slot, s.project, s.services);
}

/** One line per slot: state, how many services are up, and its ports. */
export async function lsCommand(ctx: CommandContext): Promise<void> {
  const slots = await collectStatus(ctx, { kind: 'all' });
  if (ctx.options.json) return printJson(ctx, { slots });
  if (!slots.length) {
    ctx.io.out('no slots: nothing of this project is running or initialized here; start one with `devslot N`\n');
    return;
  }
  const config = await loadConfig(ctx.cwd, ctx.options.config);
  for (const s of slots) {
    const up = s.services.filter((r) => r.state === 'running' || r.state === 'online').length;
    const state = up === 0 ? 'stopped' : up === s.services.length ? 'running' : 'partial';
    const saved: SavedSlot | undefined = readSavedSlot(config.root, s.slot);
    const ports = saved ? Object.entries(saved.ports).filter(([n]) => !n.includes('_')).map(([n, p]) => `${n}=${p}`).join(' ') : '';
    const color = state === 'running' ? 'green' : state === 'partial' ? 'yellow' : 'dim';
    ctx.io.out(`${String(s.slot).padStart(3)}  ${s.project.padEnd(24)}  ${paint(ctx.io, color, state.padEnd(8))}  ${`${up}/${s.services.length} up`.padEnd(8)}  ${ports}\n`);
  }
}
