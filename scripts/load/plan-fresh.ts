import fs from 'node:fs';
import path from 'node:path';
import { composeChildEnv, composeDropsVar, detectAndResolve, resolveModel } from '../adapters/compose.js';
import { instancesPathProblem, readText } from '../adapters/fs.js';
import { sha256, sha256OrNull } from '../hash.js';
import type { Config } from '../config/types.js';
import { ConfigError, StateError } from '../errors.js';
import type { ComposeModel } from '../plan/compose-model.js';
import { INSTANCES_DIR, instanceDirName, portEnvName, projectName } from '../names.js';
import { buildPortTable, portsForSlot } from '../plan/ports.js';
import { planSlot, type PlanInput, type SlotPlan } from '../plan/slot-plan.js';
import { loadResourcePasswords } from './resource-secrets.js';
import { devslotVersion } from '../version.js';
import { composeDocMentioning } from './compose-yaml.js';
import { loadEcosystemCached, type LoadedEcosystem } from './ecosystem-cache.js';
import { interpolatedNames, PLAN_CACHE, type PlanCache, type PlanKey } from './plan-cache.js';

import type { PrepareOptions } from './prepare.js';

/** Plan a slot from its sources: resolve compose, read templates, load the PM2 config, save the key. */
export async function planFresh(config: Config, slot: number, opts: PrepareOptions): Promise<SlotPlan> {
  return (await planFreshParts(config, slot, opts)).plan;
}

/** The plan and the inputs it was made from (`check` reads the resolved model and plans other slots from them). */
export async function planFreshParts(config: Config, slot: number, opts: PrepareOptions): Promise<{ plan: SlotPlan; input: PlanInput }> {
  const r = (abs: string) => rel(config, abs);
  for (const f of config.compose.files) mustExist(config, f, 'compose.files');
  for (const f of config.compose.envFiles) mustExist(config, f, 'compose.envFiles');
  for (const [key, entry] of Object.entries(config.env)) for (const f of entry.from ?? []) notAFolder(config, f, `env.${key}.from`);
  notAFolder(config, config.pm2.config, 'pm2.config');

  const defaultEnvFile = composeDefaultEnvFile(config);
  const files = new Map<string, string>();
  const hashes: Record<string, string> = {};
  const addSource = (abs: string) => {
    const text = readText(abs);
    if (text === undefined) return undefined;
    files.set(abs, text);
    hashes[r(abs)] = sha256(text);
    return text;
  };
  addSource(config.path);
  for (const f of [...config.compose.files, ...config.compose.envFiles]) addSource(f);
  if (defaultEnvFile) addSource(defaultEnvFile);
  const dir = path.join(config.root, INSTANCES_DIR, instanceDirName(slot));
  for (const [key, entry] of Object.entries(config.env)) {
    // The first template that exists; the planner picks the same one from `files`.
    for (const f of entry.from ?? []) if (addSource(f) !== undefined) break;
    // The user's overrides live in the slot folder: never read through a link out of `.instances/`.
    const localRel = path.join(INSTANCES_DIR, instanceDirName(slot), `${key}.local.env`);
    const problem = instancesPathProblem(config.root, localRel, 'file');
    if (problem) throw new StateError(problem);
    addSource(path.join(config.root, localRel));
  }

  const project = projectName(config.name, slot);
  let model: ComposeModel = { services: {} };
  const hostAware = new Set<string>();
  if (config.compose.files.length) {
    const base = {
      project,
      files: config.compose.files,
      envFiles: config.compose.envFiles.length ? config.compose.envFiles : defaultEnvFile ? [defaultEnvFile] : [],
      profiles: config.compose.profiles,
      cwd: config.root,
    };
    const resolved = await detectAndResolve(opts.env, { ...base, env: composeChildEnv(opts.env) });
    const cli = resolved.cli;
    model = resolved.model;
    const hostServices = Object.entries(model.services).filter(([, s]) => s.network_mode === 'host').map(([n]) => n);
    if (hostServices.length && config.slots > 1) {
      // A host-network service is acceptable only when its settings follow the slot's *port*
      // variables: resolve again with the last slot's DEVSLOT_PORT_* (only those: a service that
      // merely mentions DEVSLOT_SLOT still binds the same ports) and see which services changed.
      const probe = config.slots - 1;
      const ports = portsForSlot(buildPortTable(config.ports, model, new Set(config.shared.services)), probe, config.stride);
      const vars: Record<string, string> = {};
      for (const [n, p] of Object.entries(ports)) vars[`DEVSLOT_PORT_${portEnvName(n)}`] = String(p);
      const shifted = await resolveModel(cli, { ...base, env: composeChildEnv(opts.env, vars) });
      for (const s of hostServices) {
        if (JSON.stringify(shifted.services[s]) !== JSON.stringify(model.services[s])) hostAware.add(s);
      }
    }
  }

  let ecosystem: LoadedEcosystem | undefined;
  if (fs.existsSync(config.pm2.config)) {
    addSource(config.pm2.config);
    ecosystem = await loadEcosystemCached(config.root, slot, config.pm2.config, r(config.pm2.config), opts.env);
  } else if (config.pm2.explicit) {
    throw new ConfigError(`${r(config.path)}: pm2.config: ${r(config.pm2.config)} does not exist; create it or remove the key`);
  }

  const input: PlanInput = {
    config,
    slot,
    model,
    resolvedProject: project,
    hostNetworkSlotAware: hostAware,
    files,
    sourceHashes: hashes,
    defaultEnvFile,
    pm2Export: ecosystem?.value,
    privilegedOk: opts.isRoot,
    version: devslotVersion(),
    resourcePasswords: loadResourcePasswords(config, slot),
  };
  const plan = planSlot(input);
  const composeInputs = config.compose.files.length ? await composeInputFiles(config.compose.files) : { files: [], vars: [] };
  // The saved export goes with the slot's files (written by write-files, never by planning).
  if (ecosystem?.save) plan.files.push(ecosystem.save);
  const deps = ecosystem?.deps ?? { files: [], vars: [], volatile: false };
  const key: PlanKey = { version: devslotVersion(), isRoot: opts.isRoot, config: config.path, files: {}, vars: {}, ...(deps.volatile ? { volatile: true } : {}) };
  // A source keeps the hash of the text planning read: one edited meanwhile then fails the key
  // (planned again next time) rather than matching a plan made from its old text.
  const mark = (abs: string) => {
    const rel_ = r(abs);
    key.files[rel_] = Object.hasOwn(hashes, rel_) ? hashes[rel_]! : sha256OrNull(abs);
  };
  for (const f of [...Object.keys(hashes).map((h) => path.join(config.root, h)), ...composeInputs.files, ...deps.files]) mark(f);
  mark(path.join(path.dirname(config.compose.files[0] ?? config.path), '.env'));
  mark(config.pm2.config);
  for (const key_ of Object.keys(config.env)) mark(path.join(dir, `${key_}.local.env`));
  // Earlier `from` candidates must stay absent: creating `.env` beside the `.env.example` in use
  // changes the template.
  for (const e of Object.values(plan.env)) for (const skipped of e.template?.skipped ?? []) mark(path.join(config.root, skipped));
  // The saved PM2 export has its own key, whose inputs (deps) this key holds too: not hashed twice.
  for (const f of plan.files) if (f !== ecosystem?.save) key.files[f.path] = sha256(f.content);
  for (const name of composeInputs.vars) if (!composeDropsVar(name)) key.vars[name] = opts.env[name] ?? null;
  for (const name of deps.vars) key.vars[name] = opts.env[name] ?? null;
  plan.compose.inputs = { files: {}, vars: {} };
  for (const f of composeInputs.files) plan.compose.inputs.files[r(f)] = sha256OrNull(f);
  for (const name of composeInputs.vars) if (!composeDropsVar(name)) plan.compose.inputs.vars[name] = opts.env[name] ?? null;
  const { files: _files, ...rest } = plan;
  const cache: PlanCache = { key, plan: { ...rest, files: plan.files.map((f) => ({ ...f, content: '' })) } };
  plan.files.push({ path: path.join(INSTANCES_DIR, instanceDirName(slot), PLAN_CACHE), content: `${JSON.stringify(cache)}\n`, mode: 0o600 });
  return { plan, input };
}

