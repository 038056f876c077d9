import { parse, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ComposeModel, ComposeService } from '../../scripts/plan/compose-model.js';
import { buildOverride } from '../../scripts/plan/override.js';

const OVERRIDE_TAG = [{ tag: '!override', collection: 'seq' as const, resolve: (v: unknown) => v }];
// Slot 2, stride 100: 9092 → 9292, 5173 → 5373 (5173 is a declared port, 9092 the broker's).
const shift = new Map([[9092, 9292], [5173, 5373], [8080, 8280]]);

function overrideOf(services: Record<string, ComposeService>, extra: Partial<Parameters<typeof buildOverride>[0]> = {}) {
  const model: ComposeModel = { services };
  const r = buildOverride({ model, resolvedProject: 'app-dev-2', slot: 2, stride: 100, root: '/p', hostNetworkSlotAware: new Set(), header: '', shift, ...extra });
  const doc = parse(r.text, { customTags: OVERRIDE_TAG }) as { services: Record<string, Record<string, unknown>> };
  return { ...r, doc, tagged: parseDocument(r.text, { customTags: OVERRIDE_TAG }) };
}

const tagOf = (d: ReturnType<typeof parseDocument>, at: string[]) => (d.getIn(at, true) as { tag?: string } | undefined)?.tag;
const broker = { target: 9092, published: '9092', protocol: 'tcp', mode: 'ingress' };

