/**
 * The real-world compose corpus (../shared/corpus): the invocation table from INVOCATIONS.txt as
 * data, temp copies of its projects, and an independent reading of compose's resolved model (what
 * a host port, a container name, an explicit network or volume name is, and when two collide).
 *
 * Deliberately written without importing devslot's own planner: the e2e test must be able to
 * catch that planner being wrong.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, run, type RunResult } from './cli.js';

export const corpusDir = path.resolve(repoRoot, '../shared/corpus');

// ---------------------------------------------------------------------------------------------
// The invocation table
// ---------------------------------------------------------------------------------------------

export interface CorpusCase {
  /** Label in test names and the summary table. */
  id: string;
  /** Folder under corpus/compose/. */
  dir: string;
  /** devslot.yaml `name` (a valid compose project name). */
  name: string;
  files: string[];
  envFiles: string[];
  profiles: string[];
  /** Extra environment for devslot and compose (INVOCATIONS gives some as `VAR=… docker compose`). */
  env: Record<string, string>;
  /** Preparation in the temp copy before init (INVOCATIONS' `cp env.example .env`, …). */
  setup?: (root: string) => void;
  /** INVOCATIONS marks it as "if it resolves": skip, not fail, when compose cannot resolve it. */
  optional?: boolean;
}

type Invocation = Omit<CorpusCase, 'profiles' | 'id' | 'name'> & { variant?: string };

const ANANDSLAB_ENV = {
  HOSTNAME: 'hs',
  DOCKERDIR: './scratch/dd',
  DATADIR: './scratch/data',
  DOWNLOADSDIR: './scratch/dl',
  USERDIR: './scratch/u',
  EXTDRIVE: './scratch/ext',
};

/** INVOCATIONS.txt, line by line; an alternative (`|`, `[-f …]`) is its own entry. */
export const INVOCATIONS: Invocation[] = [
  { dir: 'PostHog__posthog', files: ['docker-compose.dev.yml'], envFiles: [], env: {} },
  {
    dir: 'anandslab__docker-traefik',
    files: ['docker-compose-hs.yml'],
    envFiles: ['.env.example'],
    env: ANANDSLAB_ENV,
    // With every profile on, firefly.yml wants $DOCKERDIR/appdata/firefly/{firefly,importer}.env;
    // a relative DOCKERDIR resolves against the included file's folder (compose/hs/).
    setup: (root) => {
      for (const base of [root, path.join(root, 'compose', 'hs')]) {
        const d = path.join(base, 'scratch', 'dd', 'appdata', 'firefly');
        fs.mkdirSync(d, { recursive: true });
        for (const f of ['firefly.env', 'importer.env']) fs.writeFileSync(path.join(d, f), '');
      }
    },
  },
  { dir: 'deviantony__docker-elk', files: ['docker-compose.yml', 'extensions/fleet/fleet-compose.yml'], envFiles: [], env: {} },
  {
    dir: 'frappe__frappe_docker',
    variant: 'mariadb-redis-noproxy',
    files: ['compose.yaml', 'overrides/compose.mariadb.yaml', 'overrides/compose.redis.yaml', 'overrides/compose.noproxy.yaml'],
    envFiles: ['example.env'],
    env: {},
  },
  { dir: 'frappe__frappe_docker', variant: 'pwd', files: ['pwd.yml'], envFiles: [], env: {} },
  { dir: 'getsentry__self-hosted', files: ['docker-compose.yml'], envFiles: [], env: {} },
  {
    dir: 'jitsi__docker-jitsi-meet',
    files: ['docker-compose.yml', 'jigasi.yml'],
    envFiles: [],
    env: {},
    setup: (root) => fs.copyFileSync(path.join(root, 'env.example'), path.join(root, '.env')),
  },
  {
    dir: 'mailcow__mailcow-dockerized',
    files: ['docker-compose.yml', 'helper-scripts/docker-compose.override.yml.d/HAPROXY/docker-compose.override.yml'],
    envFiles: [],
    env: {},
  },
  { dir: 'nucleuscloud__neosync', variant: 'compose', files: ['compose.yml'], envFiles: [], env: {} },
  { dir: 'nucleuscloud__neosync', variant: 'compose-dev', files: ['compose.dev.yml'], envFiles: [], env: {} },
  {
    dir: 'open-telemetry__opentelemetry-demo',
    files: ['compose.yaml', 'compose.observability.yaml'],
    envFiles: ['.env', '.env.override'],
    env: {},
  },
  { dir: 'zammad__zammad-docker-compose', files: ['docker-compose.yml'], envFiles: ['.env.dist'], env: {} },
  {
    dir: 'zammad__zammad-docker-compose',
    variant: 'nginx-proxy-manager',
    files: ['docker-compose.yml', 'scenarios/add-nginx-proxy-manager.yml'],
    envFiles: ['.env.dist'],
    env: {},
    optional: true,
  },
];

