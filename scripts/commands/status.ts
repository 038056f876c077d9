import { slotsOnDisk as listInstanceSlots } from '../observe/slot-folders.js';
import { observeWithHolders, type SlotState } from '../observe/observe.js';
import { readSavedSlot } from '../load/saved-slot.js';
import { probeOnce } from '../apply/readiness.js';
import { appBase, serviceRows, type ServiceRow } from '../render/services-view.js';
import type { Target } from '../context.js';
import { paint } from '../io.js';
import { engineLine, whichEngine } from '../observe/engine.js';
import { observeForward } from '../observe/forward.js';
import type { ForwardView } from '../plan/forward-ops.js';

import { infraProject, projectName } from '../names.js';
import { portUrls } from '../plan/urls.js';
import { enginesOf, onSlotEngine, printJson, warnOf, type CommandContext } from './context.js';
import { engineWhere } from '../load/slot-engine.js';

export interface SlotStatus {
  slot: number;
  project: string;
  services: ServiceRow[];
  /** A remote engine's slot: its port forward to 127.0.0.1 here (DESIGN §15). */
  forward?: ForwardView;
  /** Where the slot runs (issue 19): `local`, or its engine's DOCKER_HOST. */
  engine: string;
  /** Other checkouts (their roots) with containers or apps of this slot: a copied folder's slot runs there. */
  heldBy?: string[];
}

/** Docker once, PM2 once, slot.json files for what each slot should have (DESIGN §7). */
export async function collectStatus(ctx: CommandContext, target: Target): Promise<SlotStatus[]> {
  const { config } = ctx;
  const onDisk = listInstanceSlots(config.root);
  const saved = new Map(onDisk.map((slot) => [slot, readSavedSlot(config.root, slot, warnOf(ctx))]));
  // Probe every app with a health entry while Docker and PM2 are asked (local ports: a refusal is
  // immediate); only the results of apps PM2 reports online are shown.
  const probes = new Map<string, Promise<boolean>>();
  for (const [slot, s] of saved) {
    if (target.kind === 'slot' && target.slot !== slot) continue;
    for (const [app, probe] of Object.entries(s?.health ?? {})) probes.set(`${slot}/${app}`, probeOnce(probe, 500));
  }
  // No separate ping: the one container list says so itself when the engine is unreachable.
  const shown = (states: Map<number, SlotState>) => (target.kind === 'slot' ? [target.slot] : [...new Set([...states.keys(), ...onDisk])].sort((a, b) => a - b));
  // Who else runs a slot is asked only for the slots with nothing of this checkout's.
  const idle = (states: Map<number, SlotState>) => shown(states).filter((s) => !states.get(s)?.containers.length && !states.get(s)?.apps.length);
  const { states, holders } = await observeWithHolders(config, enginesOf(ctx), idle);
  const slots = shown(states);
  return Promise.all(slots.map(async (slot) => {
    const info = saved.get(slot) ?? (target.kind === 'slot' ? readSavedSlot(config.root, slot, warnOf(ctx)) : undefined);
    const state = states.get(slot);
    const appHealth: Record<string, string> = {};
    for (const a of (state?.apps ?? []).filter((x) => x.status === 'online')) {
      const probe = probes.get(`${slot}/${appBase(a.name)}`);
      if (probe) appHealth[appBase(a.name)] = (await probe) ? 'healthy' : 'unhealthy';
    }
    const forward = observeForward(config.root, slot);
    const heldBy = holders.get(slot);
    return { slot, project: projectName(config.name, slot), services: serviceRows(info, state, info ? portUrls(info, config.urls) : {}, appHealth), ...(forward ? { forward } : {}), engine: engineWhere(onSlotEngine(ctx, slot).env.DOCKER_HOST), ...(heldBy ? { heldBy } : {}) };
  }));
}

/** The shared services (DESIGN §9) as their own row: state per service, and the slots that use them. */
export async function infraStatus(ctx: CommandContext): Promise<{ project: string; services: { name: string; state: string; health: string; ports: number[] }[]; usedBy: string[] } | undefined> {
  if (!ctx.config.shared.services.length) return undefined;
  const { observeInfraUse } = await import('../observe/infra.js');
  const { infra, users } = await observeInfraUse(ctx.env, ctx.config.name);
  const services = ctx.config.shared.services.map((name) => {
    const c = infra.find((x) => x.service === name);
    return { name, state: c?.state ?? 'missing', health: c?.health ?? 'none', ports: c?.ports.map((p) => p.published) ?? [] };
  });
  return { project: infraProject(ctx.config.name), services, usedBy: users };
}

export function printInfra(ctx: CommandContext, infra: NonNullable<Awaited<ReturnType<typeof infraStatus>>>): void {
  ctx.io.out(`infra  ${infra.project}  ${infra.usedBy.length ? `used by ${infra.usedBy.join(', ')}` : 'used by no slot'}\n`);
  for (const s of infra.services) ctx.io.out(`  ${s.name.padEnd(14)} shared     ${(s.health !== 'none' ? `${s.state} (${s.health})` : s.state).padEnd(18)}  ${s.ports.join(',') || '-'}\n`);
}

export async function statusCommand(ctx: CommandContext, target: Target): Promise<void> {
  const [slots, infra] = await Promise.all([collectStatus(ctx, target), infraStatus(ctx)]);
  // The container list's answer already named the engine: no request of its own (DESIGN §15).
  const engines = enginesOf(ctx);
  const ids = await Promise.all(engines.map((g) => whichEngine(g.env)));
  const engine = ids[0];
  if (ctx.options.json) return printJson(ctx, { slots, ...(infra ? { infra } : {}), engine: engine ? { ...engine, host: ctx.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock' } : null });
  if (infra) printInfra(ctx, infra);
  if (!slots.length) {
    ctx.io.out('no slots: nothing of this project is running or initialized here; start one with `devslot N`\n');
    return;
  }
  const { printSummary } = await import('../render/summary.js');
  for (const s of slots) {
    printSummary(ctx.io, s.slot, s.project, s.services);
    // With `engines:` slots run on different engines: each says which (issue 19).
    if (ctx.config.engines) ctx.io.out(`  engine   ${s.engine}\n`);
    if (s.heldBy) ctx.io.out(`  ${paint(ctx.io, 'yellow', `held by the checkout at ${s.heldBy.join(', ')}`)}: what runs there is not this folder's (a copy of the project?); \`devslot ${s.slot} status\` there shows it\n`);
    if (s.forward) ctx.io.out(`  forward  ${s.forward.alive ? `127.0.0.1:${s.forward.ports.join(',')} <- ${s.forward.host} (ssh pid ${s.forward.pid})` : `down (was ${s.forward.ports.join(',')}); \`devslot ${s.slot} start\` restores it`}\n`);
  }
  for (const [i, g] of engines.entries()) ctx.io.out(`${paint(ctx.io, 'dim', `engine  ${engineLine(g.env, ids[i])}`)}\n`);
}
