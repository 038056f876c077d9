import { describe, expect, it } from 'vitest';
import { parseConfigYaml } from '../../scripts/config/parse-yaml.js';
import type { Config } from '../../scripts/config/types.js';
import { validateConfig } from '../../scripts/config/validate.js';
import { DevslotError } from '../../scripts/errors.js';
import { hookOperations } from '../../scripts/plan/hook-ops.js';
import { describePlan, operationsJson, type Operation } from '../../scripts/plan/operations.js';
import { MASK } from '../../scripts/plan/secrets.js';
import { composeMark, startOperations, type StartObserved } from '../../scripts/plan/start-ops.js';
import type { SlotPlan } from '../../scripts/plan/slot-plan.js';
import { COMPOSE, container, proc, ROOT, shopConfig, shopPlan, volume } from '../helpers/plan-inputs.js';

/** Hooks (DESIGN §10, issue 13): validated config, steps planned per slot, where start puts them. */
const hooksOf = (yaml: string): Config['hooks'] => {
  const { data, locate } = parseConfigYaml(`name: shop\n${yaml}`, 'devslot.yaml');
  return validateConfig(data, { path: `${ROOT}/devslot.yaml`, display: 'devslot.yaml', locate }).hooks;
};
const withHooks = (yaml: string, slot = 2): SlotPlan => shopPlan(slot, { config: { ...shopConfig(), hooks: hooksOf(yaml) } });
const text = (ops: Operation[]) => describePlan(ops, { showSecrets: false, values: false });
const ME = { root: ROOT, id: '0f0f0f0f-this-checkout' };

const HOOKS = `hooks:
  pre-start:
    - run: [node, scripts/check-env.mjs, "{{project}}"]
  created:
    - exec: { service: redis, cmd: [redis-cli, -p, "6379", SET, seeded, "slot {{slot}}"] }
      name: seed
    - script: scripts/migrate.mjs
      app: api
      env: { TARGET: "http://localhost:{{ports.api}}" }
  post-start:
    - run: [curl, -fsS, "http://127.0.0.1:{{ports.api}}/health"]
      timeout: 30
  pre-stop:
    - run: [echo, "stopping {{slot}}"]
`;

describe('hooks in devslot.yaml', () => {
  it('each step is one argv, exec or script; templates become words, never shell text', () => {
    const h = hooksOf(HOOKS);
    expect(h['created']).toEqual([
      { kind: 'exec', service: 'redis', argv: ['redis-cli', '-p', '6379', 'SET', 'seeded', 'slot {{slot}}'], env: {}, timeout: 600, name: 'seed' },
      { kind: 'script', file: `${ROOT}/scripts/migrate.mjs`, app: 'api', env: { TARGET: 'http://localhost:{{ports.api}}' }, timeout: 600 },
    ]);
    expect(h['post-start']?.[0]?.timeout).toBe(30);
  });

  it.each([
    ['hooks:\n  created: []\n', /devslot.yaml:3: hooks.created: expected a list of steps/],
    ['hooks:\n  crated:\n    - run: [x]\n', /hooks.crated: unknown key \(did you mean `created`\?\)/],
    ['hooks:\n  created:\n    - {}\n', /hooks.created\[0\]: a step is exactly one of/],
    ['hooks:\n  created:\n    - run: [a]\n      script: b.mjs\n', /a step is exactly one of .*not run and script/],
    ['hooks:\n  created:\n    - run: "npm run migrate"\n', /hooks.created\[0\].run: expected a list of words, like \[npm, run, migrate\], not one string/],
    ['hooks:\n  created:\n    - run: []\n', /hooks.created\[0\].run: expected a non-empty list of words/],
    ['hooks:\n  created:\n    - run: [""]\n', /hooks.created\[0\].run\[0\]: the command word is empty/],
    ['hooks:\n  created:\n    - exec: { cmd: [x] }\n', /hooks.created\[0\].exec: missing `service:`/],
    ['hooks:\n  created:\n    - exec: { service: db }\n', /hooks.created\[0\].exec: missing `cmd: \[argv…\]`/],
    ['hooks:\n  created:\n    - script: ../outside.mjs\n', /hooks.created\[0\].script: "..\/outside.mjs" must be a file inside the project/],
    ['hooks:\n  created:\n    - run: ["{{secret}}"]\n', /hooks.created\[0\].run\[0\]: unknown placeholder \{\{secret\}\}/],
    ['hooks:\n  created:\n    - run: [x]\n      timeout: 0\n', /hooks.created\[0\].timeout: expected seconds/],
  ])('refuses %j in one line', (yaml, message) => {
    expect(() => hooksOf(yaml)).toThrow(message);
  });

  it('a step naming a service or app the slot does not have is refused when planned, naming what exists', () => {
    const err = (yaml: string) => {
      try {
        withHooks(yaml);
      } catch (e) {
        return `${(e as DevslotError).kind}: ${(e as Error).message}`;
      }
      return 'planned';
    };
    expect(err('hooks:\n  created:\n    - exec: { service: postgres, cmd: [psql] }\n')).toBe(
      'config: devslot.yaml: hooks.created[0].exec.service: the slot has no service "postgres"; services: redis, web',
    );
    expect(err('hooks:\n  created:\n    - run: [x]\n      app: apx\n')).toBe('config: devslot.yaml: hooks.created[0].app: no PM2 app is named "apx"; apps: api, worker');
    expect(err('hooks:\n  created:\n    - run: ["{{ports.nope}}"]\n')).toMatch(/^config: devslot.yaml: hooks.created\[0\]: \{\{ports.nope\}\} names an unknown port `nope`/);
  });
});

