import fs from 'node:fs';
import path from 'node:path';
import { composeChildEnv, composeDropsVar, detectAndResolve, resolveModel, type ComposeCli } from '../adapters/compose.js';
import { listInstanceSlots, readInstancesFile } from '../adapters/fs.js';
import type { Config } from '../config/types.js';
import { sha256 } from '../hash.js';
import { INSTANCES_DIR, instanceDirName, portEnvName, projectName } from '../names.js';
import type { ComposeModel } from '../plan/compose-model.js';
import { buildPortTable, portsForSlot } from '../plan/ports.js';
import { parseJson } from '../plan/shape.js';
import type { PlannedFile } from '../plan/slot-plan.js';
import { devslotVersion } from '../version.js';
import { composeInputFiles, type ComposeInputs } from './compose-inputs.js';

/**
 * The resolved compose model, saved for the next fresh plan (`.instances/instance-N/.compose-model.json`,
 * 0600: compose inlines env_file values and interpolated secrets). `docker compose config` costs
 * 0.3–0.45 s of every fresh plan (a new slot, a start after `clean`). The model depends on the slot
 * only through compose's project name (`name`, `<project>_default`, `${COMPOSE_PROJECT_NAME}`), so
 * it is resolved under a SENTINEL project name and the sentinel is replaced by the slot's project
 * in every string: any slot's saved model serves every slot while its key holds. Each slot keeps
 * its own copy in its own folder (like the PM2 export, ecosystem-cache.ts): `clean` takes it with
 * the slot and no slot writes another's.
 *
 * The key: the devslot version, the config, the compose arguments (files, env files, profiles),
 * what the host-network probe depends on, the sha256 of every file compose reads (compose-inputs.ts),
 * and the value of every variable that can reach the model, plus the COMPOSE_* variables compose
 * sees. Not in it: the compose CLI's own version, which only spawning `docker compose version` would
 * tell — that spawn is half of what this cache saves. A Compose upgrade that resolves the same
 * files differently is not seen until an input changes (or `.compose-model.json` is deleted).
 */
export const MODEL_CACHE = '.compose-model.json';
/** A valid compose project name no project plausibly holds; any source that contains it is resolved under the real name. */
export const SENTINEL = 'devslotmodelq7x3k9';
const relIn = (slot: number) => path.join(INSTANCES_DIR, instanceDirName(slot), MODEL_CACHE);

export interface ModelKey {
  version: string;
  config: string;
  root: string;
  args: { files: readonly string[]; envFiles: readonly string[]; profiles: readonly string[] };
  /** What the host-network probe's ports come from (besides the model). */
  probe: { slots: number; stride: number; ports: Record<string, number>; shared: readonly string[] };
  /** sha256 by absolute path; null = must still be absent. */
  files: Record<string, string | null>;
  /** Values of the variables that reach the model; null = unset. */
  vars: Record<string, string | null>;
  /** The COMPOSE_* variables composeChildEnv passes on (their names and values, whichever are set). */
  compose: Record<string, string>;
}

type ModelBase = { project: string; files: readonly string[]; envFiles: readonly string[]; profiles: readonly string[]; cwd: string };

export interface ResolvedCompose {
  model: ComposeModel;
  /** Host-network services whose settings follow the slot's port variables. */
  hostAware: Set<string>;
  /** What compose read (the plan's key and compose.inputs take them). */
  /** `hashes`: each input file's sha256 as this plan read it, where known (null: absent). */
  inputs: { files: string[]; vars: string[]; volatile: boolean; hashes?: Record<string, string | null> };
  /** The saved model to write with the slot's files, when it can be saved. */
  save?: PlannedFile;
}

/** The slot's resolved model: a saved one whose key holds (no compose spawned), else compose's. */
export async function resolveComposeCached(config: Config, slot: number, envFiles: string[], env: NodeJS.ProcessEnv): Promise<ResolvedCompose> {
  const project = projectName(config.name, slot);
  const saved = findSavedModel(config, slot, envFiles, env);
  if (saved) return saved;
  const now = await currentModelKey(config, envFiles, env);
  if (!now.key) return { ...(await resolve(config, project, envFiles, env)), inputs: now.inputs };
  const r = await resolve(config, SENTINEL, envFiles, env, project);
  return {
    model: modelFor(r.model, project),
    hostAware: r.hostAware,
    inputs: { ...now.inputs, hashes: now.key.files },
    save: { path: relIn(slot), content: modelCacheText(now.key, r.model, r.hostAware), mode: 0o600 },
  };
}

