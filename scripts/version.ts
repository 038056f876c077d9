import fs from 'node:fs';

let cached: string | undefined;

/** devslot's own version, from its package.json (one folder above scripts/ and dist/). */
export function devslotVersion(): string {
  cached ??= (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
