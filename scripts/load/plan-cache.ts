import path from 'node:path';
import { readInstancesFile, setAside } from '../adapters/fs.js';
import { sha256OrNull } from '../hash.js';
import { INSTANCES_DIR, instanceDirName } from '../names.js';
import { PLAN_VERSION } from '../plan/plan-version.js';
import { array, bool, int, nullable, num, object, optional, parseJson, record, shapeProblem, str } from '../plan/shape.js';
import type { SlotPlan } from '../plan/slot-plan.js';
import type { Warn } from './saved-slot.js';

/**
 * The saved plan of an initialized slot (`.instances/instance-N/.plan.json`, 0600: it holds env
 * values). `ports`, `info`, `env` and a no-op `start` answer from it while its key still holds:
 * every source and generated file hashes the same, the variables compose interpolates have the
 * same values, and devslot is the same version. Checking costs a few small file reads; building
 * the plan costs compose CLI calls and loading the PM2 config.
 */
export const PLAN_CACHE = '.plan.json';

export interface PlanKey {
  version: string;
  isRoot: boolean;
  /** The devslot.yaml the plan came from (absolute): `--config other.yaml` is another plan. */
  config?: string;
  /** The PM2 config reads the environment in a way no name list can follow, or compose reads a file whose path a variable from an env file names: never reuse. */
  volatile?: boolean;
  /** sha256 by path relative to the root; null = the file must still be absent. */
  files: Record<string, string | null>;
  /** Environment variables the compose files interpolate; null = unset. */
  vars: Record<string, string | null>;
}

export interface PlanCache {
  key: PlanKey;
  plan: SlotPlan;
}

export function planCachePath(root: string, slot: number): string {
  return path.join(root, INSTANCES_DIR, instanceDirName(slot), PLAN_CACHE);
}

const strings = array(str);
const cacheShape = object({
  key: object({ version: str, isRoot: bool, config: optional(str), volatile: optional(bool), files: record(nullable(str)), vars: record(nullable(str)) }),
  // Every field a command reads from a saved plan; nested values only as deep as they are used.
  plan: object({
    version: num,
    devslot: str,
    slot: int,
    name: str,
    project: str,
    namespace: str,
    root: str,
    dir: str,
    ports: record(num),
    basePorts: record(num),
    portSources: record(str),
    portTargets: record(num),
    compose: object({
      project: str,
      files: strings,
      envFiles: strings,
      profiles: strings,
      services: strings,
      shared: object({ networks: strings, volumes: strings }),
      renamed: object({ containers: record(str), networks: record(str), volumes: record(str) }),
    }),
    env: record(object({ file: str, localFile: str, apps: strings, values: record(str), explain: object({}) })),
    apps: array(object({ name: str, base: str, namespace: str, ownEnv: record(str), options: object({}) })),
    health: record(object({})),
    devslotVars: record(str),
    resources: optional(record(object({ name: str, kind: str }))),
    secrets: optional(strings),
    sources: record(str),
    files: array(object({ path: str, content: str, mode: int })),
  }),
});

/** Why parsed `.plan.json` content is not a saved plan of `slot`, or undefined. Pure. */
export function planCacheProblem(value: unknown, slot: number): string | undefined {
  const bad = shapeProblem(cacheShape, value);
  if (bad) return bad;
  const s = (value as PlanCache).plan.slot;
  return s === slot ? undefined : `plan.slot: ${s}, not ${slot}`;
}

/**
 * The saved plan when its key holds now, else undefined (then the caller plans afresh). A file
 * that is not a saved plan at all (`{}`, `null`, truncated, wrong types) is set aside with one line
 * through `warn` (the next init or start writes a new one); without `warn` it is only ignored.
 */
