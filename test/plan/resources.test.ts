import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../scripts/config/types.js';
import { ConfigError } from '../../scripts/errors.js';
import { maskKnown } from '../../scripts/plan/secrets.js';
import { shopConfig, shopInput, shopModel, shopPlan } from '../helpers/plan-inputs.js';

/** Issue 12, tier 1: per-slot resource values in the pure plan (DESIGN §9). */
const PW = 'Zq0pWn3u8Jt6Rk2LxV9bHc4y';

function sharedShop(over: Partial<Config> = {}): Config {
  const c = shopConfig();
  return {
    ...c,
    shared: { services: ['postgres', 'redis'] },
    resources: {
      db: { kind: 'postgres', admin: 'postgres://postgres:adminpw@127.0.0.1:{{ports.postgres}}/postgres', database: 'shop_slot_{{slot}}' },
      cache: { kind: 'redis', url: 'redis://127.0.0.1:{{ports.redis}}' },
      ns: { kind: 'command', exists: ['temporal', 'ns', 'describe', '{{project}}'], create: ['temporal', 'ns', 'create', '{{project}}'], drop: ['temporal', 'ns', 'delete', '{{project}}'] },
    },
    env: {
      api: {
        ...c.env.api!,
        set: { ...c.env.api!.set, DATABASE_URL: '{{resources.db.url}}', PGPASS: '{{resources.db.password}}', REDIS_URL: '{{resources.cache.url}}', REDIS_DB: '{{resources.cache.index}}' },
      },
    },
    ...over,
  };
}

function withPostgres(slot: number) {
  const model = shopModel(`shop-dev-${slot}`);
  model.services.postgres = { image: 'postgres:15', ports: [{ mode: 'ingress', host_ip: '127.0.0.1', target: 5432, published: '5432', protocol: 'tcp' }] };
  return model;
}

const plan = (slot: number, config = sharedShop()) => shopPlan(slot, { config, model: withPostgres(slot), resourcePasswords: { db: PW } });

