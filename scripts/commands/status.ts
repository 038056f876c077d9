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
  const onDisk = listInstanceSlots(config.root);
  const saved = new Map(onDisk.map((slot) => [slot, readSavedSlot(config.root, slot)]));
  // Probe every app with a health entry while Docker and PM2 are asked (local ports: a refusal is
  // immediate); only the results of apps PM2 reports online are shown.
  const probes = new Map<string, Promise<boolean>>();
  for (const [slot, s] of saved) {
    if (target.kind === 'slot' && target.slot !== slot) continue;
    for (const [app, probe] of Object.entries(s?.health ?? {})) probes.set(`${slot}/${app}`, probeOnce(probe, 500));
  }
  // No separate ping: the one container list says so itself when the engine is unreachable.
  const states = await observe(config.name, config.root, ctx.env, { docker: true });
  const slots = target.kind === 'slot' ? [target.slot] : [...new Set([...states.keys(), ...onDisk])].sort((a, b) => a - b);
  return Promise.all(slots.map(async (slot) => {
    const info = saved.get(slot) ?? (target.kind === 'slot' ? readSavedSlot(config.root, slot) : undefined);
    const state = states.get(slot);
    const appHealth: Record<string, string> = {};
    for (const a of (state?.apps ?? []).filter((x) => x.status === 'online')) {
      const probe = probes.get(`${slot}/${appBase(a.name)}`);
      if (probe) appHealth[appBase(a.name)] = (await probe) ? 'healthy' : 'unhealthy';
    }
    return { slot, project: projectName(config.name, slot), services: serviceRows(info, state, info ? portUrls(info) : {}, appHealth) };
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
