import path from 'node:path';
import dotenv from 'dotenv';
import { CONFIG_SHAPE, type Config, type HealthProbe, type HookName } from '../config/types.js';
import { planHooks, type PlannedStep } from './hooks.js';
import { planInfra, type InfraPlan } from './infra.js';
import { ConfigError } from '../errors.js';
import type { ComposeModel } from './compose-model.js';
import { buildEnvFile, type EnvExplain } from './env-file.js';
import { GENERATED_MARK, headerFor } from './headers.js';
import { CONFIG_CACHE, INSTANCES_DIR, instanceDirName, pm2Namespace, portEnvName, projectName } from '../names.js';
import { buildOverride } from './override.js';
import type { ServiceRewrite } from './service-rewrite.js';
import type { SlotMount } from './slot-mounts.js';
import { ecosystemApps, slotApps, type SlotApp } from './pm2-apps.js';
import { buildPortTable, checkPortTable, envPortNames, portsForSlot, shiftMap, type NamedPort } from './ports.js';
import { planResources, type PlannedResource } from './resources.js';
import { renderTemplate, type TemplateVars } from './template.js';
import { slotJson } from './slot-json.js';
import { tcpTarget } from './urls.js';

import { PLAN_VERSION } from './plan-version.js';

export { PLAN_VERSION };
/** Per-slot resource passwords, under `.instances/instance-N/` (read back by load/resource-secrets.ts). */
export const RESOURCE_SECRETS_FILE = 'resources.json';

/** Everything the pure planner needs; the caller reads files and runs compose to fill it. */
export interface PlanInput {
  config: Config;
  slot: number;
  model: ComposeModel;
  /** The -p the model was resolved with. */
  resolvedProject: string;
  hostNetworkSlotAware: ReadonlySet<string>;
  /** Text of files the plan reads, by absolute path: env templates and `.local.env` files. */
  files: ReadonlyMap<string, string>;
  /** sha256 of every source file, by path relative to the root. */
  sourceHashes: Record<string, string>;
  /** The project's `.env` when compose would read it by default (we must pass it explicitly). */
  defaultEnvFile?: string;
  /** The PM2 ecosystem export, if the project has one. */
  pm2Export?: unknown;
  privilegedOk: boolean;
  version: string;
  /** Each postgres resource's password for this slot, by resource name (load/resource-secrets.ts). */
  resourcePasswords?: Readonly<Record<string, string>>;
}

export interface PlannedFile {
  /** Relative to the project root. */
  path: string;
  content: string;
  mode: number;
  /**
   * Set for a JSON state file only it knows the content of (resources.json: the passwords): when
   * what is there is not JSON, it is set aside (`.bad-<UTC time>`) before it is replaced.
   */
  keepUnreadable?: boolean;
}

export interface SlotPlan {
  version: number;
  devslot: string;
  slot: number;
  name: string;
  project: string;
  namespace: string;
  root: string;
  /** Relative to the root. */
  dir: string;
  ports: Record<string, number>;
  basePorts: Record<string, number>;
  portSources: Record<string, string>;
  /** Container port behind each compose-published name. */
  portTargets: Record<string, number>;
  compose: {
    project: string;
    files: string[];
    envFiles: string[];
    profiles: string[];
    /** Service names of the resolved model, in order. */
    services: string[];
    shared: { networks: string[]; volumes: string[] };
    renamed: { containers: Record<string, string>; networks: Record<string, string>; volumes: Record<string, string> };
    /** Values the override changed inside services (DESIGN §11), for `info` and explain views. */
    rewrites: ServiceRewrite[];
    /** Bind mounts moved to the slot's own folder (`compose.perSlotMounts`); start creates `to` first. */
    mounts: SlotMount[];
    /**
     * What compose reads besides the generated files: every compose file (with includes and
     * extends, hashed) and the variables it interpolates. Filled by the loader; a start reruns
     * `compose up` only when these or the generated compose files change (start-ops composeMark).
     */
    inputs?: { files: Record<string, string | null>; vars: Record<string, string | null> };
  };
  env: Record<string, {
    file: string;
    localFile: string;
    apps: string[];
    values: Record<string, string>;
    explain: EnvExplain;
    /** The template read (relative), and the earlier `from` candidates that did not exist. */
    template?: { used: string; skipped: string[] };
  }>;
  apps: SlotApp[];
  health: Record<string, HealthProbe>;
  /** DESIGN §10: the hooks' steps for this slot (hook-ops.ts turns them into operations). */
  hooks: Partial<Record<HookName, PlannedStep[]>>;
  /** The services every slot shares, run as `<name>-infra` (absent without `shared.services`). */
  infra?: InfraPlan;
  /** Values every app and compose interpolation gets. */
  devslotVars: Record<string, string>;
  /** Per-slot resources on shared services, rendered (DESIGN §9); holds credentials: never in slot.json. */
  resources: Record<string, PlannedResource>;
  /** Credential values to mask wherever they appear in output. */
  secrets: string[];
  sources: Record<string, string>;
  files: PlannedFile[];
}