/** What `.compose-model.json` holds: the key and the model under the sentinel name. */
export const modelCacheText = (key: ModelKey, model: unknown, hostAware: Iterable<string>) => `${JSON.stringify({ key, model, hostAware: [...hostAware].sort() })}\n`;

function keyHead(config: Config, envFiles: readonly string[]) {
  return {
    version: devslotVersion(),
    config: config.path,
    root: config.root,
    args: { files: config.compose.files, envFiles, profiles: config.compose.profiles },
    probe: { slots: config.slots, stride: config.stride, ports: config.ports, shared: config.shared.services },
  };
}

/**
 * The key of the model compose would resolve now, or none when no model may be saved: an input
 * compose reads cannot be named (volatile), or the sentinel occurs in a source, a path or the
 * environment (substituting it would then also rename what the user wrote).
 */
export async function currentModelKey(config: Config, envFiles: readonly string[], env: NodeJS.ProcessEnv): Promise<{ key?: ModelKey; inputs: ComposeInputs }> {
  const inputs = await composeInputFiles(config.compose.files, envFiles, env);
  if (inputs.volatile) return { inputs };
  // Hashed before compose reads them: a file edited meanwhile then differs from the key and is
  // resolved again next time (hashes taken after would pair the new text with the old model).
  const read = inputTexts(inputs.files, inputs.read);
  const key: ModelKey = { ...keyHead(config, envFiles), files: read.hashes, vars: {}, compose: composeVars(env) };
  for (const v of inputs.vars) if (!composeDropsVar(v)) key.vars[v] = env[v] ?? null;
  if (read.sentinel || JSON.stringify(key).includes(SENTINEL) || Object.values(composeChildEnv(env)).some((v) => v?.includes(SENTINEL))) return { inputs };
  return { key, inputs };
}

/** A saved model whose key holds now (this slot's own first, then any other slot's), for `slot`; else undefined. */
export function findSavedModel(config: Config, slot: number, envFiles: readonly string[], env: NodeJS.ProcessEnv): ResolvedCompose | undefined {
  const head = keyHead(config, envFiles);
  for (const s of [slot, ...listInstanceSlots(config.root).filter((x) => x !== slot)]) {
    const saved = savedModel(config.root, relIn(s), head, env);
    if (!saved) continue;
    return {
      model: modelFor(saved.model, projectName(config.name, slot)),
      hostAware: new Set(saved.hostAware),
      // The saved key's hashes: each was just found equal to the file's.
      inputs: { files: Object.keys(saved.key.files), vars: Object.keys(saved.key.vars), volatile: false, hashes: saved.key.files },
      // Listed with the slot's files either way (the same content when nothing changed): info and
      // --dry-run name the same files whether or not this plan found it saved.
      save: { path: relIn(slot), content: saved.text, mode: 0o600 },
    };
  }
  return undefined;
}

/**
 * compose config under `as`, and the host-network services that follow the port variables. A
 * failure names `project` (the real one) wherever compose's words named `as`.
 */
async function resolve(config: Config, as: string, envFiles: string[], env: NodeJS.ProcessEnv, project = as): Promise<{ model: ComposeModel; hostAware: Set<string> }> {
  const base: ModelBase = { project: as, files: config.compose.files, envFiles, profiles: config.compose.profiles, cwd: config.root };
  try {
    const resolved = await detectAndResolve(env, { ...base, env: composeChildEnv(env) });
    return { model: resolved.model, hostAware: await hostAwareServices(config, resolved.cli, base, resolved.model, env) };
  } catch (e) {
    if (as !== project && e instanceof Error) e.message = e.message.split(as).join(project);
    throw e;
  }
}

/**
 * A host-network service is acceptable only when its settings follow the slot's *port*
 * variables: resolve again with the last slot's DEVSLOT_PORT_* (only those: a service that
 * merely mentions DEVSLOT_SLOT still binds the same ports) and see which services changed.
 */
async function hostAwareServices(config: Config, cli: ComposeCli, base: ModelBase, model: ComposeModel, env: NodeJS.ProcessEnv): Promise<Set<string>> {
  const hostAware = new Set<string>();
  const hostServices = Object.entries(model.services).filter(([, s]) => s.network_mode === 'host').map(([n]) => n);
  if (!hostServices.length || config.slots <= 1) return hostAware;
  const ports = portsForSlot(buildPortTable(config.ports, model, new Set(config.shared.services)), config.slots - 1, config.stride);
  const vars: Record<string, string> = {};
  for (const [n, p] of Object.entries(ports)) vars[`DEVSLOT_PORT_${portEnvName(n)}`] = String(p);
  const shifted = await resolveModel(cli, { ...base, env: composeChildEnv(env, vars) });
  for (const s of hostServices) if (JSON.stringify(shifted.services[s]) !== JSON.stringify(model.services[s])) hostAware.add(s);
  return hostAware;
}

