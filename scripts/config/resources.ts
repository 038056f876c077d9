import type { Checker } from './validate.js';
import type { ResourceSpec, SharedConfig } from './types.js';

/** Keys under `shared:` and under each `resources.NAME`. */
export const SHARED_KEYS = ['services'] as const;
export const RESOURCE_KINDS = ['postgres', 'redis', 'command'] as const;
export const RESOURCE_KEYS = [...RESOURCE_KINDS, 'service'] as const;
export const POSTGRES_KEYS = ['admin', 'database'] as const;
export const REDIS_KEYS = ['url'] as const;
export const COMMAND_KEYS = ['exists', 'create', 'drop'] as const;

/** The `{{resources.NAME.KEY}}` values each kind gives a slot (DESIGN §9). */
export const RESOURCE_VALUE_KEYS: Record<ResourceSpec['kind'], readonly string[]> = {
  postgres: ['url', 'database', 'user', 'password', 'host', 'port'],
  redis: ['url', 'index'],
  command: [],
};

export const RESOURCE_NAME_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const RESOURCE_REF_RE = /^resources\.([^.]+)\.([^.]+)$/;
/**
 * A database (and its role's) name: lowercase letters, digits and "_", starting with a letter or
 * "_", at most 63 bytes. Postgres itself would take more once quoted, but these names also appear
 * unquoted in users' own psql and in URLs, and Postgres silently truncates beyond 63 bytes.
 */
export const DATABASE_NAME_RE = /^[a-z_][a-z0-9_]*$/;
export const MAX_DATABASE_NAME = 63;

/** The default database template: the name with "-" made "_" (a valid name for any project name). */
export function defaultDatabaseTemplate(name: string): string {
  return `${name.replace(/-/g, '_')}_slot_{{slot}}`;
}

export function parseShared(c: Checker, raw: unknown): SharedConfig {
  if (raw === undefined) return { services: [] };
  const m = c.map(raw, ['shared'], SHARED_KEYS);
  const services = m.services === undefined ? [] : c.stringList(m.services, ['shared', 'services']);
  for (const [i, s] of services.entries()) {
    if (services.indexOf(s) !== i) c.fail(['shared', 'services', i], `${JSON.stringify(s)} is listed twice`);
  }
  return { services };
}