/** `corpus-<repo>[-<variant>][-all]`, lowercased and reduced to compose's project-name alphabet. */
export function caseName(dir: string, variant: string | undefined, allProfiles: boolean): string {
  const repo = dir.split('__')[1] ?? dir;
  const raw = ['corpus', repo, variant, allProfiles ? 'all' : undefined].filter(Boolean).join('-');
  return raw.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/-+/g, '-');
}

/**
 * Every invocation twice: as written (no --profile), and with `--profile '*'` as INVOCATIONS'
 * header says validation ran it — profiles hide many of the corpus's services otherwise.
 */
export function corpusCases(): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const inv of INVOCATIONS) {
    for (const all of [false, true]) {
      const { variant, ...rest } = inv;
      const label = `${inv.dir}${variant ? ` (${variant})` : ''}`;
      out.push({ ...rest, id: `${label}${all ? " --profile '*'" : ''}`, name: caseName(inv.dir, variant, all), profiles: all ? ['*'] : [] });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Temp copies
// ---------------------------------------------------------------------------------------------

/** A fresh copy of corpus/compose/<dir> under os.tmpdir() (writable), plus the case's devslot.yaml. */
export function copyProject(c: CorpusCase): { root: string; tmp: string } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-corpus-'));
  const root = path.join(tmp, c.name);
  fs.cpSync(path.join(corpusDir, 'compose', c.dir), root, { recursive: true });
  makeWritable(root); // the corpus is read-only; the copy must be writable and removable
  c.setup?.(root);
  fs.writeFileSync(path.join(root, 'devslot.yaml'), devslotYaml(c));
  return { root, tmp };
}

function makeWritable(p: string): void {
  const st = fs.statSync(p);
  fs.chmodSync(p, st.mode | 0o200 | (st.isDirectory() ? 0o100 : 0));
  if (st.isDirectory()) for (const e of fs.readdirSync(p)) makeWritable(path.join(p, e));
}

export function devslotYaml(c: CorpusCase): string {
  const list = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
  return [
    `# written by test/e2e/corpus.test.ts for ${c.id}`,
    `name: ${c.name}`,
    'slots: 4',
    'stride: 100',
    'compose:',
    `  files: ${list(c.files)}`,
    `  envFiles: ${list(c.envFiles)}`,
    `  profiles: ${list(c.profiles)}`,
    '',
  ].join('\n');
}

/** path → mode and hash of every file and folder below `dir` (absent dir → {}), to prove nothing changed. */
export { snapshotTree as snapshot } from '../../scripts/adapters/fs.js';

// ---------------------------------------------------------------------------------------------
// Compose
// ---------------------------------------------------------------------------------------------

export interface ComposeArgs {
  project: string;
  envFiles: readonly string[];
  files: readonly string[];
  profiles: readonly string[];
}

export function composeArgv(a: ComposeArgs): string[] {
  return [
    'compose',
    '-p', a.project,
    ...a.envFiles.flatMap((f) => ['--env-file', f]),
    ...a.files.flatMap((f) => ['-f', f]),
    ...a.profiles.flatMap((p) => ['--profile', p]),
    'config', '--format', 'json',
  ];
}

export interface Model {
  services: Record<string, Service>;
  networks?: Record<string, Resource | null>;
  volumes?: Record<string, Resource | null>;
}
export interface Service {
  ports?: PortEntry[];
  container_name?: string;
  network_mode?: string;
  labels?: Record<string, string>;
  [k: string]: unknown;
}
export interface PortEntry {
  target: number | string;
  published?: string | number;
  host_ip?: string;
  protocol?: string;
  [k: string]: unknown;
}
export interface Resource {
  name?: string;
  external?: unknown;
  [k: string]: unknown;
}

export type ConfigResult = { ok: true; model: Model; run: RunResult } | { ok: false; run: RunResult };

/** `docker compose … config --format json` in `cwd`; ok=false when compose rejects it. */
export async function composeConfig(a: ComposeArgs, cwd: string, env: NodeJS.ProcessEnv): Promise<ConfigResult> {
  const r = await run('docker', composeArgv(a), { cwd, env, timeoutMs: 60_000 });
  if (r.code !== 0) return { ok: false, run: r };
  const model = JSON.parse(r.stdout) as Model;
  model.services ??= {};
  return { ok: true, model, run: r };
}

/** The first line of compose's stderr that is not a warning. */
export function composeError(r: RunResult): string {
  const lines = r.stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/level=warning|^WARN/.test(l));
  return lines[0] ?? (r.stderr.trim() || `exit ${r.code}`);
}

