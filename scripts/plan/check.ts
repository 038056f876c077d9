import path from 'node:path';
import dotenv from 'dotenv';
import type { Config } from '../config/types.js';
import { ConfigError } from '../errors.js';
import { isExternal, type ComposeModel, type ComposeService } from './compose-model.js';
import { hostPortTokens, isPortKey, rewriteHostPorts } from './env-rewrite.js';
import { isUnder, mountsOf } from './slot-mounts.js';
import type { SlotPlan } from './slot-plan.js';

/**
 * `devslot check` (DESIGN §11): what devslot cannot move and would leave pointing at the wrong
 * slot, or shared by every slot. Pure: the plans, the resolved model and the texts of the files
 * involved come in; findings come out. A new kind does not compile until KIND_TITLE names it.
 */
export const FINDING_KINDS = [
  'base-port-label',
  'base-port-env-file',
  'base-port-mounted-file',
  'base-port-template',
  'base-port-pm2',
  'foreign-port',
  'shared-mount',
  'external-network',
  'external-volume',
  'docker-socket',
  'proxy',
  'compose-lifecycle',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const KIND_TITLE: Record<FindingKind, string> = {
  'base-port-label': 'base port in a label',
  'base-port-env-file': 'base port in an env_file',
  'base-port-mounted-file': 'base port in a mounted file',
  'base-port-template': 'base port in an env template',
  'base-port-pm2': 'base port in the PM2 config',
  'foreign-port': 'URL on a port that is not this slot\'s',
  'shared-mount': 'writable bind mount shared by every slot',
  'external-network': 'external network shared by every slot',
  'external-volume': 'external volume shared by every slot',
  'docker-socket': 'Docker socket mounted',
  proxy: 'docker-provider proxy',
  'compose-lifecycle': 'compose lifecycle hook this Compose never runs',
};

/** Compose runs a service's `post_start` and `pre_stop` from this version; older ones accept and ignore them. */
export const COMPOSE_LIFECYCLE_MIN = [2, 30, 0] as const;

export interface Finding {
  kind: FindingKind;
  /** Set when the finding depends on the slot (a URL on another slot's port). */
  slot?: number;
  /** Relative to the project root. */
  file: string;
  service?: string;
  key: string;
  value: string;
  message: string;
  fix: string;
}

export interface CheckInput {
  config: Config;
  model: ComposeModel;
  /** The slots checked. */
  plans: SlotPlan[];
  /** A plan of a slot other than 0: a base port left unmoved shows there (in slot 0 nothing moves). */
  probe: SlotPlan;
  /** `env_file:` entries of the compose files (compose's resolved model merges and drops them). */
  envFiles: { service: string; file: string }[];
  /** Text by absolute path: env templates, env_file files, mounted files, compose files. */
  files: ReadonlyMap<string, string>;
  /** The installed Compose's version, when known ([major, minor, patch]). */
  composeVersion?: readonly number[];
}

/** Files the loader should read for a check: what services mount (single files), by absolute path. */
export function mountedFiles(model: ComposeModel): string[] {
  const out = new Set<string>();
  for (const svc of Object.values(model.services)) {
    for (const m of mountsOf(svc)) if (m.type === 'bind' && path.isAbsolute(m.source) && !isDockerSocket(m.source)) out.add(m.source);
  }
  return [...out];
}

export function findingsFor(input: CheckInput): Finding[] {
  const { config, model, probe } = input;
  const rel = (abs: string) => path.relative(config.root, abs) || abs;
  const composeFile = (...needles: string[]) => {
    const hit = config.compose.files.find((f) => needles.every((n) => input.files.get(f)?.includes(n)));
    return rel(hit ?? config.compose.files[0] ?? config.path);
  };
  const probeShift = shiftOf(probe);
  const moved = new Set([...probeShift].filter(([a, b]) => a !== b).map(([a]) => a));
  const out: Finding[] = [];
  const add = (f: Finding) => out.push(f);

  for (const [name, svc] of Object.entries(model.services)) {
    const v = input.composeVersion;
    if (v && !atLeast(v, COMPOSE_LIFECYCLE_MIN)) {
      for (const hook of ['post_start', 'pre_stop'] as const) {
        const steps = (svc as Record<string, unknown>)[hook];
        if (!Array.isArray(steps) || !steps.length) continue;
        add({
          kind: 'compose-lifecycle', file: composeFile(hook), service: name, key: `services.${name}.${hook}`, value: JSON.stringify(steps),
          message: `Compose ${v.join('.')} accepts ${hook} of service ${name} but never runs it (Compose runs it from ${COMPOSE_LIFECYCLE_MIN.join('.')})`,
          fix: `upgrade Compose to ${COMPOSE_LIFECYCLE_MIN.join('.')} or newer, or run it as a devslot hook: hooks.${hook === 'post_start' ? 'post-start' : 'pre-stop'}: [{ exec: { service: ${name}, cmd: [...] } }]`,
        });
      }
    }
    const targets = new Set((svc.ports ?? []).map((p) => Number(p.target)));
    // Inside a container, localhost:P on its own container port is the container itself.
    const leaks = (text: string) => hostPortTokens(text).filter((t) => moved.has(t.port) && t.host !== '0.0.0.0' && !(t.host !== 'host.docker.internal' && targets.has(t.port)));

    for (const [key, value] of Object.entries(labelsOf(svc))) {
      if (key.startsWith('dev.devslot.')) continue;
      const t = leaks(value)[0];
      if (!t) continue;
      add({
        kind: 'base-port-label', file: composeFile(key), service: name, key: `services.${name}.labels.${key}`, value,
        message: `label ${key} of service ${name} names base port ${t.port}, which devslot does not move in labels`,
        fix: `use \${DEVSLOT_PORT_${portVarOf(probe, t.port)}:-${t.port}} in the label, so each slot's compose.env gives its own port`,
      });
    }

    const environment = envMap(svc.environment);
    for (const ef of input.envFiles.filter((e) => e.service === name)) {
      const text = input.files.get(ef.file);
      if (text === undefined) continue;
      for (const [k, v] of Object.entries(dotenv.parse(text))) {
        if (environment[k] !== v || !isPortKey(k)) continue; // overridden, or rewritten with the environment
        const port = exactPort(v);
        if (port === undefined || !moved.has(port) || targets.has(port)) continue;
        add({
          kind: 'base-port-env-file', file: rel(ef.file), service: name, key: k, value: v,
          message: `${k}=${v} in ${rel(ef.file)} (env_file of service ${name}) is base host port ${port}, not a port of the container, and stays ${port} in every slot`,
          fix: `set ${k} in the service's environment as \${DEVSLOT_PORT_${portVarOf(probe, port)}:-${port}}`,
        });
      }
    }

    for (const m of mountsOf(svc)) {
      if (m.type !== 'bind' || !path.isAbsolute(m.source)) continue;
      if (isDockerSocket(m.source)) {
        add({
          kind: 'docker-socket', file: composeFile(m.target), service: name, key: `services.${name}.volumes`, value: `${m.source}:${m.target}`,
          message: `service ${name} mounts the Docker socket: it sees and can change the containers of every slot`,
          fix: 'run it once outside the slots (its own compose project), or make it filter on the slot\'s compose project label',
        });
        continue;
      }
      const text = input.files.get(m.source);
      const t = text === undefined ? undefined : leaks(text)[0];
      if (text !== undefined && t) {
        const line = text.slice(0, t.index).split('\n').length;
        add({
          kind: 'base-port-mounted-file', file: `${rel(m.source)}:${line}`, service: name, key: `services.${name}.volumes ${m.target}`, value: text.split('\n')[line - 1]!.trim(),
          message: `${rel(m.source)}, mounted into ${name} at ${m.target}, names base port ${t.port}, which stays ${t.port} in every slot`,
          fix: `template the file per slot (compose can mount .instances/instance-N/ files) or read the port from DEVSLOT_PORT_${portVarOf(probe, t.port)}`,
        });
      }
      if (m.readOnly || isSystemPath(m.source)) continue;
      if ([...config.compose.sharedMounts, ...config.compose.perSlotMounts].some((s) => isUnder(m.source, s))) continue;
      add({
        kind: 'shared-mount', file: composeFile(m.target), service: name, key: `services.${name}.volumes`, value: `${rel(m.source)}:${m.target}`,
        message: `service ${name} writes ${rel(m.source)} (mounted at ${m.target}), the same host folder in every slot`,
        fix: `list ${rel(m.source)} under compose.perSlotMounts in devslot.yaml (each slot gets .instances/instance-N/mounts/), mount it :ro, or list it under compose.sharedMounts if sharing is meant`,
      });
    }

    const proxy = proxyReason(svc, labelsOf(svc));
    if (proxy) {
      add({
        kind: 'proxy', file: composeFile(name), service: name, key: `services.${name}`, value: proxy,
        message: `service ${name} ${proxy}: a docker-provider proxy sees the containers of every slot`,
        fix: 'run one proxy outside the slots with a per-slot host rule (e.g. a Host rule holding the slot\'s compose project), or limit its provider to this project (providers.docker.constraints on com.docker.compose.project)',
      });
    }
  }

  for (const kind of ['networks', 'volumes'] as const) {
    for (const [key, res] of Object.entries(model[kind] ?? {})) {
      if (!isExternal(res)) continue;
      const name = res?.name ?? key;
      add({
        kind: kind === 'networks' ? 'external-network' : 'external-volume', file: composeFile(key), key: `${kind}.${key}`, value: name,
        message: `${kind === 'networks' ? 'network' : 'volume'} ${name} is external: every slot joins the same one`,
        fix: kind === 'networks'
          ? 'drop `external: true` so each slot gets its own network, or keep it if the slots are meant to meet there'
          : 'drop `external: true` so each slot gets its own volume, or keep it if the data is meant to be shared',
      });
    }
  }

  for (const [key, entry] of Object.entries(config.env)) {
    // `from` lists fallbacks: the template is the first one that exists.
    const from = entry.from?.find((f) => input.files.has(f));
    if (from === undefined) continue;
    const values = probe.env[key]?.values ?? {};
    const text = input.files.get(from)!;
    for (const k of Object.keys(dotenv.parse(text))) {
      if (k in entry.set) continue;
      const v = values[k] ?? '';
      const left = [...v.matchAll(/(?<![\w.])(\d{2,5})(?![\w])/g)].map((m) => Number(m[1])).find((n) => moved.has(n));
      if (left === undefined) continue;
      add({
        kind: 'base-port-template', file: rel(from), key: `env.${key}: ${k}`, value: v,
        message: `${k} in ${rel(from)} still holds base port ${left} after rewriting (only localhost:PORT tokens and *PORT keys move)`,
        fix: `set ${k} under env.${key}.set with {{ports.${portNameOf(probe, left)}}}, or write it as localhost:${left}`,
      });
    }
  }

  for (const app of probe.apps) {
    const env = (app.options.env ?? {}) as Record<string, string>;
    for (const [k, v] of Object.entries(app.ownEnv)) {
      if (env[k] !== v) continue; // devslot's env entries give it another value
      const port = isPortKey(k) ? exactPort(v) : undefined;
      const left = port !== undefined && moved.has(port) ? port : hostPortTokens(v).find((t) => moved.has(t.port))?.port;
      if (left === undefined) continue;
      add({
        kind: 'base-port-pm2', file: rel(config.pm2.config), key: `apps[${app.base}].env.${k}`, value: v,
        message: `app ${app.base} sets ${k}=${v} in ${rel(config.pm2.config)}: base port ${left} in every slot`,
        fix: `read it from process.env.DEVSLOT_PORT_${portVarOf(probe, left)}, or export a function of the slot's ports, or set it under env in devslot.yaml`,
      });
    }
  }

  for (const plan of input.plans) out.push(...foreignPorts(input, plan, rel));
  return out;
}

/**
 * URLs on localhost whose port is not this slot's: another slot's port of some service (the 9200
 * case: slot 2's MinIO when the base stack has none there) or a port no slot owns at all.
 */
function foreignPorts(input: CheckInput, plan: SlotPlan, rel: (abs: string) => string): Finding[] {
  const { config, model } = input;
  const own = new Set(Object.values(plan.ports));
  // Shared services (DESIGN §9) are on the same ports in every slot, and a slot's resources are
  // on them: a URL there is the slot's own, not a leak.
  const shared = new Set(config.shared?.services ?? []);
  for (const [name, source] of Object.entries(plan.portSources ?? {})) {
    if (source.startsWith('service ') && shared.has(source.slice('service '.length))) own.add(plan.basePorts[name]!);
  }
  for (const r of Object.values(plan.resources ?? {})) {
    const port = r.kind === 'postgres' ? Number(r.port) : r.kind === 'redis' ? Number(new URL(r.baseUrl).port || 6379) : NaN;
    if (Number.isInteger(port)) own.add(port);
  }
  const owners = new Map<number, { name: string; slot: number }>();
  for (let k = 0; k < config.slots; k++) {
    for (const [name, base] of Object.entries(plan.basePorts)) if (!owners.has(base + k * config.stride)) owners.set(base + k * config.stride, { name, slot: k });
  }
  const out: Finding[] = [];
  const judge = (value: string, skip: (host: string, port: number) => boolean, where: Omit<Finding, 'kind' | 'message' | 'fix' | 'value' | 'slot'>) => {
    const t = hostPortTokens(value).find((x) => x.host !== '0.0.0.0' && !own.has(x.port) && !skip(x.host, x.port));
    if (!t) return;
    const owner = owners.get(t.port);
    out.push({
      kind: 'foreign-port', slot: plan.slot, value, ...where,
      message: owner
        ? `${where.key} in slot ${plan.slot} points at port ${t.port}, which is ${owner.name} of slot ${owner.slot}, not this slot's`
        : `${where.key} in slot ${plan.slot} points at port ${t.port}, which no slot owns, so it is the same port in every slot`,
      fix: owner
        ? `use localhost:{{ports.NAME}} for the service it means (for ${owner.name}: localhost:${plan.ports[owner.name]} in slot ${plan.slot})`
        : `declare it under ports: in devslot.yaml (then use {{ports.NAME}}), or point it at a port devslot moves`,
    });
  };
  for (const [key, entry] of Object.entries(plan.env)) {
    const source = config.env[key]?.from?.find((f) => input.files.has(f));
    for (const [k, v] of Object.entries(entry.values)) judge(v, () => false, { file: rel(source && !(k in (config.env[key]?.set ?? {})) ? source : config.path), key: `env.${key}: ${k}` });
  }
  const shift = shiftOf(plan);
  for (const [name, svc] of Object.entries(model.services)) {
    const targets = new Set((svc.ports ?? []).map((p) => Number(p.target)));
    for (const [k, v] of Object.entries(envMap(svc.environment))) {
      const after = rewriteHostPorts(v, shift, (h) => h === '0.0.0.0').raw;
      // In a container, localhost is the container: its own ports and ports no slot owns are
      // inside it (a statsd sidecar address, say), never another slot's. host.docker.internal is the host.
      judge(after, (h, p) => h !== 'host.docker.internal' && (targets.has(p) || !owners.has(p)), {
        file: rel(config.compose.files.find((f) => input.files.get(f)?.includes(k)) ?? config.compose.files[0] ?? config.path),
        service: name,
        key: `services.${name}.environment.${k}`,
      });
    }
  }
  return out;
}

/** Strict mode (`--strict`, `check.strict`): findings refuse the start. */
export function refuseIfStrict(findings: readonly Finding[], strict: boolean, slot: number): void {
  if (!strict || !findings.length) return;
  const first = findings[0]!;
  throw new ConfigError(
    `slot ${slot}: devslot check found ${findings.length} thing${findings.length === 1 ? '' : 's'} every slot would share or that point at the wrong slot ` +
      `(first: ${first.file}: ${first.message}); see \`devslot check ${slot}\`, fix them, or drop --strict / check.strict`,
  );
}

function shiftOf(plan: SlotPlan): Map<number, number> {
  const m = new Map<number, number>();
  for (const [name, base] of Object.entries(plan.basePorts)) if (plan.ports[name] !== undefined) m.set(base, plan.ports[name]!);
  return m;
}

function portNameOf(plan: SlotPlan, base: number): string {
  return Object.entries(plan.basePorts).find(([, b]) => b === base)?.[0] ?? 'NAME';
}

function portVarOf(plan: SlotPlan, base: number): string {
  return portNameOf(plan, base).toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

function exactPort(v: string): number | undefined {
  const m = /^\s*['"]?(\d{1,5})['"]?\s*$/.exec(v);
  return m && String(Number(m[1])) === m[1] ? Number(m[1]) : undefined;
}

function envMap(env: unknown): Record<string, string> {
  if (Array.isArray(env)) {
    return Object.fromEntries(env.filter((e): e is string => typeof e === 'string' && e.includes('=')).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
  }
  if (env && typeof env === 'object') return Object.fromEntries(Object.entries(env as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)]));
  return {};
}

function labelsOf(svc: ComposeService): Record<string, string> {
  return envMap(svc.labels);
}

function isDockerSocket(source: string): boolean {
  return /(^|\/)docker\.sock$/.test(source);
}

/** Host files every container may write without slots meeting there (clock, devices, kernel views). */
function isSystemPath(source: string): boolean {
  return /^\/(etc|dev|proc|sys|run|var\/run|lib\/modules|usr|tmp\/\.X11-unix)(\/|$)/.test(source);
}

function atLeast(v: readonly number[], min: readonly number[]): boolean {
  for (let i = 0; i < min.length; i++) if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i]!;
  return true;
}

function proxyReason(svc: ComposeService, labels: Record<string, string>): string | undefined {
  const image = typeof svc.image === 'string' ? svc.image : '';
  const argv = [svc.command, svc.entrypoint].flatMap((c) => (Array.isArray(c) ? c : typeof c === 'string' ? [c] : [])).join(' ');
  if (/--providers\.docker\b/.test(argv)) return 'runs Traefik with the docker provider';
  if (/(^|\/)traefik(:|@|$)/.test(image)) return `runs ${image}, a Traefik proxy`;
  if (/(^|\/)(nginx-proxy|docker-gen|caddy-docker-proxy|nginx-proxy-manager)(:|@|$)/.test(image)) return `runs ${image}, a proxy configured from Docker`;
  const routed = Object.keys(labels).find((k) => /^traefik\.(enable|http\.routers\.)/.test(k) || /^caddy(\.|$)/.test(k));
  if (routed && labels[routed] !== 'false') return `carries the proxy label ${routed}`;
  return undefined;
}