describe('hook steps as operations', () => {
  const plan = withHooks(HOOKS);

  it('render per slot: argv words and env values carry the slot, host steps get the slot environment', () => {
    const [seed, migrate] = hookOperations(plan, 'created', 'why') as Extract<Operation, { kind: 'hook-step' }>[];
    expect(seed!.step).toMatchObject({ kind: 'exec', label: 'seed', argv: ['redis-cli', '-p', '6379', 'SET', 'seeded', 'slot 2'] });
    expect(seed!.env).toEqual({});
    expect(migrate!.step).toMatchObject({ kind: 'script', label: 'created[2]', file: 'scripts/migrate.mjs' });
    expect(migrate!.env).toMatchObject({ TARGET: 'http://localhost:3411', DEVSLOT_SLOT: '2', PORT: '3411', SESSION_SECRET: expect.any(String) });
    expect(text(hookOperations(plan, 'created', 'why'))).toEqual([
      'hook seed: in redis of shop-dev-2: redis-cli -p 6379 SET seeded \'slot 2\'  # why',
      'hook created[2]: zx scripts/migrate.mjs (environment of api)  # why',
    ]);
  });

  it('--dry-run --json masks the step environment unless --show-secrets', () => {
    const [, migrate] = operationsJson(hookOperations(plan, 'created', 'why'), false) as { env: Record<string, string> }[];
    expect(migrate!.env.SESSION_SECRET).toBe(MASK);
    expect(migrate!.env.DEVSLOT_SLOT).toBe('2');
    const [, shown] = operationsJson(hookOperations(plan, 'created', 'why'), true) as { env: Record<string, string> }[];
    expect(shown!.env.SESSION_SECRET).toBe(plan.env['api']!.values['SESSION_SECRET']);
  });
});

describe('start with hooks', () => {
  const plan = withHooks(HOOKS);
  const mark = composeMark(plan);
  const fresh: StartObserved = { containers: [], volumes: [], procs: [], applied: undefined, probes: {} };
  const up = (over: Partial<StartObserved> = {}): StartObserved => ({
    containers: [container(plan, 'redis'), container(plan, 'web')],
    volumes: [volume('shop-dev-2_redis-data')],
    procs: plan.apps.map((a, i) => proc(a, i)),
    applied: mark,
    probes: { api: true },
    claim: { name: 'shop-dev-2-devslot-claim', root: ROOT, id: ME.id },
    created: { volumes: ['shop-dev-2_redis-data'] },
    ...over,
  });
  const kinds = (ops: Operation[]) => ops.map((o) => (o.kind === 'hook-step' ? `hook ${o.step.label}` : o.kind));

  it('fresh: pre-start after the files, created after the containers are up and before the apps, post-start after every wait', () => {
    expect(kinds(startOperations(plan, fresh, COMPOSE, ME))).toEqual([
      'claim-slot', 'check-ports', 'write-files', 'hook pre-start[1]', 'compose-up', 'wait-containers',
      'hook seed', 'hook created[2]', 'record-created',
      'pm2-start', 'pm2-start', 'wait-apps', 'hook post-start[1]', 'record-applied',
    ]);
    const created = startOperations(plan, fresh, COMPOSE, ME).find((o) => o.kind === 'hook-step' && o.step.hook === 'created')!;
    expect(created.cause).toBe('hooks.created, before the apps start: the created hook has not succeeded for slot 2 yet');
  });

  it('up and recorded: nothing to do, no hook runs', () => {
    expect(startOperations(plan, up(), COMPOSE, ME)).toEqual([]);
  });

  it('up but the created hook never succeeded: start runs it (and only the hooks around it), retrying a failure', () => {
    const { created: _, ...notYet } = up();
    expect(kinds(startOperations(plan, notYet, COMPOSE, ME))).toEqual(['check-ports', 'write-files', 'hook pre-start[1]', 'hook seed', 'hook created[2]', 'record-created', 'hook post-start[1]', 'record-applied']);
  });

  it('a volume the created hook ran against was removed: it runs again, saying why', () => {
    const ops = startOperations(plan, up({ volumes: [], containers: [] }), COMPOSE, ME);
    expect(ops.find((o) => o.kind === 'hook-step' && o.step.label === 'seed')!.cause).toBe('hooks.created, before the apps start: volume shop-dev-2_redis-data of the slot was removed since the created hook ran');
  });

  it('--skip-hooks: no step runs, and a created hook still due does not make start act', () => {
    expect(kinds(startOperations(plan, fresh, COMPOSE, ME, { hooks: false }))).toEqual(['claim-slot', 'check-ports', 'write-files', 'compose-up', 'wait-containers', 'pm2-start', 'pm2-start', 'wait-apps', 'record-applied']);
    const { created: _, ...notYet } = up();
    expect(startOperations(plan, notYet, COMPOSE, ME, { hooks: false })).toEqual([]);
  });
});
