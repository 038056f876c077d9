import { describe, expect, it } from 'vitest';
import { parseConfigYaml } from '../../scripts/config/parse-yaml.js';
import { validateConfig } from '../../scripts/config/validate.js';
import { ConfigError } from '../../scripts/errors.js';

/** Issue 12: `shared.services` and `resources` in devslot.yaml (DESIGN §9), tier 1. */
const load = (text: string) => {
  const { data, locate } = parseConfigYaml(text, 'devslot.yaml');
  return validateConfig(data, { path: '/p/devslot.yaml', display: 'devslot.yaml', locate });
};
const base = 'name: my-app\nslots: 10\ncompose:\n  files: [c.yml]\nshared:\n  services: [postgres, redis]\n';
const errorOf = (text: string): string => {
  try {
    load(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('shared services and resources', () => {
  it('reads the DESIGN §9 example, with the default database name made valid for a name with "-"', () => {
    const c = load(`${base}resources:
  db:
    postgres:
      admin: "postgres://postgres:postgres@127.0.0.1:{{ports.postgres}}/postgres"
  cache:
    redis: { url: "redis://127.0.0.1:{{ports.redis}}" }
  temporal:
    command:
      exists: [temporal, operator, namespace, describe, -n, "{{project}}"]
      create: [temporal, operator, namespace, create, -n, "{{project}}"]
      drop:   [temporal, operator, namespace, delete, -n, "{{project}}", --yes]
env:
  api:
    set: { DATABASE_URL: "{{resources.db.url}}", REDIS_URL: "{{ resources.cache.url }}", DB_PASSWORD: "{{resources.db.password}}" }
`);
    expect(c.shared).toEqual({ services: ['postgres', 'redis'] });
    expect(c.resources).toEqual({
      db: { kind: 'postgres', admin: 'postgres://postgres:postgres@127.0.0.1:{{ports.postgres}}/postgres', database: 'my_app_slot_{{slot}}' },
      cache: { kind: 'redis', url: 'redis://127.0.0.1:{{ports.redis}}' },
      temporal: {
        kind: 'command',
        exists: ['temporal', 'operator', 'namespace', 'describe', '-n', '{{project}}'],
        create: ['temporal', 'operator', 'namespace', 'create', '-n', '{{project}}'],
        drop: ['temporal', 'operator', 'namespace', 'delete', '-n', '{{project}}', '--yes'],
      },
    });
  });

  it('defaults to no shared services and no resources', () => {
    const c = load('name: app\n');
    expect(c.shared).toEqual({ services: [] });
    expect(c.resources).toEqual({});
  });

  it.each([
    ['an unknown resource kind',
      `${base}resources:\n  q:\n    kafka: { brokers: x }\n`,
      'devslot.yaml:9: resources.q.kafka: unknown resource kind `kafka`; kinds: postgres, redis, command (use `command` with exists/create/drop argv for any other system)'],
    ['two kinds in one resource',
      `${base}resources:\n  q:\n    redis: { url: "redis://h:1" }\n    command: { exists: [a], create: [b], drop: [c] }\n`,
      'devslot.yaml:9: resources.q: give exactly one kind: postgres, redis, command'],
    ['an explicit service that is not shared',
      `${base}resources:\n  db:\n    service: web\n    postgres: { admin: "postgres://a:b@h:1/postgres" }\n`,
      'devslot.yaml:9: resources.db.service: service "web" is not shared; add it to shared.services (resources are made on shared services)'],
    ['a database template with "-" (from {{project}})',
      `${base}resources:\n  db:\n    postgres: { admin: "postgres://a:b@h:1/postgres", database: "{{project}}" }\n`,
      'devslot.yaml:9: resources.db.postgres.database: renders to "my-app-dev-0" for slot 0, which is not a usable database name: use lowercase letters, digits and "_", starting with a letter or "_"'],
    ['a database template with upper case',
      `${base}resources:\n  db:\n    postgres: { admin: "postgres://a:b@h:1/postgres", database: "App_{{slot}}" }\n`,
      'devslot.yaml:9: resources.db.postgres.database: renders to "App_0" for slot 0, which is not a usable database name: use lowercase letters, digits and "_", starting with a letter or "_"'],
    ['a database template with a quote and a semicolon',
      `${base}resources:\n  db:\n    postgres: { admin: "postgres://a:b@h:1/postgres", database: "x\\"; DROP DATABASE y; --{{slot}}" }\n`,
      'devslot.yaml:9: resources.db.postgres.database: renders to "x\\"; DROP DATABASE y; --0" for slot 0, which is not a usable database name: use lowercase letters, digits and "_", starting with a letter or "_"'],
    ['a database template over 63 bytes for the last slot',
      `${base.replace('slots: 10', 'slots: 100')}resources:\n  db:\n    postgres: { admin: "postgres://a:b@h:1/postgres", database: "${'d'.repeat(61)}_{{slot}}" }\n`,
      `devslot.yaml:9: resources.db.postgres.database: renders to "${'d'.repeat(61)}_99" for slot 99, 64 bytes; Postgres names hold at most 63`],
    ['a database template starting with a digit',
      `${base}resources:\n  db:\n    postgres: { admin: "postgres://a:b@h:1/postgres", database: "{{slot}}_db" }\n`,
      'devslot.yaml:9: resources.db.postgres.database: renders to "0_db" for slot 0, which is not a usable database name: use lowercase letters, digits and "_", starting with a letter or "_"'],
    ['a postgres resource without admin',
      `${base}resources:\n  db:\n    postgres: { database: "x_{{slot}}" }\n`,
      'devslot.yaml:9: resources.db.postgres: missing key `admin` (e.g. "postgres://postgres:postgres@127.0.0.1:{{ports.postgres}}/postgres")'],
    ['an admin that is not a postgres URL',
      `${base}resources:\n  db:\n    postgres: { admin: "mysql://h:1" }\n`,
      'devslot.yaml:9: resources.db.postgres.admin: expected a postgres:// URL'],
    ['a redis url that is not a redis URL',
      `${base}resources:\n  c:\n    redis: { url: "http://h:1" }\n`,
      'devslot.yaml:9: resources.c.redis.url: expected a redis:// URL'],
    ['a command without drop',
      `${base}resources:\n  t:\n    command: { exists: [a], create: [b] }\n`,
      'devslot.yaml:9: resources.t.command: missing key `drop` (an argv list, e.g. [temporal, operator, namespace, drop, -n, "{{project}}"])'],
    ['a command given as a string (it would need a shell)',
      `${base}resources:\n  t:\n    command: { exists: "a b", create: [b], drop: [c] }\n`,
      'devslot.yaml:9: resources.t.command.exists: expected a list of strings, got "a b"'],
    ['a reference to a resource that does not exist',
      `${base}env:\n  api:\n    set: { X: "{{resources.db.url}}" }\n`,
      'devslot.yaml:9: env.api.set.X: {{resources.db.url}} names no resource `db`; resources: none'],
    ['an unknown placeholder in a database name',
      `${base}resources:\n  db:\n    postgres: { admin: "postgres://a:b@h:1/postgres", database: "x_{{ports.pg}}" }\n`,
      'devslot.yaml:9: resources.db.postgres.database: {{ports.pg}} cannot be used in a database name; use {{name}} and {{slot}}'],
    ['a key a redis resource does not give',
      `${base}resources:\n  c:\n    redis: { url: "redis://h:1" }\nenv:\n  api:\n    set: { X: "{{resources.c.password}}" }\n`,
      'devslot.yaml:12: env.api.set.X: {{resources.c.password}}: a redis resource gives `url`, `index`'],
    ['a resource value inside a resource',
      `${base}resources:\n  c:\n    redis: { url: "redis://h:1" }\n  t:\n    command: { exists: [a, "{{resources.c.url}}"], create: [b], drop: [c] }\n`,
      'devslot.yaml:11: resources.t: a resource cannot use {{resources.…}} values'],
    ['a shared service listed twice',
      'name: a\nshared:\n  services: [pg, pg]\n',
      'devslot.yaml:3: shared.services[1]: "pg" is listed twice'],
  ])('refuses %s with one line', (_what, text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});
