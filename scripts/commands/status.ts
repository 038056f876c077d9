import { slotsOnDisk as listInstanceSlots } from '../observe/slot-folders.js';
import { observeWithHolders, type EngineDown, type SlotState } from '../observe/observe.js';
import { readSavedSlot } from '../load/saved-slot.js';
import { probeOnce } from '../apply/readiness.js';
import { appBase, containersUnknown, serviceRows, type ServiceRow } from '../render/services-view.js';
import type { Target } from '../context.js';
import { paint } from '../io.js';
import { engineLine, whichEngine } from '../observe/engine.js';
import { observeForward } from '../observe/forward.js';
import type { ForwardView } from '../plan/forward-ops.js';
import { PartialError, RuntimeError } from '../errors.js';

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
  /** Its engine did not answer (another did): its containers are `unknown`, this says why. */
  engineError?: string;
}

/** Docker once, PM2 once, slot.json files for what each slot should have (DESIGN §7). */
export async function collectStatus(ctx: CommandContext, target: Target): Promise<{ slots: SlotStatus[]; down: EngineDown[] }> {
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
  const { states, holders, down } = await observeWithHolders(config, enginesOf(ctx), idle);
  const slots = shown(states);
  return { down, slots: await Promise.all(slots.map(async (slot) => {
    const info = saved.get(slot) ?? (target.kind === 'slot' ? readSavedSlot(config.root, slot, warnOf(ctx)) : undefined);
    const state = states.get(slot);
    const appHealth: Record<string, string> = {};
    for (const a of (state?.apps ?? []).filter((x) => x.status === 'online')) {
      const probe = probes.get(`${slot}/${appBase(a.name)}`);
      if (probe) appHealth[appBase(a.name)] = (await probe) ? 'healthy' : 'unhealthy';
    }
    const forward = observeForward(config.root, slot);
    const heldBy = holders.get(slot);
    const unreachable = down.find((d) => d.group.owns(slot));
    let services = serviceRows(info, state, info ? portUrls(info, config.urls) : {}, appHealth);
    // Not seen is not missing: the engine that would say was not reachable.
    if (unreachable) services = containersUnknown(services);
    return { slot, project: projectName(config.name, slot), services, ...(forward ? { forward } : {}), engine: engineWhere(onSlotEngine(ctx, slot).env.DOCKER_HOST), ...(heldBy ? { heldBy } : {}), ...(unreachable ? { engineError: unreachable.error.message } : {}) };
  }))};
}

/** The shared services (DESIGN §9) as their own row: state per service, and the slots that use them. */
export interface InfraStatus {
  project: string;
  services: { name: string; state: string; health: string; ports: number[] }[];
  usedBy: string[];
  /** Its engine (the default one) did not answer: the states are `unknown`, `usedBy` is not known. */
  engineError?: string;
}

export async function infraStatus(ctx: CommandContext): Promise<InfraStatus | undefined> {
  if (!ctx.config.shared.services.length) return undefined;
  const { observeInfraUse } = await import('../observe/infra.js');
  const { infra, users } = await observeInfraUse(ctx.env, ctx.config.name);
  const services = ctx.config.shared.services.map((name) => {
    const c = infra.find((x) => x.service === name);
    return { name, state: c?.state ?? 'missing', health: c?.health ?? 'none', ports: c?.ports.map((p) => p.published) ?? [] };
  });
  return { project: infraProject(ctx.config.name), services, usedBy: users };
}

export function printInfra(ctx: CommandContext, infra: InfraStatus): void {
  const use = infra.engineError ? paint(ctx.io, 'red', 'not seen: its engine did not answer') : infra.usedBy.length ? `used by ${infra.usedBy.join(', ')}` : 'used by no slot';
  ctx.io.out(`infra  ${infra.project}  ${use}\n`);
  for (const s of infra.services) ctx.io.out(`  ${s.name.padEnd(14)} shared     ${(s.health !== 'none' ? `${s.state} (${s.health})` : s.state).padEnd(18)}  ${s.ports.join(',') || '-'}\n`);
}