/**
 * The model with the slot's project name in place of the sentinel, in compose's own order: map keys
 * sorted (substituteProject) and each service's `extra_hosts`, which compose prints sorted.
 */
export function modelFor(model: unknown, project: string): ComposeModel {
  const out = substituteProject(model, SENTINEL, project) as ComposeModel;
  for (const svc of Object.values(out.services ?? {}) as { extra_hosts?: unknown }[]) {
    if (Array.isArray(svc?.extra_hosts) && svc.extra_hosts.every((h) => typeof h === 'string')) (svc.extra_hosts as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return out;
}

/** Every string in `v` (values and object keys, at any depth) with `from` replaced by `to`. */
export function substituteProject(v: unknown, from: string, to: string): unknown {
  if (typeof v === 'string') return v.split(from).join(to);
  if (Array.isArray(v)) return v.map((x) => substituteProject(x, from, to));
  if (!v || typeof v !== 'object') return v;
  let renamed = false;
  const entries = Object.entries(v).map(([k, x]): [string, unknown] => {
    const nk = k.split(from).join(to);
    renamed ||= nk !== k;
    return [nk, substituteProject(x, from, to)];
  });
  // Compose prints a map's keys sorted (Go's encoding/json): a renamed key takes its place in that order.
  if (renamed) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

/** The COMPOSE_* variables compose is given (composeChildEnv drops the ones devslot sets itself). */
function composeVars(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(env).sort()) if (k.startsWith('COMPOSE_') && !composeDropsVar(k) && env[k] !== undefined) out[k] = env[k]!;
  return out;
}

/**
 * Each file's hash, from the bytes composeInputFiles found its includes in (`known`): a file edited
 * between that read and another would be keyed with text whose includes were never looked at.
 */
function inputTexts(files: readonly string[], known?: ReadonlyMap<string, Buffer | undefined>): { hashes: Record<string, string | null>; sentinel: boolean } {
  const hashes: Record<string, string | null> = {};
  let sentinel = false;
  for (const f of files) {
    const buf = known ? known.get(f) : readOrUndefined(f);
    hashes[f] = buf ? sha256(buf) : null;
    sentinel ||= buf?.includes(SENTINEL) ?? false;
  }
  return { hashes, sentinel };
}

function readOrUndefined(f: string): Buffer | undefined {
  try {
    return fs.readFileSync(f);
  } catch {
    return undefined;
  }
}

/**
 * The saved model when its key holds now; anything unreadable, of another shape or another key
 * is ignored (planned afresh). The files and variables to check are the saved key's own: they were
 * found in those very files, so while every one hashes the same, the list is the same too.
 */
function savedModel(root: string, rel: string, head: ReturnType<typeof keyHead>, env: NodeJS.ProcessEnv): { key: ModelKey; model: unknown; hostAware: string[]; text: string } | undefined {
  const read = readInstancesFile(root, rel);
  if (read.problem || read.text === undefined) return undefined;
  const json = parseJson(read.text);
  if (!json.ok || !json.value || typeof json.value !== 'object') return undefined;
  const { key, model, hostAware } = json.value as { key?: ModelKey; model?: { services?: unknown }; hostAware?: unknown };
  if (!key || typeof key !== 'object' || !model || typeof model !== 'object' || !model.services || typeof model.services !== 'object') return undefined;
  if (!Array.isArray(hostAware) || !hostAware.every((h) => typeof h === 'string')) return undefined;
  if (!isRecord(key.files) || !isRecord(key.vars) || !isRecord(key.compose)) return undefined;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same({ version: key.version, config: key.config, root: key.root, args: key.args, probe: key.probe }, head)) return undefined;
  if (!same(key.compose, composeVars(env))) return undefined;
  for (const [name, value] of Object.entries(key.vars)) if ((env[name] ?? null) !== value) return undefined;
  const now = inputTexts(Object.keys(key.files));
  if (now.sentinel || !same(now.hashes, key.files)) return undefined;
  return { key, model, hostAware, text: read.text };
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