export function planSlot(input: PlanInput): SlotPlan {
  const { config, slot } = input;
  const rel = (abs: string) => path.relative(config.root, abs) || '.';
  const project = projectName(config.name, slot);
  const dir = path.join(INSTANCES_DIR, instanceDirName(slot));

  const table = buildPortTable(config.ports, input.model, new Set(config.shared.services));
  checkPortTable(table, { stride: config.stride, slots: config.slots, privilegedOk: input.privilegedOk });
  const ports = portsForSlot(table, slot, config.stride);
  const shift = shiftMap(table, slot, config.stride);
  const resourcePlan = planResources({ config, model: input.model, table, vars: { slot, project, name: config.name, ports }, passwords: input.resourcePasswords ?? {}, where: rel(config.path) });
  const vars: TemplateVars = { slot, project, name: config.name, ports, resources: resourcePlan.values };

  const devslotVars: Record<string, string> = { DEVSLOT_SLOT: String(slot), DEVSLOT_PROJECT: project };
  const envNames = envPortNames(table);
  for (const [n, p] of Object.entries(ports)) if (envNames.has(n)) devslotVars[`DEVSLOT_PORT_${portEnvName(n)}`] = String(p);

  const files: PlannedFile[] = [];
  const override = buildOverride({
    model: input.model,
    resolvedProject: input.resolvedProject,
    slot,
    stride: config.stride,
    root: config.root,
    hostNetworkSlotAware: input.hostNetworkSlotAware,
    shift,
    perSlotMounts: { sources: config.compose.perSlotMounts, root: config.root, dir },
    sharedServices: new Set(config.shared.services),
    header: headerFor('#', slot, project, rel(config.path), 'compose settings go in your own compose files'),
  });
  const overridePath = path.join(dir, 'docker-compose.override.yml');
  const composeEnvPath = path.join(dir, 'compose.env');
  if (config.compose.files.length) {
    // Rewritten environment values may hold secrets (a URL with a password): then 0600, as env files.
    const secretish = override.rewrites.some((r) => r.key.startsWith('environment.'));
    files.push({ path: overridePath, content: override.text, mode: secretish ? 0o600 : 0o644 });
  }
  const composeEnv = { COMPOSE_PROJECT_NAME: project, ...devslotVars };
  files.push({
    path: composeEnvPath,
    content:
      headerFor('#', slot, project, rel(config.path), 'compose interpolation reads your own --env-file files first') +
      Object.entries(composeEnv).map(([k, v]) => `${k}=${v}\n`).join(''),
    mode: 0o644,
  });

  const env: SlotPlan['env'] = {};
  const appEnv = new Map<string, Record<string, string>>();
  for (const [key, entry] of Object.entries(config.env)) {
    const file = path.join(dir, `${key}.env`);
    const localFile = path.join(dir, `${key}.local.env`);
    let template: { text: string; display: string } | undefined;
    let skipped: string[] = [];
    if (entry.from !== undefined) {
      const at = entry.from.findIndex((f) => input.files.has(f));
      if (at < 0) {
        const which = entry.from.length === 1 ? `${rel(entry.from[0]!)} does not exist` : `none of ${entry.from.map(rel).join(', ')} exists`;
        throw new ConfigError(`${rel(config.path)}: env.${key}.from: ${which}; create ${entry.from.length === 1 ? 'it' : 'one'} or remove \`from\``);
      }
      template = { text: input.files.get(entry.from[at]!)!, display: rel(entry.from[at]!) };
      skipped = entry.from.slice(0, at).map(rel);
    }
    const built = buildEnvFile({
      template,
      set: entry.set,
      setWhere: `${rel(config.path)}: env.${key}.set`,
      vars,
      shift,
      devslotVars,
      header: headerFor('#', slot, project, [rel(config.path), template?.display].filter(Boolean).join(' and '), `put your own values in ${path.basename(localFile)} beside this file`),
    });
    const values = dotenv.parse(built.text);
    const localText = input.files.get(path.join(config.root, localFile));
    if (localText !== undefined) {
      const local = dotenv.parse(localText);
      for (const [k, v] of Object.entries(local)) {
        values[k] = v;
        (built.explain[k] ??= []).push({ source: 'local', file: localFile, line: 0, value: v });
      }
    }
    files.push({ path: file, content: built.text, mode: 0o600 });
    env[key] = { file, localFile, apps: entry.apps, values, explain: built.explain, ...(template ? { template: { used: template.display, skipped } } : {}) };
    for (const app of entry.apps) appEnv.set(app, { ...appEnv.get(app), ...values });
  }

  let apps: SlotApp[] = [];
  if (input.pm2Export !== undefined) {
    const specs = ecosystemApps(input.pm2Export, { slot, project, ports }, rel(config.pm2.config));
    const names = new Set(specs.map((s) => s.name as string));
    for (const [key, entry] of Object.entries(config.env)) {
      for (const app of entry.apps) {
        if (!names.has(app)) throw new ConfigError(`${rel(config.path)}: env.${key}.apps names ${JSON.stringify(app)}, which ${rel(config.pm2.config)} does not define; apps there: ${[...names].join(', ')}`);
      }
    }
    // DEVSLOT_ROOT marks the app as this checkout's: stop/clean act only on apps that carry it.
    apps = slotApps(specs, slot, config.name, config.root, (app) => ({ ...devslotVars, ...appEnv.get(app), DEVSLOT_ROOT: config.root }));
    for (const app of Object.keys(config.health)) {
      if (!names.has(app)) throw new ConfigError(`${rel(config.path)}: health.${app}: no PM2 app is named ${JSON.stringify(app)}; apps: ${[...names].join(', ')}`);
    }
  } else {
    for (const [key, entry] of Object.entries(config.env)) {
      if (entry.apps.length) throw new ConfigError(`${rel(config.path)}: env.${key}.apps names PM2 apps, but there is no PM2 config (${rel(config.pm2.config)})`);
    }
    const probed = Object.keys(config.health)[0];
    if (probed !== undefined) throw new ConfigError(`${rel(config.path)}: health.${probed} probes a PM2 app, but there is no PM2 config (${rel(config.pm2.config)}); create it or remove the probe`);
  }

  const health: Record<string, HealthProbe> = {};
  for (const [app, probe] of Object.entries(config.health)) {
    const where = `${rel(config.path)}: health.${app}`;
    health[app] = checkProbe('http' in probe ? { http: renderTemplate(probe.http, vars, where) } : { tcp: renderTemplate(probe.tcp, vars, where) }, where);
  }

  const envFiles = [...(config.compose.envFiles.length ? config.compose.envFiles : input.defaultEnvFile ? [input.defaultEnvFile] : []).map(rel), composeEnvPath];
  const plan: SlotPlan = {
    version: PLAN_VERSION,
    devslot: input.version,
    slot,
    name: config.name,
    project,
    namespace: pm2Namespace(config.name, slot),
    root: config.root,
    dir,
    ports,
    basePorts: Object.fromEntries(table.named.map((p) => [p.name, p.base])),
    portSources: Object.fromEntries(table.named.map((p: NamedPort) => [p.name, p.source.kind === 'declared' ? 'ports' : `service ${p.source.service}`])),
    portTargets: Object.fromEntries(table.named.flatMap((p) => (p.source.kind === 'compose' ? [[p.name, p.source.target]] : []))),
    compose: {
      project,
      files: config.compose.files.length ? [...config.compose.files.map(rel), overridePath] : [],
      envFiles,
      profiles: config.compose.profiles,
      // The shared services are the infra project's (DESIGN §9): the slot runs and waits for the rest.
      services: config.compose.files.length ? Object.keys(input.model.services).filter((svc) => !config.shared.services.includes(svc)) : [],
      shared: override.shared,
      renamed: override.renamed,
      rewrites: override.rewrites,
      mounts: override.mounts,
    },
    env,
    apps,
    health,
    hooks: planHooks({
      hooks: config.hooks,
      vars,
      root: config.root,
      configFile: rel(config.path),
      services: config.compose.files.length ? Object.keys(input.model.services) : [],
      apps: apps.map((a) => a.base),
    }),
    ...infraOf(config, input.model, ports, rel, input.defaultEnvFile),
    devslotVars,
    resources: resourcePlan.resources,
    secrets: resourcePlan.secrets,
    sources: input.sourceHashes,
    files,
  };
  const planned = Object.values(resourcePlan.resources);
  const passwords = Object.fromEntries(planned.flatMap((r) => (r.kind === 'postgres' ? [[r.name, r.password]] : [])));
  // The passwords, so every later command (and the next start) uses the same ones; and what the
  // slot's resources are, so clean drops exactly those even after devslot.yaml changed. 0600: credentials.
  if (planned.length) files.push({ path: path.join(dir, RESOURCE_SECRETS_FILE), content: `${JSON.stringify({ $comment: `${GENERATED_MARK} for slot ${slot} (${project}). Do not edit: the slot's resource passwords and what clean drops.`, passwords, resources: planned }, null, 2)}\n`, mode: 0o600, keepUnreadable: true });
  files.push({ path: path.join(dir, 'slot.json'), content: `${JSON.stringify(slotJson(plan), null, 2)}\n`, mode: 0o644 });
  // The validated config, for commands that follow (config/load.ts); 0600: `set` values may be secrets.
  const configHash = input.sourceHashes[rel(config.path)];
  if (configHash) files.push({ path: path.join(INSTANCES_DIR, CONFIG_CACHE), content: `${JSON.stringify({ version: input.version, shape: CONFIG_SHAPE, hash: configHash, config })}\n`, mode: 0o600 });
  return plan;
}

function infraOf(config: Config, model: ComposeModel, ports: Record<string, number>, rel: (abs: string) => string, defaultEnvFile: string | undefined): { infra?: InfraPlan } {
  if (!config.shared.services.length || !config.compose.files.length) return {};
  const shared = new Set(config.shared.services);
  const table = buildPortTable(config.ports, model, shared);
  const infraPorts = Object.fromEntries(table.named.filter((p) => p.fixed).map((p) => [p.name, ports[p.name]!]));
  const infra = planInfra({
    name: config.name,
    model,
    shared: config.shared.services,
    composeFiles: config.compose.files.map(rel),
    envFiles: (config.compose.envFiles.length ? config.compose.envFiles : defaultEnvFile ? [defaultEnvFile] : []).map(rel),
    profiles: config.compose.profiles,
    ports: infraPorts,
    configFile: rel(config.path),
  });
  return infra ? { infra } : {};
}

/** A rendered probe must be a valid URL or [host:]port, or start would fail halfway. */
function checkProbe(probe: HealthProbe, where: string): HealthProbe {
  if ('http' in probe) {
    let url: URL | undefined;
    try {
      url = new URL(probe.http);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol)) throw new ConfigError(`${where}.http: ${JSON.stringify(probe.http)} is not a valid http(s) URL`);
    return probe;
  }
  const { port } = tcpTarget(probe.tcp);
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    throw new ConfigError(`${where}.tcp: ${JSON.stringify(probe.tcp)} is not a port or host:port (port 1–65535)`);
  }
  return probe;
}


