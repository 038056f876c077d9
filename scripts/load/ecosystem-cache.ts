import fs from 'node:fs';
import path from 'node:path';
import { listInstanceSlots, readInstancesFile, readText } from '../adapters/fs.js';
import { loadEcosystem } from '../adapters/pm2-config.js';
import { sha256, sha256OrNull } from '../hash.js';
import { INSTANCES_DIR, instanceDirName } from '../names.js';
import { parseJson } from '../plan/shape.js';
import type { PlannedFile } from '../plan/slot-plan.js';
import { devslotVersion } from '../version.js';
import { ecosystemInputs } from './plan-cache.js';

/**
 * The PM2 config's export, saved for the next fresh plan (`.instances/instance-N/.pm2-config.json`,
 * 0600: it may hold values of the environment). Loading a `pm2.config.cts` costs jiti's import and a
 * TypeScript transform, 0.3–0.45 s of every fresh plan (a new slot, a start after stop, info of
 * another slot), more than compose's `config`. The saved export is used while its key holds: the
 * same devslot, the same file, every file it imports hashing the same, every variable it reads
 * having the same value. A config that reads the environment in a way no name list can follow
 * (volatile), or exports what JSON cannot carry unchanged (a function of the slot, `undefined`, a
 * Date), is loaded every time. The export does not depend on the slot (a function of the slot is
 * never saved), so a slot planned afresh takes any slot's whose key holds; each slot keeps its own
 * copy in its own folder, so `clean` takes it with the slot and no slot writes another's.
 */
export const ECOSYSTEM_CACHE = '.pm2-config.json';
const relIn = (slot: number) => path.join(INSTANCES_DIR, instanceDirName(slot), ECOSYSTEM_CACHE);

interface EcosystemKey {
  version: string;
  file: string;
  /** sha256 by absolute path; null = must still be absent. */
  files: Record<string, string | null>;
  vars: Record<string, string | null>;
}

export interface LoadedEcosystem {
  value: unknown;
  /** Files and variables the export depends on (the plan's key takes them too). */
  deps: { files: string[]; vars: string[]; volatile: boolean };
  /** The cache file to write with the slot's files, when the export can be saved. */
  save?: PlannedFile;
}

export async function loadEcosystemCached(root: string, slot: number, file: string, display: string, env: NodeJS.ProcessEnv): Promise<LoadedEcosystem> {
  const deps = ecosystemDeps(file);
  const key = (): EcosystemKey => {
    const k: EcosystemKey = { version: devslotVersion(), file, files: {}, vars: {} };
    for (const f of [file, ...deps.files]) k.files[f] = sha256OrNull(f);
    for (const v of deps.vars) k.vars[v] = env[v] ?? null;
    return k;
  };
  if (deps.volatile) return { value: await loadEcosystem(file, display), deps };
  const before = key();
  const REL = relIn(slot);
  // This slot's own first, then any other slot's: the same key means the same export.
  let saved: { value: unknown } | undefined;
  for (const s of [slot, ...listInstanceSlots(root).filter((x) => x !== slot)]) if ((saved = savedExport(root, relIn(s), before))) break;
  // Listed with the slot's files either way (the same content when nothing changed): info and
  // --dry-run name the same files whether or not this plan found it saved.
  if (saved) return { value: saved.value, deps, save: { path: REL, content: cacheText(before, saved.value), mode: 0o600 } };
  const value = await loadEcosystem(file, display);
  if (!jsonExact(value, 0)) return { value, deps };
  // Keyed with the hashes taken before loading: a file edited while jiti read it then differs from
  // the key, so the next plan loads it again. Hashes taken after would match the edited file while
  // the value came from the old one, and the old export would stand for it.
  return { value, deps, save: { path: REL, content: cacheText(before, value), mode: 0o600 } };
}

const cacheText = (key: EcosystemKey, value: unknown) => `${JSON.stringify({ key, value })}\n`;

/** The saved export when its key equals `now`; anything unreadable or different is ignored (planned afresh). */
function savedExport(root: string, rel: string, now: EcosystemKey): { value: unknown } | undefined {
  const read = readInstancesFile(root, rel);
  if (read.problem || read.text === undefined) return undefined;
  const json = parseJson(read.text);
  if (!json.ok || !json.value || typeof json.value !== 'object') return undefined;
  const { key, value } = json.value as { key?: unknown; value?: unknown };
  if (value === undefined || sha256(JSON.stringify(key)) !== sha256(JSON.stringify(now))) return undefined;
  return { value };
}

/** Whether JSON carries `v` unchanged: plain objects and arrays of strings, finite numbers, booleans and null. */
export function jsonExact(v: unknown, depth: number): boolean {
  if (depth > 64) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  // every() skips holes, which JSON writes as null: a sparse array is not carried unchanged.
  if (Array.isArray(v)) return Object.keys(v).length === v.length && v.every((x) => x !== undefined && jsonExact(x, depth + 1));
  if (typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  // A module namespace (what jiti's import returns) has a null prototype, like Object.create(null).
  if (proto !== Object.prototype && proto !== null) return false;
  if (Object.getOwnPropertySymbols(v).some((s) => s !== Symbol.toStringTag)) return false;
  return Object.entries(v as Record<string, unknown>).every(([, x]) => x !== undefined && jsonExact(x, depth + 1));
}

/**
 * The files a PM2 ecosystem file pulls in (relative imports, recursively through code files, not
 * into node_modules) and the environment variables they read (plan-cache.ts ecosystemInputs).
 */
export function ecosystemDeps(entry: string): { files: string[]; vars: string[]; volatile: boolean } {
  const files = new Set<string>();
  const vars = new Set<string>();
  let volatile = false;
  const visit = (abs: string) => {
    if (files.has(abs)) return;
    files.add(abs);
    if (!/\.[cm]?[jt]sx?$/.test(abs) || abs.split(path.sep).includes('node_modules')) return;
    let text: string | undefined;
    try {
      text = readText(abs);
    } catch {
      return;
    }
    if (text === undefined) return;
    const inputs = ecosystemInputs(text);
    for (const v of inputs.vars) vars.add(v);
    volatile ||= inputs.volatile;
    for (const spec of inputs.specifiers) {
      const to = resolveSpecifier(path.dirname(abs), spec);
      // A folder with no index we know (a package.json "main", an index.tsx): what it loads is unknown.
      if (to === undefined) volatile = true;
      else visit(to);
    }
  };
  visit(entry);
  files.delete(entry);
  return { files: [...files], vars: [...vars], volatile };
}

/**
 * Where a relative specifier lands, as Node or a TypeScript loader would look (else the bare path,
 * which must stay absent); undefined for a folder without an index file of a known extension.
 */
function resolveSpecifier(dir: string, spec: string): string | undefined {
  const base = path.resolve(dir, spec);
  const stem = base.replace(/\.[cm]?js$/, '');
  const exts = ['.ts', '.cts', '.mts', '.js', '.cjs', '.mjs', '.json'];
  const candidates = [base, ...exts.map((e) => stem + e), ...exts.map((e) => path.join(base, `index${e}`))];
  const isFile = (c: string) => {
    try {
      return fs.statSync(c).isFile();
    } catch {
      return false;
    }
  };
  const found = candidates.find(isFile);
  if (found) return found;
  try {
    if (fs.statSync(base).isDirectory()) return undefined;
  } catch {
    // absent: keyed as absent
  }
  return base;
}