describe('rewriting host:PORT tokens inside services (DESIGN §11)', () => {
  // Each form: a localhost:BASE token moves, a :BASE1 suffix and a non-URL value stay.
  const cases: { name: string; svc: ComposeService; key: string[]; want: unknown; tagged: boolean }[] = [
    {
      name: 'command, string form',
      svc: { command: 'redpanda start --advertise-kafka-addr=localhost:9092 --other=localhost:90921 --x=6379' },
      key: ['command'],
      want: 'redpanda start --advertise-kafka-addr=localhost:9292 --other=localhost:90921 --x=6379',
      tagged: false,
    },
    {
      name: 'command, list form',
      svc: { command: ['redpanda', '--advertise-kafka-addr=localhost:9092', 'localhost:90921', ':9092', '9092'] },
      key: ['command'],
      want: ['redpanda', '--advertise-kafka-addr=localhost:9292', 'localhost:90921', ':9092', '9092'],
      tagged: true,
    },
    {
      name: 'entrypoint, string form',
      svc: { entrypoint: 'run --peer http://127.0.0.1:5173/x --n 5173' },
      key: ['entrypoint'],
      want: 'run --peer http://127.0.0.1:5373/x --n 5173',
      tagged: false,
    },
    {
      name: 'entrypoint, list form',
      svc: { entrypoint: ['run', 'http://localhost:5173', 'http://localhost:51730'] },
      key: ['entrypoint'],
      want: ['run', 'http://localhost:5373', 'http://localhost:51730'],
      tagged: true,
    },
    {
      name: 'healthcheck.test, list form (another service\'s host port)',
      svc: { healthcheck: { test: ['CMD', 'wget', '-q', 'http://host.docker.internal:5173/', 'localhost:51731'], interval: '5s' } },
      key: ['healthcheck', 'test'],
      want: ['CMD', 'wget', '-q', 'http://host.docker.internal:5373/', 'localhost:51731'],
      tagged: true,
    },
    {
      name: 'healthcheck.test, string form',
      svc: { healthcheck: { test: 'curl -f http://localhost:5173/ || exit 1', retries: 3 } },
      key: ['healthcheck', 'test'],
      want: 'curl -f http://localhost:5373/ || exit 1',
      tagged: false,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: the token moves, a longer number and a bare port stay`, () => {
      const { doc, tagged, rewrites } = overrideOf({ s: c.svc });
      expect(doc.services.s![c.key[0]!] && c.key.length === 2 ? (doc.services.s![c.key[0]!] as Record<string, unknown>)[c.key[1]!] : doc.services.s![c.key[0]!]).toEqual(c.want);
      expect(tagOf(tagged, ['services', 's', ...c.key])).toBe(c.tagged ? '!override' : undefined);
      expect(rewrites.length).toBeGreaterThan(0);
      expect(rewrites.every((r) => r.service === 's' && r.key === c.key.join('.'))).toBe(true);
    });
  }

  it('healthcheck keeps its other keys out of the override (compose merges healthcheck by key)', () => {
    const { doc } = overrideOf({ s: { healthcheck: { test: ['CMD', 'x', 'localhost:5173'], interval: '5s', retries: 3 } } });
    expect(doc.services.s!.healthcheck).toEqual({ test: ['CMD', 'x', 'localhost:5373'] });
  });

  it('environment, map form: only the changed keys are written', () => {
    const { doc, rewrites } = overrideOf({
      s: { environment: { CORS: 'http://localhost:5173', SUFFIX: 'http://localhost:51731', PLAIN: '9092', REDIS: 'redis:6379', EMPTY: null, KAFKA_PORT: '9092' } },
    });
    expect(doc.services.s!.environment).toEqual({ CORS: 'http://localhost:5373' });
    expect(rewrites).toEqual([{ service: 's', key: 'environment.CORS', from: 'http://localhost:5173', to: 'http://localhost:5373' }]);
  });

  it('environment, list form', () => {
    const { doc } = overrideOf({ s: { environment: ['CORS=http://localhost:5173,http://127.0.0.1:9092', 'SUFFIX=localhost:90920', 'PLAIN=:5173', 'BARE'] } });
    expect(doc.services.s!.environment).toEqual({ CORS: 'http://localhost:5373,http://127.0.0.1:9292' });
  });

  it('every other key of the service is unchanged: only ports, labels and rewritten keys are written', () => {
    const svc: ComposeService = {
      image: 'redpanda',
      ports: [broker],
      command: ['redpanda', '--advertise-kafka-addr=localhost:9092'],
      environment: { CORS: 'http://localhost:5173', KEEP: 'x' },
      volumes: [{ type: 'volume', source: 'data', target: '/data' }],
      working_dir: '/w',
      healthcheck: { test: ['CMD', 'true'] },
    };
    const { doc } = overrideOf({ s: svc });
    expect(Object.keys(doc.services.s!).sort()).toEqual(['command', 'environment', 'labels', 'ports']);
    const untouched = overrideOf({ s: { image: 'x', command: ['a', 'b'], environment: { A: 'localhost:1234' }, entrypoint: 'sh' } });
    expect(Object.keys(untouched.doc.services.s!)).toEqual(['labels']);
    expect(untouched.rewrites).toEqual([]);
  });

  it('inside a container, 0.0.0.0:P is a bind address and a healthcheck on its own port stays', () => {
    const { doc } = overrideOf({
      s: {
        ports: [broker],
        command: ['redpanda', '--kafka-addr=0.0.0.0:9092', '--advertise-kafka-addr=localhost:9092'],
        healthcheck: { test: ['CMD', 'rpk', '--brokers', 'localhost:9092'] },
      },
    });
    expect(doc.services.s!.command).toEqual(['redpanda', '--kafka-addr=0.0.0.0:9092', '--advertise-kafka-addr=localhost:9292']);
    expect(doc.services.s!.healthcheck).toBeUndefined();
  });

  it('a rewritten value keeps compose\'s own $$ escaping as it is (the resolved model is already escaped)', () => {
    const { text, doc } = overrideOf({ s: { environment: { U: 'http://u:pa$$s@localhost:5173' }, command: ['sh', '-c', 'echo $$CORS localhost:5173'] } }, { root: '/home/$me' });
    expect(doc.services.s!.environment).toEqual({ U: 'http://u:pa$$s@localhost:5373' });
    expect(doc.services.s!.command).toEqual(['sh', '-c', 'echo $$CORS localhost:5373']);
    expect(text).toContain('/home/$$me'); // devslot's own values are still escaped
  });

  it('nothing moves in slot 0 (no shift)', () => {
    const { rewrites } = overrideOf({ s: { command: 'x localhost:9092' } }, { shift: new Map(), slot: 0 });
    expect(rewrites).toEqual([]);
  });
});

describe('per-slot bind mounts (compose.perSlotMounts)', () => {
  it('points the mount at the slot folder, same target and mode; others stay in the base list', () => {
    const svc: ComposeService = {
      volumes: [
        { type: 'bind', source: '/p/pgdata', target: '/var/lib/postgresql/data', bind: { create_host_path: true } },
        { type: 'bind', source: '/p/pgdata/sub', target: '/x', read_only: true },
        { type: 'bind', source: '/p/conf', target: '/etc/conf', read_only: true },
        { type: 'volume', source: 'named', target: '/named' },
      ],
    };
    const { doc, mounts } = overrideOf({ db: svc }, { perSlotMounts: { sources: ['/p/pgdata'], root: '/p', dir: '.instances/instance-2' } });
    expect(doc.services.db!.volumes).toEqual([
      { type: 'bind', source: '/p/.instances/instance-2/mounts/pgdata', target: '/var/lib/postgresql/data', bind: { create_host_path: true } },
      { type: 'bind', source: '/p/.instances/instance-2/mounts/pgdata/sub', target: '/x', read_only: true, bind: { create_host_path: true } },
    ]);
    expect(mounts).toEqual([
      { service: 'db', target: '/var/lib/postgresql/data', from: '/p/pgdata', to: '.instances/instance-2/mounts/pgdata' },
      { service: 'db', target: '/x', from: '/p/pgdata/sub', to: '.instances/instance-2/mounts/pgdata/sub' },
    ]);
  });

  it('a similarly named sibling is not inside the configured source', () => {
    const { doc } = overrideOf({ db: { volumes: [{ type: 'bind', source: '/p/pgdata2', target: '/d' }] } }, { perSlotMounts: { sources: ['/p/pgdata'], root: '/p', dir: '.instances/instance-2' } });
    expect(doc.services.db!.volumes).toBeUndefined();
  });
});