export async function statusCommand(ctx: CommandContext, target: Target): Promise<void> {
  const collected = collectStatus(ctx, target);
  // The shared services run on the default engine: when it is down while another answers, the slots still show.
  const [{ slots, down }, shared] = await Promise.all([collected, infraUnlessDown(ctx, async () => (await collected).down)]);
  // The container list's answer already named the engine: no request of its own (DESIGN §15).
  const engines = enginesOf(ctx);
  // An engine that did not answer is not asked again (a second ssh login, a second timeout).
  const ids = await Promise.all(engines.map((g) => (down.some((d) => d.group === g) ? undefined : whichEngine(g.env))));
  const engine = ids[0];
  if (ctx.options.json) printJson(ctx, { slots, ...(shared ? { infra: shared } : {}), engine: engine ? { ...engine, host: ctx.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock' } : null, ...unreachableJson(down) });
  else await printStatus(ctx, slots, shared, engines, ids);
  // What was shown is all that could be seen; the exit says it was not everything.
  throwIfPartial(down, slots.map((s) => s.slot));
}

/** The engines that did not answer, with the slots shown without their containers, as the command's failure. */
export function throwIfPartial(down: EngineDown[], shown: number[]): void {
  if (!down.length) return;
  const cut = (e: EngineDown) => shown.filter((slot) => e.group.owns(slot));
  throw new PartialError(down.map((d) => `${cut(d).length ? `slot${cut(d).length > 1 ? 's' : ''} ${cut(d).join(', ')} shown without ${cut(d).length > 1 ? 'their' : 'its'} containers: ` : ''}${d.error.message}`).join('; '));
}

/** The shared services' row; when the default engine, where they run, is among those down, their states are `unknown`. */
export async function infraUnlessDown(ctx: CommandContext, down: () => Promise<EngineDown[]>): Promise<InfraStatus | undefined> {
  try {
    return await infraStatus(ctx);
  } catch (e) {
    const off = e instanceof RuntimeError ? (await down()).find((d) => d.group.host === ctx.env.DOCKER_HOST) : undefined;
    if (!off) throw e;
    const services = ctx.config.shared.services.map((name) => ({ name, state: 'unknown', health: 'none', ports: [] }));
    return { project: infraProject(ctx.config.name), services, usedBy: [], engineError: off.error.message };
  }
}

/** JSON's account of the engines that did not answer. */
export const unreachableJson = (down: EngineDown[]) => (down.length ? { unreachable: down.map((d) => ({ engine: engineWhere(d.group.host), host: d.group.host ?? 'unix:///var/run/docker.sock', error: d.error.message })) } : {});

async function printStatus(ctx: CommandContext, slots: SlotStatus[], infra: InfraStatus | undefined, engines: ReturnType<typeof enginesOf>, ids: Awaited<ReturnType<typeof whichEngine>>[]): Promise<void> {
  if (infra) printInfra(ctx, infra);
  if (!slots.length) {
    ctx.io.out('no slots: nothing of this project is running or initialized here; start one with `devslot N`\n');
    return;
  }
  const { printSummary } = await import('../render/summary.js');
  for (const s of slots) {
    printSummary(ctx.io, s.slot, s.project, s.services);
    // With `engines:` slots run on different engines: each says which (issue 19).
    if (ctx.config.engines) ctx.io.out(`  engine   ${s.engine}${s.engineError ? ` ${paint(ctx.io, 'red', '(did not answer: containers unknown)')}` : ''}\n`);
    if (s.heldBy) ctx.io.out(`  ${paint(ctx.io, 'yellow', `held by the checkout at ${s.heldBy.join(', ')}`)}: what runs there is not this folder's (a copy of the project?); \`devslot ${s.slot} status\` there shows it\n`);
    if (s.forward) ctx.io.out(`  forward  ${s.forward.alive ? `127.0.0.1:${s.forward.ports.join(',')} <- ${s.forward.host} (ssh pid ${s.forward.pid})` : `down (was ${s.forward.ports.join(',')}); \`devslot ${s.slot} start\` restores it`}\n`);
  }
  for (const [i, g] of engines.entries()) ctx.io.out(`${paint(ctx.io, 'dim', `engine  ${engineLine(g.env, ids[i])}`)}\n`);
}