describe('resources in the slot plan', () => {
  it('renders each kind for slot 3, with shared services on their base ports', () => {
    const p = plan(3);
    expect(p.resources).toEqual({
      db: {
        name: 'db', kind: 'postgres', service: 'postgres',
        admin: 'postgres://postgres:adminpw@127.0.0.1:5432/postgres',
        database: 'shop_slot_3', user: 'shop_slot_3', password: PW, host: '127.0.0.1', port: '5432',
        url: `postgres://shop_slot_3:${PW}@127.0.0.1:5432/shop_slot_3`,
      },
      cache: { name: 'cache', kind: 'redis', service: 'redis', url: 'redis://127.0.0.1:6379/3', baseUrl: 'redis://127.0.0.1:6379', index: 3 },
      ns: { name: 'ns', kind: 'command', exists: ['temporal', 'ns', 'describe', 'shop-dev-3'], create: ['temporal', 'ns', 'create', 'shop-dev-3'], drop: ['temporal', 'ns', 'delete', 'shop-dev-3'] },
    });
    expect(p.secrets).toEqual([PW]);
  });

  it('gives {{resources.NAME.KEY}} to env set values', () => {
    const v = plan(2).env.api!.values;
    expect(v.DATABASE_URL).toBe(`postgres://shop_slot_2:${PW}@127.0.0.1:5432/shop_slot_2`);
    expect(v.PGPASS).toBe(PW);
    expect(v.REDIS_URL).toBe('redis://127.0.0.1:6379/2');
    expect(v.REDIS_DB).toBe('2');
  });

  it('gives them to health probes too', () => {
    const p = plan(1, sharedShop({ health: { api: { tcp: '{{resources.db.host}}:{{resources.db.port}}' } } }));
    expect(p.health.api).toEqual({ tcp: '127.0.0.1:5432' });
  });

  it('keeps the password in a 0600 resources.json and out of slot.json', () => {
    const p = plan(4);
    const secrets = p.files.find((f) => f.path === path.join('.instances', 'instance-4', 'resources.json'));
    expect(secrets).toEqual({ path: '.instances/instance-4/resources.json', content: `${JSON.stringify({ passwords: { db: PW } }, null, 2)}\n`, mode: 0o600 });
    const slotJson = p.files.find((f) => f.path.endsWith('slot.json'))!;
    expect(slotJson.content).not.toContain(PW);
    expect(p.files.filter((f) => f.content.includes(PW)).map((f) => [f.path, f.mode])).toEqual([
      ['.instances/instance-4/api.env', 0o600],
      ['.instances/instance-4/resources.json', 0o600],
    ]);
  });

  it('a password in any value is masked by maskKnown, whatever its key', () => {
    expect(maskKnown(`PGPASS=${PW} and again ${PW}`, [PW])).toBe('PGPASS=******** and again ********');
  });

  it('user and password with URL characters are encoded in the url', () => {
    const p = shopPlan(0, { config: sharedShop(), model: withPostgres(0), resourcePasswords: { db: 'p@ss/w:rd#1' } });
    expect(p.resources.db).toMatchObject({ password: 'p@ss/w:rd#1', url: 'postgres://shop_slot_0:p%40ss%2Fw%3Ard%231@127.0.0.1:5432/shop_slot_0' });
    expect(new URL((p.resources.db as { url: string }).url).password).toBe('p%40ss%2Fw%3Ard%231');
  });

  it.each([
    ['a shared service the compose model does not define',
      { shared: { services: ['postgres', 'redis', 'kafka'] } },
      'devslot.yaml: shared.services[2]: the compose model has no service "kafka"; services: redis, web, postgres'],
    ['a resource on a service that is not shared',
      { shared: { services: ['postgres'] } },
      'devslot.yaml: resources.cache: redis.url names a port of service "redis", which is not shared; add it to shared.services (each slot would otherwise have its own copy)'],
    ['a resource whose URL names no service port',
      { resources: { cache: { kind: 'redis', url: 'redis://127.0.0.1:{{ports.redis}}' }, db: { kind: 'postgres', admin: 'postgres://a:b@db.example:5432/postgres', database: 'x_{{slot}}' } } },
      'devslot.yaml: resources.db: cannot tell which shared service db is on (postgres.admin names no {{ports.SERVICE}}); add `service: NAME`'],
    ['a resource whose URL names a declared port',
      { resources: { cache: { kind: 'redis', url: 'redis://127.0.0.1:{{ports.redis}}' }, db: { kind: 'postgres', admin: 'postgres://a:b@127.0.0.1:{{ports.api}}/postgres', database: 'x_{{slot}}' } } },
      'devslot.yaml: resources.db: cannot tell which shared service db is on (postgres.admin names no port published by one compose service: api); add `service: NAME`'],
  ] as [string, Partial<Config>, string][])('refuses %s with one line', (_what, over, message) => {
    const c = sharedShop(over);
    const input = shopInput(0, { config: c, model: withPostgres(0), resourcePasswords: { db: PW } });
    let err: unknown;
    try {
      shopPlan(0, input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(message);
  });

  it('an explicit service names where the resource is, even when its URL is a plain host', () => {
    const c = sharedShop();
    c.resources.db = { kind: 'postgres', service: 'postgres', admin: 'postgres://a:b@db.internal:6543/postgres', database: 'x_{{slot}}' };
    const p = shopPlan(5, { config: c, model: withPostgres(5), resourcePasswords: { db: PW } });
    expect(p.resources.db).toMatchObject({ service: 'postgres', host: 'db.internal', port: '6543', database: 'x_5' });
  });

  it('a project without resources plans as before', () => {
    const p = shopPlan(1);
    expect(p.resources).toEqual({});
    expect(p.secrets).toEqual([]);
    expect(p.files.some((f) => f.path.endsWith('resources.json'))).toBe(false);
  });
});
