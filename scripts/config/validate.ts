import path from 'node:path';
import { ConfigError } from '../errors.js';
import { portEnvName } from '../names.js';
import { parseEngines } from './engines.js';
import { validateHooks } from './hooks.js';
import { closest } from './suggest.js';
import { checkResourceRefs, parseResources, parseShared } from './resources.js';
import type { Config, EnvEntry, HealthProbe } from './types.js';

/** Where a key sits in the file, for messages; returns a 1-based line or undefined. */
export type Locate = (keyPath: readonly (string | number)[]) => number | undefined;

export interface ValidateContext {
  /** Absolute path of devslot.yaml. */
  path: string;
  /** How to show the file in messages (usually relative to the cwd). */
  display: string;
  locate: Locate;
}

export const TOP_KEYS = ['name', 'stride', 'slots', 'compose', 'ports', 'env', 'pm2', 'health', 'urls', 'check', 'shared', 'resources', 'hooks', 'copy', 'engines'] as const;
export const COMPOSE_KEYS = ['files', 'envFiles', 'profiles', 'perSlotMounts', 'sharedMounts'] as const;
export const CHECK_KEYS = ['strict'] as const;
export const COPY_KEYS = ['image'] as const;
export const ENV_KEYS = ['from', 'set', 'apps'] as const;
export const PM2_KEYS = ['config'] as const;
export const HEALTH_KEYS = ['http', 'tcp'] as const;

export const DEFAULTS = { stride: 100, slots: 10, pm2Config: 'pm2.config.cts' } as const;

/** Compose's own rule for project names; `<name>-dev-N` then stays valid. */
export const PROJECT_NAME_RE = /^[a-z0-9][a-z0-9_-]*$/;
export const PORT_NAME_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const ENV_KEY_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
export const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PLACEHOLDER_OK = /^(slot|project|name|ports\.[A-Za-z][A-Za-z0-9_-]*|resources\.[A-Za-z][A-Za-z0-9_-]*\.[a-z]+)$/;

export type KeyPath = (string | number)[];

export class Checker {
  constructor(private readonly ctx: ValidateContext) {}

  fail(at: KeyPath, what: string): never {
    const line = this.lineOf(at);
    const where = line === undefined ? this.ctx.display : `${this.ctx.display}:${line}`;
    const key = at.length ? `${formatKey(at)}: ` : '';
    throw new ConfigError(`${where}: ${key}${what}`);
  }

  private lineOf(at: KeyPath): number | undefined {
    for (let n = at.length; n >= 0; n--) {
      const line = this.ctx.locate(at.slice(0, n));
      if (line !== undefined) return line;
    }
    return undefined;
  }

