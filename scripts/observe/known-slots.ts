import { listNetworks, listVolumes } from '../adapters/docker.js';
import { listInstanceSlots } from '../adapters/fs.js';
import { observe, type EngineGroup, type SlotState } from './observe.js';
import type { Config } from '../config/types.js';
import { LABEL_PROJECT, LABEL_ROOT, slotOfProject } from '../names.js';

export interface AllSlots {
  /** The slots the action acts on, in order. */
  slots: number[];
  /** What Docker and PM2 show for this root (read only: nothing is started, not even a PM2 daemon). */
  states: Map<number, SlotState>;
  /** Slots that hold only a network or volume of this root. */
  leftovers: Set<number>;
}

/**
 * The slots `ACTION all` acts on; stop, clean, restart and their dry runs all ask here, so they
 * agree. stop/clean take every slot with files under .instances/, anything running, or a network
 * (clean: or a volume) left for this root; restart takes the running ones. Without an engine
 * (`engine` false) only PM2 and the files are seen.
 */
export async function allSlots(config: Config, engines: EngineGroup[], action: 'stop' | 'clean' | 'restart', engine: boolean): Promise<AllSlots> {
  const [states, leftovers] = await Promise.all([
    observe(config, engines, { docker: engine }),
    engine && action !== 'restart' ? Promise.all(engines.map((g) => leftoverSlots(config, g, action === 'clean'))).then((l) => l.flat()) : Promise.resolve([]),
  ]);
  const known = [...new Set([...states.keys(), ...listInstanceSlots(config.root), ...leftovers])].sort((a, b) => a - b);
  return { slots: action === 'restart' ? known.filter((s) => states.has(s)) : known, states, leftovers: new Set(leftovers) };
}

/**
 * Slots of this root whose networks (and, for clean, volumes) are still there: one engine call
 * each. A slot whose containers and files are gone would otherwise keep them until someone finds
 * them by hand.
 */
async function leftoverSlots(config: Config, engine: EngineGroup, volumes: boolean): Promise<number[]> {
  const { env } = engine;
  const label = [`${LABEL_ROOT}=${config.root}`];
  const [networks, vols] = await Promise.all([listNetworks(env, label), volumes ? listVolumes(env, label) : Promise.resolve([])]);
  // Only what this engine holds for its own slots (issue 19: each slot has one engine).
  return [...networks, ...vols].map((x) => slotOfProject(config.name, x.labels[LABEL_PROJECT] ?? '')).filter((s): s is number => s !== undefined && engine.owns(s));
}