export function readPlanCache(root: string, slot: number, env: NodeJS.ProcessEnv, isRoot: boolean, version: string, configPath: string, warn?: Warn): SlotPlan | undefined {
  const rel = path.join(INSTANCES_DIR, instanceDirName(slot), PLAN_CACHE);
  const read = readInstancesFile(root, rel);
  // Something in the way (a link, a file for a folder): planning afresh names it where it matters.
  if (read.problem || read.text === undefined) return undefined;
  const json = parseJson(read.text);
  const problem = json.ok ? planCacheProblem(json.value, slot) : json.problem;
  if (problem) {
    if (warn) {
      const moved = setAside(path.join(root, rel), read.text);
      warn(`${rel}: ${problem}; ${'to' in moved ? `set aside as ${moved.to}` : `ignored (not set aside: ${moved.failed})`}, planning afresh`);
    }
    return undefined;
  }
  const cache = (json as { value: PlanCache }).value;
  const { key } = cache;
  // A plan of an older shape (same release, a field added) is planned afresh rather than read as this one.
  if (key.version !== version || cache.plan.version !== PLAN_VERSION || key.isRoot !== isRoot || cache.plan.root !== root || key.config !== configPath || key.volatile) return undefined;
  // Saved before plans carried resources: plan afresh (not a broken file, so no warning).
  if (!cache.plan.resources || !cache.plan.secrets) return undefined;
  for (const [name, value] of Object.entries(key.vars)) if ((env[name] ?? null) !== value) return undefined;
  for (const [rel, hash] of Object.entries(key.files)) if (sha256OrNull(path.join(root, rel)) !== hash) return undefined;
  return cache.plan;
}

/** Names a compose file interpolates (`$VAR`, `${VAR}`, `${VAR:-x}`; `$$` is a literal dollar). */
export function interpolatedNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\$(\$)|\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) if (!m[1] && m[2]) names.add(m[2]);
  return [...names].sort();
}

/**
 * What a PM2 ecosystem file reads besides itself: relative `import`/`require` specifiers (files
 * to hash) and `process.env.NAME` / `process.env['NAME']` (variables to compare). Any other use of
 * `process.env` (a spread, a computed key), an import of a package or of a Node module that reads
 * files or runs commands, or the clock, cannot be followed: `volatile` (the export is loaded anew).
 */
export function ecosystemInputs(text: string): { specifiers: string[]; vars: string[]; volatile: boolean } {
  const specifiers = new Set<string>();
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"\n]+)\1/gm)) specifiers.add(m[2]!);
  const vars = new Set<string>();
  let uses = 0;
  let named = 0;
  for (const m of text.matchAll(/\bprocess\s*\.\s*env\b(?:\s*\.\s*([A-Za-z_$][\w$]*)|\s*\[\s*(['"])([^'"\n]+)\2\s*\])?/g)) {
    uses++;
    const name = m[1] ?? m[3];
    if (name) {
      named++;
      vars.add(name);
    }
  }
  // A package (dotenv reading .env, a shared apps list in node_modules) or a module that reads
  // files, runs commands or the clock can change the export with no file or variable here changing.
  let outside = false;
  const code = text.replace(/^\s*(?:import|export)\s+type\b[^;]*?from\s*(['"])[^'"\n]+\1/gm, ''); // types are gone at run time
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])([^'"\n]+)\1/gm)) {
    if (!m[2]!.startsWith('.') && !PURE_MODULES.has(m[2]!.replace(/^node:/, ''))) outside = true;
  }
  if (/\b(?:Date\.now|new\s+Date|Math\.random|readFileSync|execSync|spawnSync)\b/.test(text)) outside = true;
  // A require or import of anything but one string literal (a joined path, a template, a
  // variable) reads a file no hash here follows: editing it must change the export.
  if (/\b(?:require|import)\s*\(\s*(?!(['"])[^'"\n]*\1\s*[,)])/.test(code)) outside = true;
  // The clock, randomness, the working directory (devslot runs from any folder below the root),
  // the command line, a .env read by Node itself, modules reached without an import, and
  // `process['env']`, which the named-variable list above does not see.
  if (/\bDate\s*\(|\bcrypto\s*\.|\bperformance\s*\.\s*now\b|\bprocess\s*\.\s*(?:cwd|argv|execArgv|hrtime|uptime|pid|ppid|loadEnvFile|getBuiltinModule|binding)\b|\bprocess\s*\[|\buserInfo\s*\(/.test(code)) outside = true;
  // os.homedir() and os.tmpdir() read these variables.
  if (/\bhomedir\s*\(/.test(code)) vars.add('HOME');
  if (/\btmpdir\s*\(/.test(code)) for (const v of ['TMPDIR', 'TMP', 'TEMP']) vars.add(v);
  return { specifiers: [...specifiers].sort(), vars: [...vars].sort(), volatile: uses > named || outside };
}

/** Node modules a config may import without reading anything outside itself. */
const PURE_MODULES = new Set(['path', 'os', 'url', 'util']);
