import { describe, expect, it } from 'vitest';
import type { ComposeModel } from '../../scripts/plan/compose-model.js';
import { buildPortTable, checkPortTable, portsForSlot, shiftMap } from '../../scripts/plan/ports.js';
import { PortPlanError } from '../../scripts/errors.js';
import { shellPortName } from '../../scripts/names.js';

/** Models as `docker compose config --format json` prints them (long syntax, ranges expanded). */
const model = (services: ComposeModel['services']): ComposeModel => ({ services });
const port = (published: string | undefined, target: number, extra: Record<string, unknown> = {}) => ({ mode: 'ingress', target, published, protocol: 'tcp', ...extra });

const stack = model({
  postgres: { ports: [port('5432', 5432, { host_ip: '127.0.0.1' })] },
  web: { ports: [port('8080', 80, { host_ip: '::1' }), port('8443', 443)] },
  dns: { ports: [port('5353', 53, { protocol: 'udp' })] },
  worker: { ports: [port(undefined, 9229)] },
});
const declared = { api: 3211 };

describe('port table', () => {
  const table = buildPortTable(declared, stack);
  it.each([
    [0, { api: 3211, postgres: 5432, postgres_5432: 5432, web: 8080, web_80: 8080, web_443: 8443, dns: 5353, dns_53: 5353 }],
    [1, { api: 3311, postgres: 5532, postgres_5432: 5532, web: 8180, web_80: 8180, web_443: 8543, dns: 5453, dns_53: 5453 }],
    [9, { api: 4111, postgres: 6332, postgres_5432: 6332, web: 8980, web_80: 8980, web_443: 9343, dns: 6253, dns_53: 6253 }],
  ])('slot %i', (slot, expected) => {
    expect(portsForSlot(table, slot, 100)).toEqual(expected);
  });

  it('slot 0 equals the base and the last valid slot is checked too', () => {
    const t = buildPortTable({ a: 65000 }, model({}));
    expect(portsForSlot(t, 0, 100)).toEqual({ a: 65000 });
    expect(() => checkPortTable(t, { stride: 100, slots: 6, privilegedOk: true })).not.toThrow(); // slot 5 → 65500
    expect(portsForSlot(t, 5, 100)).toEqual({ a: 65500 });
    expect(() => checkPortTable(t, { stride: 100, slots: 7, privilegedOk: true })).toThrow(/slot 6 becomes 65600/);
  });

  it('leaves ephemeral ports out of the table', () => {
    expect(table.named.map((p) => p.name)).not.toContain('worker');
    expect(table.bindings.some((b) => b.owner === 'service worker')).toBe(false);
  });

  it('shifts a published range as a range', () => {
    const t = buildPortTable({}, model({ app: { ports: [port('9000-9010', 80)] } }));
    expect(t.bindings[0]!.range).toEqual({ lo: 9000, hi: 9010 });
    const map = shiftMap(t, 2, 100);
    expect(map.get(9000)).toBe(9200);
    expect(map.get(9010)).toBe(9210);
  });

  it('a declared port that compose publishes under the same name is that one port', () => {
    const t = buildPortTable({ redis: 6379 }, model({ redis: { ports: [port('6379', 6379)] } }));
    expect(() => checkPortTable(t, { stride: 100, slots: 10, privilegedOk: false })).not.toThrow();
    expect(portsForSlot(t, 1, 100)).toEqual({ redis: 6479, redis_6379: 6479 });
    // Declared under another name, the same number is two owners of one port: refused.
    const other = buildPortTable({ cache: 6379 }, model({ redis: { ports: [port('6379', 6379)] } }));
    expect(() => checkPortTable(other, { stride: 100, slots: 10, privilegedOk: false })).toThrow(/port 6379 is used twice in every slot: by ports.cache and by service redis/);
  });

  it('expanded ranges (one entry per port) get one name per target', () => {
    const t = buildPortTable({}, model({ app: { ports: [port('8000', 8000), port('8001', 8001), port('8002', 8002)] } }));
    expect(portsForSlot(t, 1, 100)).toEqual({ app: 8100, app_8000: 8100, app_8001: 8101, app_8002: 8102 });
  });
});