/**
 * Every file the compose files pull in (`include`, `extends.file`, recursively) and every variable
 * they interpolate: the saved plan must be dropped when any of them changes.
 */
async function composeInputFiles(files: string[]): Promise<{ files: string[]; vars: string[] }> {
  const seen = new Set<string>();
  const vars = new Set<string>();
  const visit = async (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const text = readText(abs);
    if (text === undefined) return;
    for (const v of interpolatedNames(text)) vars.add(v);
    const doc = await composeDocMentioning(text, ['include', 'extends']);
    if (doc === undefined) return;
    const base = path.dirname(abs);
    const d = (doc ?? {}) as { include?: unknown; services?: Record<string, { extends?: { file?: unknown } }> };
    const includes = Array.isArray(d.include) ? d.include : d.include ? [d.include] : [];
    for (const inc of includes) {
      const paths = typeof inc === 'string' ? [inc] : inc && typeof inc === 'object' ? ([] as unknown[]).concat((inc as { path?: unknown }).path ?? []) : [];
      for (const p of paths) if (typeof p === 'string' && !p.includes('$')) await visit(path.resolve(base, p));
    }
    for (const svc of Object.values(d.services ?? {})) {
      const file = svc?.extends?.file;
      if (typeof file === 'string' && !file.includes('$')) await visit(path.resolve(base, file));
    }
  };
  for (const f of files) await visit(f);
  return { files: [...seen], vars: [...vars] };
}

/**
 * Compose reads `<project dir>/.env` only when no --env-file is given. devslot always passes its
 * compose.env, so it passes that `.env` explicitly first, keeping the project's interpolation.
 */
export function composeDefaultEnvFile(config: Config): string | undefined {
  if (config.compose.envFiles.length || !config.compose.files.length) return undefined;
  const candidate = path.join(path.dirname(config.compose.files[0]!), '.env');
  return fs.existsSync(candidate) ? candidate : undefined;
}

function mustExist(config: Config, abs: string, key: string): void {
  if (!fs.existsSync(abs)) {
    throw new ConfigError(`${rel(config, config.path)}: ${key}: ${rel(config, abs)} does not exist; fix the path or create the file`);
  }
  notAFolder(config, abs, key);
}

/** A path the config names as a file must not be a folder (reading it would fail with EISDIR). */
function notAFolder(config: Config, abs: string, key: string): void {
  let dir = false;
  try {
    dir = fs.statSync(abs).isDirectory();
  } catch {
    return; // absent: the caller says so where it matters
  }
  if (dir) throw new ConfigError(`${rel(config, config.path)}: ${key}: ${rel(config, abs)} is a folder; name a file there`);
}

function rel(config: Config, abs: string): string {
  return path.relative(config.root, abs) || abs;
}
