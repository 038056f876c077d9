import fs from 'node:fs';
import path from 'node:path';
import { composeDropsVar } from '../adapters/compose.js';
import { instancesPathProblem, readText } from '../adapters/fs.js';
import { sha256, sha256OrNull } from '../hash.js';
import type { Config } from '../config/types.js';
import { ConfigError, StateError } from '../errors.js';
import { INSTANCES_DIR, instanceDirName, projectName } from '../names.js';
import { planSlot, type PlanInput, type SlotPlan } from '../plan/slot-plan.js';
import { loadResourcePasswords } from './resource-secrets.js';
import { devslotVersion } from '../version.js';
import { loadEcosystemCached, type LoadedEcosystem } from './ecosystem-cache.js';
import { resolveComposeCached, type ResolvedCompose } from './model-cache.js';
import { PLAN_CACHE, type PlanCache, type PlanKey } from './plan-cache.js';

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
  const composeEnvFiles = config.compose.envFiles.length ? config.compose.envFiles : defaultEnvFile ? [defaultEnvFile] : [];
  const compose: ResolvedCompose = config.compose.files.length
    ? await resolveComposeCached(config, slot, composeEnvFiles, opts.env)
    : { model: { services: {} }, hostAware: new Set(), inputs: { files: [], vars: [], volatile: false } };
  const { model, hostAware } = compose;

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
  const composeInputs = compose.inputs;
  // The saved export and model go with the slot's files (written by write-files, never by planning).
  if (ecosystem?.save) plan.files.push(ecosystem.save);
  if (compose.save) plan.files.push(compose.save);
  const deps = ecosystem?.deps ?? { files: [], vars: [], volatile: false };
  // Volatile compose inputs: an env_file path built from a variable set only in an env file.
  const volatile = deps.volatile || composeInputs.volatile;
  const key: PlanKey = { version: devslotVersion(), isRoot: opts.isRoot, config: config.path, files: {}, vars: {}, ...(volatile ? { volatile: true } : {}) };
  // A source keeps the hash of the text planning read: one edited meanwhile then fails the key
  // (planned again next time) rather than matching a plan made from its old text.
  // Compose's inputs keep the hashes the model was keyed with (or found under), not a second read.
  const inputHash = (abs: string) => (composeInputs.hashes && Object.hasOwn(composeInputs.hashes, abs) ? composeInputs.hashes[abs]! : sha256OrNull(abs));
  const mark = (abs: string) => {
    const rel_ = r(abs);
    key.files[rel_] = Object.hasOwn(hashes, rel_) ? hashes[rel_]! : inputHash(abs);
  };
  for (const f of [...Object.keys(hashes).map((h) => path.join(config.root, h)), ...composeInputs.files, ...deps.files]) mark(f);
  mark(path.join(path.dirname(config.compose.files[0] ?? config.path), '.env'));
  mark(config.pm2.config);
  for (const key_ of Object.keys(config.env)) mark(path.join(dir, `${key_}.local.env`));
  // Earlier `from` candidates must stay absent: creating `.env` beside the `.env.example` in use
  // changes the template.
  for (const e of Object.values(plan.env)) for (const skipped of e.template?.skipped ?? []) mark(path.join(config.root, skipped));
  // The saved PM2 export and model have their own keys, whose inputs this key holds too: not hashed twice.
  for (const f of plan.files) if (f !== ecosystem?.save && f !== compose.save) key.files[f.path] = sha256(f.content);
  for (const name of composeInputs.vars) if (!composeDropsVar(name)) key.vars[name] = opts.env[name] ?? null;
  for (const name of deps.vars) key.vars[name] = opts.env[name] ?? null;
  plan.compose.inputs = { files: {}, vars: {} };
  for (const f of composeInputs.files) plan.compose.inputs.files[r(f)] = inputHash(f);
  for (const name of composeInputs.vars) if (!composeDropsVar(name)) plan.compose.inputs.vars[name] = opts.env[name] ?? null;
  const { files: _files, ...rest } = plan;
  const cache: PlanCache = { key, plan: { ...rest, files: plan.files.map((f) => ({ ...f, content: '' })) } };
  plan.files.push({ path: path.join(INSTANCES_DIR, instanceDirName(slot), PLAN_CACHE), content: `${JSON.stringify(cache)}\n`, mode: 0o600 });
  return { plan, input };
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
