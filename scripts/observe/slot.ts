import path from 'node:path';
import { listContainers, listNetworks, listVolumes } from '../adapters/docker.js';
import { readText } from '../adapters/fs.js';
import { listApps } from '../adapters/pm2.js';
import { LABEL_CLAIM, LABEL_INFRA, projectFilter } from '../names.js';
import { claimFrom } from '../plan/claim.js';
import { ownApps } from '../plan/ownership.js';
import type { SlotObjects } from '../plan/teardown-ops.js';
import { CREATED } from '../plan/hook-ops.js';
import { APPLIED, type StartObserved } from '../plan/start-ops.js';
import type { SlotPlan } from '../plan/slot-plan.js';
import { probeOnce } from '../adapters/probe.js';

/**
 * What start needs to decide, read once: the project's containers and volumes (one call each),
 * every PM2 app (one RPC call), the applied mark, and one probe per app with a health entry.
 */
export async function observeStart(env: NodeJS.ProcessEnv, plan: SlotPlan): Promise<StartObserved> {
  const compose = plan.compose.files.length > 0;
  const probes: Record<string, boolean> = {};
  const [containers, volumes, procs, claims] = await Promise.all([
    compose ? listContainers(env, [projectFilter(plan.project)]) : Promise.resolve([]),
    compose ? listVolumes(env, [projectFilter(plan.project)]) : Promise.resolve([]),
    plan.apps.length ? listApps(env) : Promise.resolve([]),
    compose ? listVolumes(env, [`${LABEL_CLAIM}=${plan.project}`]) : Promise.resolve([]),
    ...plan.apps.map(async (a) => {
      const probe = plan.health[a.base];
      if (probe) probes[a.base] = await probeOnce(probe, 500);
    }),
  ]);
  const created = readCreated(path.join(plan.root, plan.dir, CREATED));
  // Shared services (DESIGN §9): the infra's containers, and the networks the slot has (they must be on them).
  const infra = plan.infra && compose
    ? await Promise.all([listContainers(env, [projectFilter(plan.infra.project)]), containers.length ? listNetworks(env, [projectFilter(plan.project)]) : Promise.resolve([])]).then(([c, n]) => ({ containers: c, slotNetworks: n.map((x) => x.name) }))
    : undefined;
  return { containers, volumes, procs, applied: readText(path.join(plan.root, plan.dir, APPLIED))?.trim(), probes, claim: claimFrom(plan.project, claims), ...(created ? { created } : {}), ...(infra ? { infra } : {}) };
}

/** The created hook's record; a damaged one counts as not run (the hook runs again), and says so. */
export function readCreated(file: string): { volumes: string[]; unreadable?: boolean } | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    const v = (JSON.parse(text) as { volumes?: unknown } | null)?.volumes;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return { volumes: v };
  } catch {
    // not JSON: damaged, as below
  }
  return { volumes: [], unreadable: true };
}

/**
 * One slot's compose project objects (any root: the ownership rule decides), with the anonymous
 * volumes its containers mount (a teardown removes them after compose down), and this root's apps
 * of it. Without an engine only the apps are seen.
 */
export async function observeSlotObjects(env: NodeJS.ProcessEnv, s: { name: string; root: string; slot: number; project: string }, engine: boolean): Promise<SlotObjects> {
  const label = [projectFilter(s.project)];
  const [procs, containers, networks, volumes, claims] = await Promise.all([
    listApps(env),
    engine ? listContainers(env, label, { anonymousVolumes: true }) : Promise.resolve([]),
    engine ? listNetworks(env, label) : Promise.resolve([]),
    engine ? listVolumes(env, label) : Promise.resolve([]),
    engine ? listVolumes(env, [`${LABEL_CLAIM}=${s.project}`]) : Promise.resolve([]),
  ]);
  const claim = claimFrom(s.project, claims);
  // Shared-service containers on this slot's networks: they leave before compose down removes them.
  const names = new Set(networks.map((n) => n.name));
  const infraAttached = names.size
    ? (await listContainers(env, [LABEL_INFRA])).flatMap((c) => (c.networks ?? []).filter((n) => names.has(n)).map((network) => ({ container: c.id, name: c.name, network })))
    : [];
  return { slot: s.slot, project: s.project, root: s.root, containers, networks, volumes, apps: ownApps(procs, s.name, s.root, s.project), ...(claim ? { claim } : {}), ...(infraAttached.length ? { infraAttached } : {}) };
}
