import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { sha256 } from '../hash.js';
import { CONFIG_CACHE, INSTANCES_DIR } from '../names.js';
import { devslotVersion } from '../version.js';
import { CONFIG_SHAPE, type Config } from './types.js';

export const CONFIG_FILE = 'devslot.yaml';

/** The nearest devslot.yaml from `cwd` upwards, or the one named by --config. */
export function findConfig(cwd: string, explicit?: string): string {
  if (explicit !== undefined) {
    const p = path.resolve(cwd, explicit);
    if (!fs.existsSync(p)) throw new ConfigError(`--config ${explicit}: no such file; give the path of a devslot.yaml`);
    return p;
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const p = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(p)) return p;
    if (path.dirname(dir) === dir) break;
  }
  throw new ConfigError(`no ${CONFIG_FILE} in ${cwd} or any folder above it; create one (see README) or pass --config PATH`);
}

export interface ConfigCacheEntry {
  version: string;
  /** CONFIG_SHAPE when it was written (absent before shape 2). */
  shape?: number;
  hash: string;
  config: Config;
}

export function configCachePath(root: string): string {
  return path.join(root, INSTANCES_DIR, CONFIG_CACHE);
}

export async function loadConfig(cwd: string, explicit?: string): Promise<Config> {
  const file = findConfig(cwd, explicit);
  const display = path.relative(cwd, file) || file;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${display}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const cached = readConfigCache(path.dirname(file));
  if (cached && cached.hash === sha256(text) && cached.version === devslotVersion() && cached.shape === CONFIG_SHAPE && cached.config.path === file) return cached.config;
  return parseAndValidate(text, file, display);
}

/**
 * The cached config, or undefined: absent, unreadable, of another shape (it is only a cache: the
 * YAML is parsed instead, and the next init or start writes it again), or behind a symlinked
 * `.instances` (never read through).
 */
function readConfigCache(root: string): ConfigCacheEntry | undefined {
  try {
    if (fs.lstatSync(path.join(root, INSTANCES_DIR)).isSymbolicLink()) return undefined;
    const entry = JSON.parse(fs.readFileSync(configCachePath(root), 'utf8')) as unknown;
    return isConfigCacheEntry(entry) ? entry : undefined;
  } catch {
    return undefined;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields every command reads from a Config, checked before the cache is trusted. Pure. */
export function isConfigCacheEntry(v: unknown): v is ConfigCacheEntry {
  if (!isObj(v) || typeof v.version !== 'string' || typeof v.hash !== 'string' || !isObj(v.config)) return false;
  const c = v.config;
  return (
    typeof c.name === 'string' && typeof c.path === 'string' && typeof c.root === 'string' && Number.isSafeInteger(c.slots) && Number.isSafeInteger(c.stride) &&
    isObj(c.compose) && Array.isArray(c.compose.files) && Array.isArray(c.compose.envFiles) && Array.isArray(c.compose.profiles) &&
    isObj(c.ports) && isObj(c.env) && isObj(c.health) && isObj(c.pm2) && typeof c.pm2.config === 'string' && isObj(c.shared) && isObj(c.resources)
  );
}

/** YAML loads only on a cache miss (yaml costs ~30 ms to import). */
async function parseAndValidate(text: string, file: string, display: string): Promise<Config> {
  const { parseConfigYaml } = await import('./parse-yaml.js');
  const { validateConfig } = await import('./validate.js');
  const { data, locate } = parseConfigYaml(text, display);
  return validateConfig(data, { path: file, display, locate });
}
