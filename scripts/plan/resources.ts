import type { Config, ResourceSpec } from '../config/types.js';
import { ConfigError } from '../errors.js';
import type { ComposeModel } from './compose-model.js';
import type { PortTable } from './ports.js';
import { renderTemplate, type TemplateVars } from './template.js';

/** One slot's resource with every template rendered; what ensure/drop operations act on. */
export type PlannedResource =
  | { name: string; kind: 'postgres'; service: string; admin: string; database: string; user: string; password: string; host: string; port: string; url: string }
  | { name: string; kind: 'redis'; service: string; url: string; baseUrl: string; index: number; /** config.slots: every slot's index must exist. */ slots: number }
  | { name: string; kind: 'command'; service?: string; exists: string[]; create: string[]; drop: string[] };

export interface ResourcePlan {
  resources: Record<string, PlannedResource>;
  /** `{{resources.NAME.KEY}}` values by NAME then KEY. */
  values: Record<string, Record<string, string>>;
  /** Values that are credentials wherever they appear (masked in every view). */
  secrets: string[];
}

/**
 * Pure: the config's resources for one slot. Passwords come in (load/ generates and keeps them
 * 0600); the service each resource is on is checked against `shared.services` here, where the
 * compose model is known. A shared service's ports are the same in every slot, so `{{ports.X}}`
 * of a shared service renders to its base port.
 */
export function planResources(input: {
  config: Config;
  model: ComposeModel;
  table: PortTable;
  vars: TemplateVars;
  passwords: Readonly<Record<string, string>>;
  where: string;
}): ResourcePlan {
  const { config, model, table, where } = input;
  const services = Object.keys(model.services);
  for (const [i, s] of config.shared.services.entries()) {
    if (!model.services[s]) {
      throw new ConfigError(`${where}: shared.services[${i}]: the compose model has no service ${JSON.stringify(s)}; services: ${services.join(', ') || 'none'}`);
    }
  }
  const shared = new Set(config.shared.services);
  const serviceOfPort = new Map<string, string>();
  const basePorts: Record<string, number> = {};
  for (const p of table.named) {
    if (p.source.kind === 'compose') serviceOfPort.set(p.name, p.source.service);
    if (p.source.kind === 'compose' && shared.has(p.source.service)) basePorts[p.name] = p.base;
  }
  const vars: TemplateVars = { ...input.vars, ports: { ...input.vars.ports, ...basePorts } };

  const out: ResourcePlan = { resources: {}, values: {}, secrets: [] };
  for (const [name, spec] of Object.entries(config.resources)) {
    const at = `${where}: resources.${name}`;
    const service = serviceOf(spec, name, at, serviceOfPort, shared);
    if (spec.kind === 'postgres') {
      const admin = renderTemplate(spec.admin, vars, `${at}.postgres.admin`);
      const database = renderTemplate(spec.database, vars, `${at}.postgres.database`);
      const password = input.passwords[name];
      if (password === undefined) throw new ConfigError(`${at}: no password was loaded for this resource (a bug in devslot: load/ must pass it)`);
      let u: URL;
      try {
        u = new URL(admin);
      } catch {
        throw new ConfigError(`${at}.postgres.admin: renders to something that is not a URL; expected postgres://USER:PASSWORD@HOST:PORT/DB`);
      }
      if (!u.hostname) throw new ConfigError(`${at}.postgres.admin: the URL has no host`);
      const slotUrl = new URL(u.href);
      slotUrl.username = encodeURIComponent(database);
      slotUrl.password = encodeURIComponent(password);
      slotUrl.pathname = `/${encodeURIComponent(database)}`;
      slotUrl.search = '';
      const host = u.hostname;
      const port = u.port || '5432';
      out.resources[name] = { name, kind: 'postgres', service: service!, admin, database, user: database, password, host, port, url: slotUrl.href };
      out.values[name] = { url: slotUrl.href, database, user: database, password, host, port };
      out.secrets.push(password);
    } else if (spec.kind === 'redis') {
      const baseUrl = renderTemplate(spec.url, vars, `${at}.redis.url`);
      let u: URL;
      try {
        u = new URL(baseUrl);
      } catch {
        throw new ConfigError(`${at}.redis.url: renders to something that is not a URL; expected redis://HOST:PORT`);
      }
      // Each slot's DB index is its slot number; the server's `databases` count is checked at apply.
      u.pathname = `/${vars.slot}`;
      out.resources[name] = { name, kind: 'redis', service: service!, url: u.href, baseUrl, index: vars.slot, slots: config.slots };
      out.values[name] = { url: u.href, index: String(vars.slot) };
      if (u.password) out.secrets.push(decodeURIComponent(u.password));
    } else {
      const render = (argv: string[], step: string) => argv.map((a, i) => renderTemplate(a, vars, `${at}.command.${step}[${i}]`));
      out.resources[name] = { name, kind: 'command', ...(service ? { service } : {}), exists: render(spec.exists, 'exists'), create: render(spec.create, 'create'), drop: render(spec.drop, 'drop') };
      out.values[name] = {};
    }
  }
  return out;
}

/**
 * The shared service a resource is on: `service:` if given, else the service whose published port
 * its admin/url names. A postgres or redis resource must be on a shared service; a command
 * resource need not name one.
 */
function serviceOf(spec: ResourceSpec, name: string, at: string, serviceOfPort: Map<string, string>, shared: Set<string>): string | undefined {
  if (spec.service !== undefined) return spec.service;
  if (spec.kind === 'command') return undefined;
  const text = spec.kind === 'postgres' ? spec.admin : spec.url;
  const key = spec.kind === 'postgres' ? 'postgres.admin' : 'redis.url';
  const ports = [...text.matchAll(/\{\{\s*ports\.([^{}\s]+)\s*\}\}/g)].map((m) => m[1]!);
  const services = [...new Set(ports.map((p) => serviceOfPort.get(p)).filter((s): s is string => s !== undefined))];
  if (services.length !== 1) {
    throw new ConfigError(`${at}: cannot tell which shared service ${name} is on (${key} names ${ports.length ? `no port published by one compose service: ${ports.join(', ')}` : 'no {{ports.SERVICE}}'}); add \`service: NAME\``);
  }
  const service = services[0]!;
  if (!shared.has(service)) {
    throw new ConfigError(`${at}: ${key} names a port of service ${JSON.stringify(service)}, which is not shared; add it to shared.services (each slot would otherwise have its own copy)`);
  }
  return service;
}