  map(value: unknown, at: KeyPath, allowed?: readonly string[]): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(at, `expected a mapping, got ${describe(value)}`);
    }
    const obj = value as Record<string, unknown>;
    if (allowed) {
      for (const key of Object.keys(obj)) {
        if (!allowed.includes(key)) {
          const near = closest(key, allowed);
          this.fail([...at, key], `unknown key${near ? ` (did you mean \`${near}\`?)` : ''}; allowed: ${allowed.join(', ')}`);
        }
      }
    }
    return obj;
  }

  string(value: unknown, at: KeyPath): string {
    if (typeof value !== 'string' || value === '') this.fail(at, `expected a non-empty string, got ${describe(value)}`);
    return value;
  }

  /** Env values may be written as YAML numbers or booleans; they are text in the env file. */
  scalar(value: unknown, at: KeyPath): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    this.fail(at, `expected a string, number or boolean, got ${describe(value)}`);
  }

  int(value: unknown, at: KeyPath, min: number, max: number, what: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(at, `expected ${what} (a whole number ${min}–${max}), got ${describe(value)}`);
    }
    return value;
  }

  stringList(value: unknown, at: KeyPath): string[] {
    if (!Array.isArray(value)) this.fail(at, `expected a list of strings, got ${describe(value)}`);
    return value.map((v, i) => this.string(v, [...at, i]));
  }

  template(text: string, at: KeyPath): string {
    for (const m of text.matchAll(PLACEHOLDER_RE)) {
      if (!PLACEHOLDER_OK.test(m[1] ?? '')) {
        this.fail(at, `unknown placeholder ${m[0]}; use {{slot}}, {{project}}, {{name}}, {{ports.NAME}} or {{resources.NAME.KEY}}`);
      }
    }
    return text;
  }
}

export function validateConfig(raw: unknown, ctx: ValidateContext): Config {
  const c = new Checker(ctx);
  const root = path.dirname(ctx.path);
  const abs = (p: string) => path.resolve(root, p);
  if (raw === null || raw === undefined) c.fail([], 'the file is empty; it needs at least `name` and `compose.files`');
  const top = c.map(raw, [], TOP_KEYS);

  if (top.name === undefined) c.fail([], 'missing key `name` (the compose project prefix, e.g. `name: app`)');
  const name = c.string(top.name, ['name']);
  if (!PROJECT_NAME_RE.test(name)) {
    c.fail(['name'], `${JSON.stringify(name)} is not a valid compose project name: use lowercase letters, digits, "-" and "_", starting with a letter or digit`);
  }
  const stride = top.stride === undefined ? DEFAULTS.stride : c.int(top.stride, ['stride'], 1, 65535, 'a port offset per slot');
  const slots = top.slots === undefined ? DEFAULTS.slots : c.int(top.slots, ['slots'], 1, 1000, 'the number of slots');

  const composeRaw = top.compose === undefined ? {} : c.map(top.compose, ['compose'], COMPOSE_KEYS);
  const compose = {
    files: composeRaw.files === undefined ? [] : c.stringList(composeRaw.files, ['compose', 'files']).map(abs),
    envFiles: composeRaw.envFiles === undefined ? [] : c.stringList(composeRaw.envFiles, ['compose', 'envFiles']).map(abs),
    profiles: composeRaw.profiles === undefined ? [] : c.stringList(composeRaw.profiles, ['compose', 'profiles']),
    perSlotMounts: mountList(c, composeRaw.perSlotMounts, 'perSlotMounts', root),
    sharedMounts: mountList(c, composeRaw.sharedMounts, 'sharedMounts', root),
  };
  for (const [i, p] of compose.perSlotMounts.entries()) {
    if (compose.sharedMounts.includes(p)) c.fail(['compose', 'perSlotMounts', i], `${path.relative(root, p) || '.'} is listed in both perSlotMounts and sharedMounts; keep it in one`);
  }

  const ports: Record<string, number> = {};
  const portKeys = new Map<string, string>();
  const portsRaw = top.ports === undefined ? {} : c.map(top.ports, ['ports']);
  for (const [key, value] of Object.entries(portsRaw)) {
    if (!PORT_NAME_RE.test(key)) c.fail(['ports', key], 'port names start with a letter and hold only letters, digits, "-" and "_"');
    const envName = portEnvName(key);
    const clash = portKeys.get(envName);
    if (clash !== undefined) c.fail(['ports', key], `duplicate port name: \`${key}\` and \`${clash}\` both become DEVSLOT_PORT_${envName}; rename one`);
    portKeys.set(envName, key);
    ports[key] = c.int(value, ['ports', key], 1, 65535, 'a port number');
  }

  const env: Record<string, EnvEntry> = {};
  const envRaw = top.env === undefined ? {} : c.map(top.env, ['env']);
  for (const [key, value] of Object.entries(envRaw)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(key) || key.endsWith('.local')) {
      c.fail(['env', key], 'env entry names become file names: use letters, digits, ".", "-" and "_" (not ending in ".local")');
    }
    const entryRaw = value === null ? {} : c.map(value, ['env', key], ENV_KEYS);
    const entry: EnvEntry = { set: {}, apps: [] };
    if (entryRaw.from !== undefined) {
      const at = ['env', key, 'from'];
      const list = Array.isArray(entryRaw.from) ? c.stringList(entryRaw.from, at) : [c.string(entryRaw.from, at)];
      if (!list.length) c.fail(at, 'expected a file or a list of files (the first that exists is used), got an empty list');
      entry.from = list.map(abs);
    }
    const setRaw = entryRaw.set === undefined ? {} : c.map(entryRaw.set, ['env', key, 'set']);
    for (const [k, v] of Object.entries(setRaw)) {
      if (!ENV_KEY_RE.test(k)) c.fail(['env', key, 'set', k], 'not a valid environment variable name');
      entry.set[k] = c.template(c.scalar(v, ['env', key, 'set', k]), ['env', key, 'set', k]);
    }
    if (entryRaw.apps !== undefined) entry.apps = c.stringList(entryRaw.apps, ['env', key, 'apps']);
    env[key] = entry;
  }

  const pm2Raw = top.pm2 === undefined ? {} : c.map(top.pm2, ['pm2'], PM2_KEYS);
  const pm2 = pm2Raw.config === undefined
    ? { config: abs(DEFAULTS.pm2Config), explicit: false }
    : { config: abs(c.string(pm2Raw.config, ['pm2', 'config'])), explicit: true };

  const health: Record<string, HealthProbe> = {};
  const healthRaw = top.health === undefined ? {} : c.map(top.health, ['health']);
  for (const [app, value] of Object.entries(healthRaw)) {
    const probe = c.map(value, ['health', app], HEALTH_KEYS);
    const kinds = Object.keys(probe);
    if (kinds.length !== 1) c.fail(['health', app], 'give exactly one of `http: URL` or `tcp: PORT`');
    if (probe.http !== undefined) {
      const url = c.template(c.scalar(probe.http, ['health', app, 'http']), ['health', app, 'http']);
      if (!/^https?:\/\//.test(url)) c.fail(['health', app, 'http'], `expected an http:// or https:// URL, got ${JSON.stringify(url)}`);
      health[app] = { http: url };
    } else {
      health[app] = { tcp: c.template(c.scalar(probe.tcp, ['health', app, 'tcp']), ['health', app, 'tcp']) };
    }
  }

  const urls: Record<string, string | false> = {};
  const urlsRaw = top.urls === undefined ? {} : c.map(top.urls, ['urls']);
  for (const [key, value] of Object.entries(urlsRaw)) {
    if (!PORT_NAME_RE.test(key)) c.fail(['urls', key], 'a named port, a compose service or an app: names start with a letter and hold only letters, digits, "-" and "_"');
    if (value === false) urls[key] = false;
    else if (typeof value === 'string' && /^\/[^\s]*$/.test(value)) urls[key] = value;
    else c.fail(['urls', key], `expected a URL path starting with "/" (e.g. /docs), or false for no URL, got ${describe(value)}`);
  }

  const checkRaw = top.check === undefined ? {} : c.map(top.check, ['check'], CHECK_KEYS);
  if (checkRaw.strict !== undefined && typeof checkRaw.strict !== 'boolean') c.fail(['check', 'strict'], `expected true or false, got ${describe(checkRaw.strict)}`);
  const check = { strict: checkRaw.strict === true };

  const shared = parseShared(c, top.shared);
  const resources = parseResources(c, top.resources, shared, { name, slots });
  for (const [key, entry] of Object.entries(env)) {
    for (const [k, v] of Object.entries(entry.set)) checkResourceRefs(c, v, ['env', key, 'set', k], resources);
  }
  for (const [app, probe] of Object.entries(health)) {
    checkResourceRefs(c, 'http' in probe ? probe.http : probe.tcp, ['health', app, 'http' in probe ? 'http' : 'tcp'], resources);
  }
  for (const [key, spec] of Object.entries(resources)) {
    // A resource's own templates are rendered before any resource value exists.
    const texts = spec.kind === 'postgres' ? [spec.admin, spec.database] : spec.kind === 'redis' ? [spec.url] : [...spec.exists, ...spec.create, ...spec.drop];
    for (const t of texts) if (/\{\{\s*resources\./.test(t)) c.fail(['resources', key], 'a resource cannot use {{resources.…}} values');
  }

  const hooks = validateHooks(c, top.hooks, root);

  const copyRaw = top.copy === undefined ? undefined : c.map(top.copy, ['copy'], COPY_KEYS);
  const copy = copyRaw?.image === undefined ? undefined : { image: c.string(copyRaw.image, ['copy', 'image']) };

  const engines = parseEngines(c, top.engines, slots);

  return { path: ctx.path, root, name, stride, slots, compose, ports, env, pm2, health, urls, check, shared, resources, hooks, ...(copy ? { copy } : {}), ...(engines.length ? { engines } : {}) };
}

/** Bind-mount sources, relative to the root and inside it: a per-slot copy lives under .instances/. */
function mountList(c: Checker, value: unknown, key: string, root: string): string[] {
  if (value === undefined) return [];
  return c.stringList(value, ['compose', key]).map((p, i) => {
    const abs = path.resolve(root, p);
    const rel = path.relative(root, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || rel.split(path.sep)[0] === '.instances') {
      c.fail(['compose', key, i], `${JSON.stringify(p)} must be a folder or file inside the project (not the project itself, nor .instances/), like ./pgdata`);
    }
    return abs;
  });
}


function formatKey(at: KeyPath): string {
  return at.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}
