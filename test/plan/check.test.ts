import { describe, expect, it } from 'vitest';
import type { Config } from '../../scripts/config/types.js';
import { findingsFor, refuseIfStrict, type CheckInput } from '../../scripts/plan/check.js';
import type { ComposeModel } from '../../scripts/plan/compose-model.js';
import type { SlotPlan } from '../../scripts/plan/slot-plan.js';

const config = {
  path: '/p/devslot.yaml', root: '/p', name: 'app', stride: 100, slots: 4,
  compose: { files: ['/p/compose.yml'], envFiles: [], profiles: [], perSlotMounts: ['/p/pgdata'], sharedMounts: ['/p/src'] },
  ports: {}, env: {}, pm2: { config: '/p/pm2.config.cjs', explicit: false }, health: {}, check: { strict: false }, hooks: {}, shared: { services: [] }, resources: {},
} as Config;
const planOf = (slot: number) => ({ slot, basePorts: { broker: 9092 }, ports: { broker: 9092 + slot * 100 }, env: {}, apps: [] }) as unknown as SlotPlan;
const input = (model: ComposeModel, files: Record<string, string> = {}): CheckInput => ({ config, model, plans: [planOf(0)], probe: planOf(1), envFiles: [], files: new Map(Object.entries(files)) });

describe('check findings (pure)', () => {
  it('read-only, per-slot and shared-by-config mounts are fine; system files are not data', () => {
    const model: ComposeModel = {
      services: {
        s: {
          volumes: [
            { type: 'bind', source: '/p/conf', target: '/c', read_only: true },
            { type: 'bind', source: '/p/pgdata', target: '/d' },
            { type: 'bind', source: '/p/src/app', target: '/app' },
            { type: 'bind', source: '/etc/localtime', target: '/etc/localtime' },
          ],
        },
      },
    };
    expect(findingsFor(input(model))).toEqual([]);
  });

  it('inside a container, a bind address and the container\'s own port are not leaks; the host\'s port is', () => {
    const model: ComposeModel = {
      services: {
        broker: {
          ports: [{ target: 9092, published: '9092' }],
          labels: { a: 'listen=0.0.0.0:9092', b: 'self=localhost:9092', c: 'host=host.docker.internal:9092' },
          environment: { STATSD: '127.0.0.1:8125', OTHER: 'http://localhost:9292' },
        },
      },
    };
    const f = findingsFor(input(model));
    expect(f.map((x) => `${x.kind} ${x.key}`)).toEqual(['base-port-label services.broker.labels.c', 'foreign-port services.broker.environment.OTHER']);
    expect(f[1]!.message).toMatch(/port 9292, which is broker of slot 2/);
  });

  it('post_start and pre_stop are said once each when this Compose accepts them but never runs them (before 2.30)', () => {
    const model = { services: { db: { image: 'postgres', post_start: [{ command: ['chown', '-R', '999', '/data'] }], pre_stop: [{ command: ['pg_dump'] }] }, web: { image: 'x' } } } as unknown as ComposeModel;
    const files = { '/p/compose.yml': 'services:\n  db:\n    post_start: []\n    pre_stop: []\n' };
    const found = findingsFor({ ...input(model, files), composeVersion: [2, 26, 1] });
    expect(found.map((f) => [f.kind, f.file, f.key, f.message])).toEqual([
      ['compose-lifecycle', 'compose.yml', 'services.db.post_start', 'Compose 2.26.1 accepts post_start of service db but never runs it (Compose runs it from 2.30.0)'],
      ['compose-lifecycle', 'compose.yml', 'services.db.pre_stop', 'Compose 2.26.1 accepts pre_stop of service db but never runs it (Compose runs it from 2.30.0)'],
    ]);
    expect(found[0]!.fix).toBe('upgrade Compose to 2.30.0 or newer, or run it as a devslot hook: hooks.post-start: [{ exec: { service: db, cmd: [...] } }]');
    expect(findingsFor({ ...input(model, files), composeVersion: [2, 30, 0] })).toEqual([]);
    expect(findingsFor(input(model, files))).toEqual([]); // version unknown: nothing claimed
  });

  it('strict refuses with exit 1 only when there are findings', () => {
    expect(() => refuseIfStrict([], true, 2)).not.toThrow();
    const one = findingsFor(input({ services: {}, networks: { n: { name: 'shared', external: true } } }));
    expect(() => refuseIfStrict(one, false, 2)).not.toThrow();
    expect(() => refuseIfStrict(one, true, 2)).toThrow(expect.objectContaining({ exitCode: 1, message: expect.stringMatching(/^slot 2: devslot check found 1 thing .*network shared is external/) }));
  });
});
