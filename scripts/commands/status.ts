import { slotsOnDisk as listInstanceSlots } from '../observe/slot-folders.js';
import { bucketByRoot, listEverything, observe } from '../observe/observe.js';
import { readSavedSlot, type SavedSlot } from '../load/saved-slot.js';
import { probeOnce } from '../apply/readiness.js';
import { appBase, serviceRows, type ServiceRow } from '../render/services-view.js';
import type { Target } from '../context.js';
import { paint } from '../io.js';
import { engineLine, whichEngine } from '../observe/engine.js';

import { projectName } from '../names.js';
import { portUrls } from '../plan/urls.js';
import { printJson, warnOf, type CommandContext } from './context.js';

export interface SlotStatus {
  slot: number;
  project: string;
  services: ServiceRow[];
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
  const states = await observe(config.name, config.root, ctx.env, { docker: true });
  const slots = target.kind === 'slot' ? [target.slot] : [...new Set([...states.keys(), ...onDisk])].sort((a, b) => a - b);
  return Promise.all(slots.map(async (slot) => {
    const info = saved.get(slot) ?? (target.kind === 'slot' ? readSavedSlot(config.root, slot, warnOf(ctx)) : undefined);
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
  // The container list's answer already named the engine: no request of its own (DESIGN §15).
  const engine = await whichEngine(ctx.env);
  if (ctx.options.json) return printJson(ctx, { slots, engine: engine ? { ...engine, host: ctx.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock' } : null });
  if (!slots.length) {
    ctx.io.out('no slots: nothing of this project is running or initialized here; start one with `devslot N`\n');
    return;
  }
  const { printSummary } = await import('../render/summary.js');
  for (const s of slots) printSummary(ctx.io, s.slot, s.project, s.services);
  ctx.io.out(`${paint(ctx.io, 'dim', `engine  ${engineLine(ctx.env, engine)}`)}\n`);
}

/**
 * One line per slot of every live worktree of this repository (with its owner), plus orphans:
 * owner, state, services up, ports. The same one Docker call and one PM2 call as status, then the
 * orphan scan.
 */
export async function lsCommand(ctx: CommandContext): Promise<void> {
  const { config } = ctx;
  const { findOrphans } = await import('../leases/orphans.js');
  const listed = await listEverything(ctx.env);
  const { orphans, unproven, leases, live } = await findOrphans(config, listed, warnOf(ctx));
  const liveLeases = leases.filter((l) => live(l.worktree));
  const roots = [...new Set([config.root, ...liveLeases.map((l) => l.worktree)])];
  const observed = bucketByRoot(config.name, roots, listed);
  type Row = { slot: number; project: string; services: ServiceRow[]; state: string; up: number; owner: { worktree: string; branch: string | null; commit: string } | null };
  const rows: Row[] = [];
  const savedOf = new Map<Row, SavedSlot>(); // for the text view's ports, without reading slot.json again
  for (const root of roots) {
    const states = observed.get(root)!;
    const slots = new Set([...states.keys(), ...(root === config.root ? listInstanceSlots(root) : []), ...liveLeases.filter((l) => l.worktree === root).map((l) => l.slot)]);
    for (const slot of [...slots].sort((a, b) => a - b)) {
      const saved = readSavedSlot(root, slot, warnOf(ctx));
      const services = serviceRows(saved, states.get(slot), saved ? portUrls(saved) : {});
      const up = services.filter((r) => r.state === 'running' || r.state === 'online').length;
      const lease = liveLeases.find((l) => l.slot === slot && l.worktree === root);
      if (root !== config.root && !lease && !up) continue;
      const state = up === 0 ? 'stopped' : up === services.length ? 'running' : 'partial';
      const row: Row = { slot, project: projectName(config.name, slot), services, state, up, owner: lease ? { worktree: lease.worktree, branch: lease.branch, commit: lease.commit } : null };
      rows.push(row);
      if (saved) savedOf.set(row, saved);
    }
  }
  // Roots not visible from here and not provably gone (issue 11): shown, never called orphans.
  for (const u of unproven) rows.push({ slot: u.slot, project: u.project, services: [], state: 'unseen', up: u.containers.filter((c) => c.state === 'running').length + u.apps.filter((a) => a.status === 'online').length, owner: { worktree: u.root, branch: u.lease?.branch ?? null, commit: u.lease?.commit ?? '' } });
  for (const o of orphans) {
    rows.push({
      slot: o.slot,
      project: o.project,
      services: [],
      state: 'orphaned',
      up: o.containers.filter((c) => c.state === 'running').length + o.apps.filter((a) => a.status === 'online').length,
      owner: { worktree: o.root, branch: o.lease?.branch ?? null, commit: o.lease?.commit ?? '' },
    });
  }
  rows.sort((a, b) => a.slot - b.slot);
  if (ctx.options.json) return printJson(ctx, { slots: rows });
  if (!rows.length) {
    ctx.io.out('no slots: nothing of this project is running or initialized here; start one with `devslot N`\n');
    return;
  }
  for (const r of rows) {
    const saved = savedOf.get(r);
    const ports = saved ? Object.entries(saved.ports).filter(([n]) => !n.includes('_')).map(([n, p]) => `${n}=${p}`).join(' ') : '';
    const color = r.state === 'running' ? 'green' : r.state === 'stopped' ? 'dim' : r.state === 'orphaned' ? 'red' : 'yellow';
    const owner = r.owner ? `  ${r.owner.worktree}${r.owner.branch ? ` [${r.owner.branch}]` : r.owner.commit ? ` [detached ${r.owner.commit.slice(0, 12)}]` : ''}` : '';
    const count = r.state === 'orphaned' || r.state === 'unseen' ? `${r.up} up` : `${r.up}/${r.services.length} up`;
    ctx.io.out(`${String(r.slot).padStart(3)}  ${r.project.padEnd(24)}  ${paint(ctx.io, color, r.state.padEnd(8))}  ${count.padEnd(8)}  ${ports}${owner}\n`);
  }
}