// ---------------------------------------------------------------------------------------------
// Reading a resolved model
// ---------------------------------------------------------------------------------------------

export interface Binding {
  service: string;
  target: string;
  protocol: string;
  hostIp: string;
  /** Published host port range; null when ephemeral (no host port given). */
  range: { lo: number; hi: number } | null;
  /** Every other field of the entry, canonical JSON: must be kept by the override. */
  rest: string;
}

export function parseRange(published: string | number | undefined): { lo: number; hi: number } | null {
  if (published === undefined || published === '' || published === 0 || published === '0') return null;
  const m = /^(\d+)(?:-(\d+))?$/.exec(String(published));
  if (!m) throw new Error(`unexpected published port ${JSON.stringify(published)}`);
  const lo = Number(m[1]);
  return { lo, hi: m[2] === undefined ? lo : Number(m[2]) };
}

export function bindings(model: Model): Binding[] {
  const out: Binding[] = [];
  for (const [service, svc] of Object.entries(model.services)) {
    for (const p of svc.ports ?? []) {
      const { published, target, protocol, host_ip, ...others } = p;
      const rest = JSON.stringify(Object.fromEntries(Object.entries(others).sort(([a], [b]) => a.localeCompare(b))));
      out.push({ service, target: String(target), protocol: protocol ?? 'tcp', hostIp: host_ip ?? '', range: parseRange(published), rest });
    }
  }
  return out;
}

export const published = (bs: Binding[]) => bs.filter((b): b is Binding & { range: { lo: number; hi: number } } => b.range !== null);

const WILDCARD = new Set(['', '0.0.0.0', '::', '[::]']);

/** Same protocol and overlapping host addresses (a wildcard overlaps everything). */
export function canClash(a: Binding, b: Binding): boolean {
  if (a.protocol !== b.protocol) return false;
  return WILDCARD.has(a.hostIp) || WILDCARD.has(b.hostIp) || a.hostIp === b.hostIp;
}

export function fmtBinding(b: Binding): string {
  const r = b.range ? (b.range.lo === b.range.hi ? `${b.range.lo}` : `${b.range.lo}-${b.range.hi}`) : 'ephemeral';
  return `${b.service} ${b.hostIp ? `${b.hostIp}:` : ''}${r}->${b.target}/${b.protocol}`;
}

/** Canonical text of a binding (shifted by `by`), for comparing two models' port lists. */
export function bindingKey(b: Binding, by = 0): string {
  const r = b.range ? `${b.range.lo + by}-${b.range.hi + by}` : 'ephemeral';
  return `${b.service}|${b.hostIp}|${r}|${b.target}|${b.protocol}|${b.rest}`;
}

/** Explicitly named (non-default, non-external) networks or volumes, and the external ones. */
export function resourceNames(model: Model, project: string, kind: 'networks' | 'volumes'): { explicit: Record<string, string>; external: string[] } {
  const explicit: Record<string, string> = {};
  const external: string[] = [];
  for (const [key, res] of Object.entries(model[kind] ?? {})) {
    if (res && res.external) {
      external.push(res.name ?? key);
      continue;
    }
    const name = res?.name ?? `${project}_${key}`;
    if (name !== `${project}_${key}`) explicit[key] = name;
  }
  return { explicit, external };
}

export function containerNames(model: Model): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [s, svc] of Object.entries(model.services)) if (svc.container_name) out[s] = svc.container_name;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Collisions, computed independently of devslot
// ---------------------------------------------------------------------------------------------

export interface Collision {
  a: Binding;
  b: Binding;
  /** a's base port n and the shared port n + k·stride, which is b's base port. */
  n: number;
  shared: number;
  /** 0 = the same port twice within every slot; k > 0 = a in slot k meets b in slot 0. */
  k: number;
}