export function parseResources(c: Checker, raw: unknown, shared: SharedConfig, naming: { name: string; slots: number }): Record<string, ResourceSpec> {
  const out: Record<string, ResourceSpec> = {};
  if (raw === undefined) return out;
  for (const [key, value] of Object.entries(c.map(raw, ['resources']))) {
    const at = ['resources', key];
    if (!RESOURCE_NAME_RE.test(key)) c.fail(at, 'resource names start with a letter and hold only letters, digits, "-" and "_"');
    const m = c.map(value, at);
    for (const k of Object.keys(m)) {
      if (!(RESOURCE_KEYS as readonly string[]).includes(k)) c.fail([...at, k], `unknown resource kind \`${k}\`; kinds: ${RESOURCE_KINDS.join(', ')} (use \`command\` with exists/create/drop argv for any other system)`);
    }
    const kinds = RESOURCE_KINDS.filter((k) => m[k] !== undefined);
    if (kinds.length !== 1) c.fail(at, `give exactly one kind: ${RESOURCE_KINDS.join(', ')}`);
    const kind = kinds[0]!;
    let service: string | undefined;
    if (m.service !== undefined) {
      service = c.string(m.service, [...at, 'service']);
      if (!shared.services.includes(service)) {
        c.fail([...at, 'service'], `service ${JSON.stringify(service)} is not shared; add it to shared.services (resources are made on shared services)`);
      }
    }
    const svc = service === undefined ? {} : { service };
    if (kind === 'postgres') {
      const p = c.map(m.postgres, [...at, 'postgres'], POSTGRES_KEYS);
      if (p.admin === undefined) c.fail([...at, 'postgres'], 'missing key `admin` (e.g. "postgres://postgres:postgres@127.0.0.1:{{ports.postgres}}/postgres")');
      const admin = c.template(c.string(p.admin, [...at, 'postgres', 'admin']), [...at, 'postgres', 'admin']);
      if (!/^postgres(ql)?:\/\//.test(admin)) c.fail([...at, 'postgres', 'admin'], 'expected a postgres:// URL');
      const database = p.database === undefined ? defaultDatabaseTemplate(naming.name) : c.template(c.string(p.database, [...at, 'postgres', 'database']), [...at, 'postgres', 'database']);
      checkDatabaseTemplate(c, database, [...at, 'postgres', 'database'], naming);
      out[key] = { kind, ...svc, admin, database };
    } else if (kind === 'redis') {
      const r = c.map(m.redis, [...at, 'redis'], REDIS_KEYS);
      if (r.url === undefined) c.fail([...at, 'redis'], 'missing key `url` (e.g. "redis://127.0.0.1:{{ports.redis}}")');
      const url = c.template(c.string(r.url, [...at, 'redis', 'url']), [...at, 'redis', 'url']);
      if (!/^rediss?:\/\//.test(url)) c.fail([...at, 'redis', 'url'], 'expected a redis:// URL');
      out[key] = { kind, ...svc, url };
    } else {
      const cm = c.map(m.command, [...at, 'command'], COMMAND_KEYS);
      const argv = (step: (typeof COMMAND_KEYS)[number]) => {
        if (cm[step] === undefined) c.fail([...at, 'command'], `missing key \`${step}\` (an argv list, e.g. [temporal, operator, namespace, ${step === 'exists' ? 'describe' : step}, -n, "{{project}}"])`);
        const list = c.stringList(cm[step], [...at, 'command', step]);
        if (!list.length) c.fail([...at, 'command', step], 'expected an argv list, got an empty list');
        return list.map((a, i) => c.template(a, [...at, 'command', step, i]));
      };
      out[key] = { kind, ...svc, exists: argv('exists'), create: argv('create'), drop: argv('drop') };
    }
  }
  return out;
}

/**
 * The database name is known before any compose model: {{name}}, {{project}} and {{slot}} only.
 * The last slot renders the longest name, so checking it (and slot 0 for the characters) covers all.
 */
function checkDatabaseTemplate(c: Checker, template: string, at: (string | number)[], naming: { name: string; slots: number }): void {
  for (const slot of new Set([0, naming.slots - 1])) {
    const rendered = template.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, expr: string) => {
      if (expr === 'slot') return String(slot);
      if (expr === 'name') return naming.name;
      if (expr === 'project') return `${naming.name}-dev-${slot}`;
      c.fail(at, `${whole} cannot be used in a database name; use {{name}} and {{slot}}`);
    });
    if (!DATABASE_NAME_RE.test(rendered)) {
      c.fail(at, `renders to ${JSON.stringify(rendered)} for slot ${slot}, which is not a usable database name: use lowercase letters, digits and "_", starting with a letter or "_"`);
    }
    if (Buffer.byteLength(rendered) > MAX_DATABASE_NAME) {
      c.fail(at, `renders to ${JSON.stringify(rendered)} for slot ${slot}, ${Buffer.byteLength(rendered)} bytes; Postgres names hold at most ${MAX_DATABASE_NAME}`);
    }
  }
}

/** Every `{{resources.NAME.KEY}}` in `text` names a declared resource and a key its kind gives. */
export function checkResourceRefs(c: Checker, text: string, at: (string | number)[], resources: Record<string, ResourceSpec>): void {
  for (const m of text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
    const ref = RESOURCE_REF_RE.exec(m[1] ?? '');
    if (!ref) continue;
    const spec = resources[ref[1]!];
    if (!spec) {
      const known = Object.keys(resources);
      c.fail(at, `${m[0]} names no resource \`${ref[1]}\`; resources: ${known.join(', ') || 'none'}`);
    }
    const keys = RESOURCE_VALUE_KEYS[spec.kind];
    if (!keys.includes(ref[2]!)) {
      c.fail(at, `${m[0]}: a ${spec.kind} resource gives ${keys.length ? keys.map((k) => `\`${k}\``).join(', ') : 'no values'}`);
    }
  }
}
