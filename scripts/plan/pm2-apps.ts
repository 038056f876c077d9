import path from 'node:path';
import { ConfigError } from '../errors.js';
import { pm2AppName, pm2Namespace } from '../names.js';

/** An app as the user's ecosystem file writes it (PM2's shape); only `name`/`env`/`cwd` are read. */
export type Pm2AppSpec = Record<string, unknown> & { name?: unknown; env?: unknown; cwd?: unknown };

export interface Pm2ConfigContext {
  slot: number;
  project: string;
  ports: Record<string, number>;
}

/** The app PM2 is asked to start for a slot. */
export interface SlotApp {
  /** The name in the ecosystem file. */
  base: string;
  /** `<base>-N`. */
  name: string;
  namespace: string;
  /** The app's own `env` from the ecosystem file (lowest precedence). */
  ownEnv: Record<string, string>;
  /** The full PM2 app options, with name, namespace, cwd and merged env. */
  options: Record<string, unknown>;
}

/**
 * The ecosystem export: `{ apps }`, or a function of the slot returning it (DESIGN §6).
 * `display` names the file in errors.
 */
export function ecosystemApps(exported: unknown, ctx: Pm2ConfigContext, display: string): Pm2AppSpec[] {
  let value = exported;
  if (value && typeof value === 'object' && 'default' in value && !('apps' in value)) value = (value as { default: unknown }).default;
  if (typeof value === 'function') {
    try {
      value = (value as (c: Pm2ConfigContext) => unknown)(ctx);
    } catch (e) {
      throw new ConfigError(`${display}: its exported function failed for slot ${ctx.slot}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
  }
  if (!value || typeof value !== 'object' || !Array.isArray((value as { apps?: unknown }).apps)) {
    throw new ConfigError(`${display}: expected an export of { apps: [...] } or a function of the slot returning it`);
  }
  const apps = (value as { apps: unknown[] }).apps;
  const seen = new Set<string>();
  return apps.map((app, i) => {
    if (!app || typeof app !== 'object' || Array.isArray(app)) throw new ConfigError(`${display}: apps[${i}] is not an object`);
    const spec = app as Pm2AppSpec;
    if (typeof spec.name !== 'string' || spec.name.trim() === '') {
      throw new ConfigError(`${display}: apps[${i}] has no name; give every app a \`name\` so devslot can call it <name>-N`);
    }
    if (seen.has(spec.name)) throw new ConfigError(`${display}: two apps are named ${JSON.stringify(spec.name)}; PM2 names must be unique`);
    seen.add(spec.name);
    return spec;
  });
}

export function slotApps(
  specs: Pm2AppSpec[],
  slot: number,
  name: string,
  root: string,
  envFor: (app: string) => Record<string, string>,
): SlotApp[] {
  const namespace = pm2Namespace(name, slot);
  return specs.map((spec) => {
    const base = spec.name as string;
    const own = spec.env && typeof spec.env === 'object' ? stringValues(spec.env as Record<string, unknown>) : {};
    const env = { ...own, ...envFor(base) };
    refuseUnpassable(base, env);
    const options: Record<string, unknown> = {
      ...spec,
      name: pm2AppName(base, slot),
      namespace,
      cwd: typeof spec.cwd === 'string' ? path.resolve(root, spec.cwd) : root,
      env,
    };
    return { base, name: pm2AppName(base, slot), namespace, ownEnv: own, options };
  });
}

function stringValues(env: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== null) out[k] = String(v);
  return out;
}

/**
 * Linux's execve limits: one `KEY=value` string may be at most 128 KiB (MAX_ARG_STRLEN), and all of
 * them together share the argument space (2 MiB by default; we keep 1 MiB for the environment). A
 * NUL byte ends a C string, so no process can receive it. PM2 would fork and the app would die or
 * never appear, after start reported it online: refuse at plan time instead, naming the key.
 */
export const MAX_ENV_STRING = 128 * 1024;
export const MAX_ENV_TOTAL = 1024 * 1024;

export function refuseUnpassable(app: string, env: Record<string, string>): void {
  let total = 0;
  for (const [k, v] of Object.entries(env)) {
    if (k.includes('\0') || v.includes('\0')) throw new ConfigError(`app ${app}: ${JSON.stringify(k.replace(/\0/g, '\\0'))} holds a NUL byte, which no process environment can carry; remove it from the template, set or .local.env`);
    const size = Buffer.byteLength(k) + 1 + Buffer.byteLength(v) + 1;
    if (size > MAX_ENV_STRING) throw new ConfigError(`app ${app}: ${k} is ${size} bytes, over the ${MAX_ENV_STRING}-byte limit the OS puts on one environment variable; pass it as a file path instead`);
    total += size;
  }
  if (total > MAX_ENV_TOTAL) throw new ConfigError(`app ${app}: its environment is ${total} bytes, over ${MAX_ENV_TOTAL} (the OS limits it with the command line); move large values into files`);
}