describe('port checks', () => {
  const limits = { stride: 100, slots: 10, privilegedOk: false };

  it('reports a 6379/6479 collision with both services, the slots and the port', () => {
    const t = buildPortTable({}, model({ redis: { ports: [port('6379', 6379)] }, cache: { ports: [port('6479', 6379)] } }));
    let err: unknown;
    try {
      checkPortTable(t, limits);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PortPlanError);
    const msg = (err as Error).message;
    expect(msg).toContain('service redis');
    expect(msg).toContain('service cache');
    expect(msg).toContain('6479');
    expect(msg).toMatch(/slot 0/);
    expect(msg).toMatch(/slot 1/);
  });

  it('finds collisions between any two slots, not only neighbours', () => {
    const t = buildPortTable({ a: 5000, b: 5900 }, model({}));
    expect(() => checkPortTable(t, limits)).toThrow(/ports\.a \(5000\) and ports\.b \(5900\).*slot 9/);
    expect(() => checkPortTable(t, { ...limits, slots: 9 })).not.toThrow();
  });

  it('reports an overflow with the service and the port', () => {
    const t = buildPortTable({}, model({ grafana: { ports: [port('65000', 3000)] } }));
    expect(() => checkPortTable(t, limits)).toThrow(/overflow: service grafana publishes 65000.*slot 9 becomes 65900/);
  });

  it('refuses privileged ports unless root may keep them', () => {
    const t = buildPortTable({}, model({ web: { ports: [port('80', 80)] } }));
    expect(() => checkPortTable(t, limits)).toThrow(/port 80 of service web is privileged/);
    expect(() => checkPortTable(t, { ...limits, privilegedOk: true })).not.toThrow();
  });

  it('reports two services on one port within a slot', () => {
    const t = buildPortTable({ api: 3000 }, model({ web: { ports: [port('3000', 80)] } }));
    expect(() => checkPortTable(t, limits)).toThrow(/port 3000 is used twice in every slot: by ports\.api and by service web/);
  });

  it('lets TCP and UDP, or distinct host IPs, share a number', () => {
    const t = buildPortTable({}, model({
      dns: { ports: [port('5353', 53, { protocol: 'udp' })] },
      web: { ports: [port('5353', 80)] },
      a: { ports: [port('7000', 80, { host_ip: '127.0.0.1' })] },
      b: { ports: [port('7000', 80, { host_ip: '127.0.0.2' })] },
    }));
    expect(() => checkPortTable(t, limits)).not.toThrow();
  });

  it('catches a range wider than the stride colliding with itself in the next slot', () => {
    const t = buildPortTable({}, model({ media: { ports: [port('10000-10150', 10000, { protocol: 'udp' })] } }));
    expect(() => checkPortTable(t, limits)).toThrow(/service media \(10000 and 10100\)/);
  });

  it('rejects a declared port name that clashes with a compose one', () => {
    expect(() => buildPortTable({ redis: 7000 }, model({ redis: { ports: [port('6379', 6379)] } }))).toThrow(/duplicate port name `redis`/);
  });

  it('rejects two services whose port names clash, directly or as DEVSLOT_PORT_*', () => {
    expect(() => buildPortTable({}, model({ web: { ports: [port('8080', 80)] }, web_80: { ports: [port('8090', 81)] } }))).toThrow(/duplicate port name `web_80`: service web \(target 80\) is 8080 but service web_80 \(target 81\) is 8090/);
    expect(() => buildPortTable({}, model({ 'a-b': { ports: [port('7000', 80)] }, a_b: { ports: [port('7010', 80)] } }))).toThrow(/both become DEVSLOT_PORT_A_B/);
    expect(() => buildPortTable({ redis: 6379 }, model({ redis: { ports: [port('6379', 6379)] } }))).not.toThrow();
  });
});

describe('shellPortName: `ports` output is safe to eval', () => {
  it.each([
    ['redis', 'REDIS'],
    ['web-ui', 'WEB_UI'],
    ['api_3211', 'API_3211'],
    ['path', 'DEVSLOT_PORT_PATH'],
    ['home', 'DEVSLOT_PORT_HOME'],
    ['uid', 'DEVSLOT_PORT_UID'],
    ['ifs', 'DEVSLOT_PORT_IFS'],
    ['ld_preload', 'DEVSLOT_PORT_LD_PRELOAD'],
    ['lc_all', 'DEVSLOT_PORT_LC_ALL'],
    ['2fa', 'DEVSLOT_PORT_2FA'],
    ['web.ui', 'WEB_UI'],
    ['devslot_slot', 'DEVSLOT_PORT_DEVSLOT_SLOT'],
  ])('%s → %s', (name, expected) => {
    expect(shellPortName(name)).toBe(expected);
  });
});

describe('DEVSLOT_PORT_* names (issue 17)', () => {
  it('a one-port service gets one variable; its <service>_<target> alias stays a port name; a multi-port service keeps every name', async () => {
    const { buildPortTable, envPortNames } = await import('../../scripts/plan/ports.js');
    const table = buildPortTable({ web: 5173 }, {
      services: {
        loki: { ports: [{ target: 3100, published: '3100', protocol: 'tcp' }] },
        minio: { ports: [{ target: 9000, published: '9000', protocol: 'tcp' }, { target: 9001, published: '9001', protocol: 'tcp' }] },
      },
    } as never);
    expect(table.named.map((p) => p.name)).toEqual(['web', 'loki', 'loki_3100', 'minio', 'minio_9000', 'minio_9001']);
    expect([...envPortNames(table)]).toEqual(['web', 'loki', 'minio', 'minio_9000', 'minio_9001']);
  });
});
