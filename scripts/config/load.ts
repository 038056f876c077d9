import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { parseConfigYaml } from './parse-yaml.js';
import type { Config } from './types.js';
import { validateConfig } from './validate.js';

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

export function loadConfig(cwd: string, explicit?: string): Config {
  const file = findConfig(cwd, explicit);
  const display = path.relative(cwd, file) || file;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${display}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const { data, locate } = parseConfigYaml(text, display);
  return validateConfig(data, { path: file, display, locate });
}
