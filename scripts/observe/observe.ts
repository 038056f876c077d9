import { listContainers } from '../adapters/docker.js';
import { InterruptedError, RuntimeError } from '../errors.js';
import { interruptedNow } from '../adapters/interrupt.js';
import { listApps } from '../adapters/pm2.js';
import type { ContainerView, Pm2Proc, SlotState } from '../plan/observed.js';

export type { SlotState };
export { ownApps } from '../plan/ownership.js';
import { LABEL_ROOT, projectName, slotOfProject } from '../names.js';
import type { Config } from '../config/types.js';
import type { EngineGroup } from '../load/slot-engine.js';

export type { EngineGroup };
type ObservedConfig = Pick<Config, 'name' | 'root'>;



/** What one Docker list and one PM2 list returned; ls shares it between its views. */
export interface Listed {
  containers: ContainerView[];
  procs: Pm2Proc[];
}

/** Every devslot container (of any root, on each engine given) and every PM2 app: one call each. */
export async function listEverything(name: string, engines: EngineGroup[]): Promise<Listed> {
  const [containers, procs] = await Promise.all([listOnEngines(engines, name, [LABEL_ROOT]), listApps(engines[0]!.env)]);
  return { containers, procs };
}

/** listEverything without the engines that do not answer while another does (ls): those come back beside. */
export async function listReachable(name: string, engines: EngineGroup[]): Promise<Listed & { down: EngineDown[] }> {
  const [{ containers, down }, procs] = await Promise.all([listOnReachableEngines(engines, name, [LABEL_ROOT]), listApps(engines[0]!.env)]);
  return { containers, procs, down };
}

/**
 * One container list per engine the project's slots run on (issue 19), each container kept only
 * from its own slot's engine: a slot's project name on another engine is not that slot. Containers
 * that are no slot's (another project's) come from the default engine alone.
 */
export async function listOnEngines(groups: EngineGroup[], name: string, filters: string[]): Promise<ContainerView[]> {
  const lists = await Promise.all(groups.map((g, i) => listOn(g, i, name, filters)));
  return lists.flat();
}

async function listOn(g: EngineGroup, i: number, name: string, filters: string[]): Promise<ContainerView[]> {
  return (await listContainers(g.env, filters)).filter((c) => {
    const slot = slotOfProject(name, c.project);
    return slot === undefined ? i === 0 : g.owns(slot);
  });
}

/** An engine that did not answer its list: the slots it owns are known without their containers. */
export interface EngineDown {
  group: EngineGroup;
  error: RuntimeError;
}

/**
 * listOnEngines that goes on without an engine that cannot be reached while another answers (a
 * project whose slots run on several engines, one of them a remote box that is off): the engines
 * that failed come back beside the containers of the others. With one engine, when none answers,
 * or on anything but an engine failure (Ctrl-C), it throws as listOnEngines does.
 */
export async function listOnReachableEngines(groups: EngineGroup[], name: string, filters: string[]): Promise<{ containers: ContainerView[]; down: EngineDown[] }> {
  const settled = await Promise.allSettled(groups.map((g, i) => listOn(g, i, name, filters)));
  const failures = settled.flatMap((r, i) => (r.status === 'rejected' ? [{ group: groups[i]!, error: r.reason as unknown }] : []));
  const fatal = failures.find((f) => !(f.error instanceof RuntimeError));
  if (fatal) throw fatal.error;
  // Ctrl-C while an engine was asked (an ssh login cut short) is the interrupt, not an engine down.
  if (failures.length && interruptedNow()) throw new InterruptedError('interrupted');
  if (failures.length && failures.length === groups.length) throw failures[0]!.error;
  return { containers: settled.flatMap((r) => (r.status === 'fulfilled' ? r.value : [])), down: failures as EngineDown[] };
}

/**
 * Every slot of this project root that has anything running or stopped, from one Docker list
 * (filtered by the root label) and one PM2 list: never one CLI process per slot.
 */
export async function observe(config: ObservedConfig, engines: EngineGroup[], opts: { docker: boolean }): Promise<Map<number, SlotState>> {
  const { name, root } = config;
  const [containers, procs] = await Promise.all([opts.docker ? listOnEngines(engines, name, [`${LABEL_ROOT}=${root}`]) : Promise.resolve([]), listApps(engines[0]!.env)]);
  return bucketByRoot(name, [root], { containers, procs }).get(root)!;
}

/**
 * observe, and for the slots `idle` picks (nothing of this root there) the other checkouts (roots)
 * that have containers or apps of them: a copied folder's status says who runs its slot rather than
 * only `missing`. The usual case, every slot with something of its own, stays one container list
 * filtered by this root; only an idle slot costs a second list, of every root's.
 */
export async function observeWithHolders(config: ObservedConfig, engines: EngineGroup[], idle: (states: Map<number, SlotState>) => number[]): Promise<{ states: Map<number, SlotState>; holders: Map<number, string[]>; down: EngineDown[] }> {
  const { name, root } = config;
  const [{ containers, down }, procs] = await Promise.all([listOnReachableEngines(engines, name, [`${LABEL_ROOT}=${root}`]), listApps(engines[0]!.env)]);
  const states = bucketByRoot(name, [root], { containers, procs }).get(root)!;
  // A slot of an engine that did not answer is not idle, only unseen: no list can say who holds it.
  const wanted = new Set(idle(states).filter((slot) => !down.some((d) => d.group.owns(slot))));
  if (!wanted.size) return { states, holders: new Map(), down };
  // The engines that answered, in their order (the first keeps the containers of no slot).
  const every = await listOnEngines(engines.filter((g) => !down.some((d) => d.group === g)), name, [LABEL_ROOT]);
  const holders = otherHolders(name, root, { containers: every, procs });
  return { states, holders: new Map([...holders].filter(([slot]) => wanted.has(slot))), down };
}

/** Slot → the other roots with a container or app of that slot of this project. */
export function otherHolders(name: string, root: string, { containers, procs }: Listed): Map<number, string[]> {
  const out = new Map<number, Set<string>>();
  const add = (slot: number | undefined, other: string | undefined) => {
    if (slot === undefined || other === undefined || other === root) return;
    if (!out.has(slot)) out.set(slot, new Set());
    out.get(slot)!.add(other);
  };
  for (const c of containers) add(slotOfProject(name, c.project), c.root);
  for (const p of procs) add(slotOfProject(name, p.namespace), p.env.DEVSLOT_ROOT);
  return new Map([...out].map(([slot, roots]) => [slot, [...roots].sort()]));
}

/** Lists already made, sorted into each root's slots (containers and apps of other roots are left out). */
export function bucketByRoot(name: string, roots: string[], { containers, procs }: Listed): Map<string, Map<number, SlotState>> {
  const out = new Map<string, Map<number, SlotState>>(roots.map((r) => [r, new Map()]));
  const at = (root: string, slot: number) => {
    const slots = out.get(root)!;
    let s = slots.get(slot);
    if (!s) slots.set(slot, (s = { slot, project: projectName(name, slot), containers: [], apps: [] }));
    return s;
  };
  for (const c of containers) {
    const slot = slotOfProject(name, c.project);
    if (slot !== undefined && c.root !== undefined && out.has(c.root)) at(c.root, slot).containers.push(c);
  }
  for (const p of procs) {
    const slot = slotOfProject(name, p.namespace);
    const root = p.env.DEVSLOT_ROOT;
    if (slot !== undefined && root !== undefined && out.has(root)) at(root, slot).apps.push(p);
  }
  return out;
}