/** Every pair of base bindings that would meet in some pair of slots below `slots`. */
export function realCollisions(model: Model, stride: number, slots: number): Collision[] {
  const bs = published(bindings(model));
  const out: Collision[] = [];
  for (const a of bs) {
    for (const b of bs) {
      if (!canClash(a, b)) continue;
      for (let k = 0; k < slots; k++) {
        if (k === 0 && a === b) continue;
        // a's number n in slot k equals b's number n + k·stride in slot 0
        const lo = Math.max(a.range.lo, b.range.lo - k * stride);
        const hi = Math.min(a.range.hi, b.range.hi - k * stride);
        if (lo <= hi) out.push({ a, b, n: lo, shared: lo + k * stride, k });
      }
    }
  }
  return out;
}

function mentions(text: string, word: string): boolean {
  const esc = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.-])${esc}(?![\\w-]|\\.\\w)`).test(text);
}

export interface RefusalLimits {
  stride: number;
  slots: number;
  isRoot: boolean;
}

/**
 * Is devslot's one-line refusal true of the base model? Returns undefined when it is (and names
 * the real cause), else why it is not. A message must name what is really wrong: the services and
 * the port of a real collision, a real `network_mode: host` service, a real overflow.
 */
export function checkRefusal(message: string, model: Model, lim: RefusalLimits): { real: true; why: string } | { real: false; why: string } {
  const bs = published(bindings(model));
  if (/network_mode/.test(message)) {
    const hosts = Object.entries(model.services).filter(([, s]) => s.network_mode === 'host').map(([n]) => n);
    const named = hosts.filter((h) => mentions(message, h));
    if (named.length) return { real: true, why: `service ${named.join(', ')} really has network_mode: host` };
    return { real: false, why: `refused for network_mode, but the services named are not network_mode: host (host-network services: ${hosts.join(', ') || 'none'})` };
  }
  if (/overflow|65535/.test(message)) {
    const top = (lim.slots - 1) * lim.stride;
    const over = bs.filter((b) => b.range.hi + top > 65535 && mentions(message, b.service));
    if (over.length) return { real: true, why: `${fmtBinding(over[0]!)} + ${top} > 65535` };
    return { real: false, why: 'refused for overflow, but no port of a named service exceeds 65535 in the last slot' };
  }
  if (/privileged/.test(message)) {
    const low = bs.filter((b) => b.range.lo < 1024 && mentions(message, b.service) && mentions(message, String(b.range.lo)));
    if (low.length && !lim.isRoot) return { real: true, why: `${fmtBinding(low[0]!)} is privileged and not running as root` };
    return { real: false, why: lim.isRoot ? 'refused a privileged port although running as root' : 'refused a privileged port that no named service publishes' };
  }
  if (/\bports?\b/.test(message) && /collision|collide|twice|clash|same port|used by/i.test(message)) {
    const all = realCollisions(model, lim.stride, lim.slots);
    // The message must name both services and both port numbers, and every "port N" / "slot K"
    // it states must belong to that collision.
    const statedPorts = [...message.matchAll(/\bport (\d+)/g)].map((m) => Number(m[1]));
    const statedSlots = [...message.matchAll(/\bslot (\d+)/g)].map((m) => Number(m[1]));
    const hit = all.find(
      (c) =>
        mentions(message, c.a.service) &&
        mentions(message, c.b.service) &&
        mentions(message, String(c.shared)) &&
        mentions(message, String(c.n)) &&
        statedPorts.every((p) => p === c.n || p === c.shared) &&
        statedSlots.every((k) => k === 0 || k === c.k),
    );
    if (hit) {
      const where = hit.k === 0 ? 'in every slot' : `slot ${hit.k} of ${hit.a.service} meets slot 0 of ${hit.b.service}`;
      return { real: true, why: `${fmtBinding(hit.a)} and ${fmtBinding(hit.b)} meet on ${hit.shared} (${where})` };
    }
    const hint = all.length ? `real collisions: ${all.slice(0, 3).map((c) => `${c.a.service}:${c.n}+${c.k}×${lim.stride}=${c.b.service}:${c.shared}`).join('; ')}` : 'the base model has no colliding ports at all';
    return { real: false, why: `the collision named is not in the base model (${hint})` };
  }
  return { real: false, why: 'not a recognised refusal (expected a port collision, overflow, privileged port or network_mode: host)' };
}
