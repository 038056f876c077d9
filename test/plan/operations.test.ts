import { describe, expect, it } from 'vitest';
import { DevslotError } from '../../scripts/errors.js';
import { describeOp, describePlan, operationsJson, type Operation } from '../../scripts/plan/operations.js';
import { composeMark, startOperations, type StartObserved } from '../../scripts/plan/start-ops.js';
import { restartOperations, teardownOperations, type SlotObjects, type TeardownWanted } from '../../scripts/plan/teardown-ops.js';
import type { SlotPlan } from '../../scripts/plan/slot-plan.js';
import { COMPOSE, container, network, OTHER_ROOT, proc, ROOT, SHOP_PM2, shopConfig, shopPlan, volume } from '../helpers/plan-inputs.js';

/**
 * The operations start, stop, clean, restart and prune build for a given observed state, compared
 * as the text `--dry-run` prints (one line per operation, `# cause` included). The executor runs
 * exactly these lists, so a changed line here is a changed behaviour.
 */
const plan = shopPlan(2);
const MARK = composeMark(plan);
const text = (ops: Operation[]) => describePlan(ops, { showSecrets: false, values: false });

/** The error a refusal throws, as its kind (runtime, foreign) and its one line. */
function refusal(build: () => unknown): { kind: string; message: string } {
  try {
    build();
  } catch (e) {
    if (e instanceof DevslotError) return { kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal, but operations were built');
}

// Lines that recur in the start cases below, exactly as --dry-run prints them.
const CHECK = 'check ports free: api=3411, redis=6579, web=8280  # before anything is created, every port this slot does not hold must be free';
const WRITE =
  'write .instances/{instance-2/docker-compose.override.yml,instance-2/compose.env,instance-2/api.env,instance-2/slot.json,.config.json}  # the slot files are regenerated from their templates on every start';
const UP = (cause: string) =>
  `docker compose -p shop-dev-2 --env-file .instances/instance-2/compose.env -f compose/compose.yml -f .instances/instance-2/docker-compose.override.yml up --detach --remove-orphans  # ${cause}`;
const WAIT_CONTAINERS = 'wait until up: redis, web (compose project shop-dev-2)  # start means up: every service running, healthy where it has a healthcheck';
const API_ENV = 'env LOG_LEVEL DEVSLOT_SLOT DEVSLOT_PROJECT DEVSLOT_PORT_API DEVSLOT_PORT_REDIS DEVSLOT_PORT_WEB PORT REDIS_URL WEB_URL API_TOKEN SLOT_LABEL SESSION_SECRET DEVSLOT_ROOT DEVSLOT_FINGERPRINT';
const WORKER_ENV = 'env DEVSLOT_SLOT DEVSLOT_PROJECT DEVSLOT_PORT_API DEVSLOT_PORT_REDIS DEVSLOT_PORT_WEB PORT REDIS_URL WEB_URL LOG_LEVEL API_TOKEN SLOT_LABEL SESSION_SECRET DEVSLOT_ROOT DEVSLOT_FINGERPRINT';
const START_API = (cause: string) => [
  `pm2 start api-2 --namespace shop-dev-2 merge_logs=true script=compose/apps/api.mjs autorestart=true cwd=/work/proj log_date_format=YYYY-MM-DDTHH:mm:ss.SSSZ  # ${cause}`,
  `    ${API_ENV}`,
];
const START_WORKER = (cause: string) => [
  `pm2 start worker-2 --namespace shop-dev-2 merge_logs=true script=compose/apps/worker.mjs autorestart=true cwd=/work/proj log_date_format=YYYY-MM-DDTHH:mm:ss.SSSZ  # ${cause}`,
  `    ${WORKER_ENV}`,
];
const WAIT_APPS = (...apps: string[]) => `wait until up: ${apps.join(', ')}  # start means up: every app online and staying so, passing its probe where it has one`;
const WAIT_API = 'api-2 (http://127.0.0.1:3411/health)';
const RECORD = 'record the plan as applied (.instances/instance-2/.applied)  # the next start compares against it to know there is nothing to do';

/** Slot 2 up from this plan: both services healthy, both apps online with its fingerprint, probe passing. */
function running(p: SlotPlan = plan): StartObserved {
  return {
    containers: [container(p, 'redis'), container(p, 'web')],
    volumes: [volume('shop-dev-2_redis-data')],
    procs: p.apps.map((a, i) => proc(a, i)),
    applied: MARK,
    probes: { api: true },
    claim: { name: 'shop-dev-2-devslot-claim', root: ROOT, id: ME.id },
  };
}
/** This checkout as the engine's claim records it. */
const ME = { root: ROOT, id: '0f0f0f0f-this-checkout' };
const CLAIM = 'claim shop-dev-2 on the Docker engine for /work/proj (volume shop-dev-2-devslot-claim)  # one checkout at a time holds a slot of this engine: claimed before anything is created';
const start = (seen: StartObserved, p: SlotPlan = plan) => startOperations(p, seen, COMPOSE, ME);
const [api, worker] = plan.apps as [SlotPlan['apps'][number], SlotPlan['apps'][number]];

describe('start', () => {
  it('on a fresh slot: preflight, files, compose up, every app, the waits, the mark', () => {
    expect(text(start({ containers: [], volumes: [], procs: [], applied: undefined, probes: {} }))).toEqual([
      CLAIM,
      CHECK,
      WRITE,
      UP('no container of shop-dev-2 exists yet'),
      WAIT_CONTAINERS,
      ...START_API('api-2 is not running'),
      ...START_WORKER('worker-2 is not running'),
      WAIT_APPS(WAIT_API, 'worker-2'),
      RECORD,
    ]);
  });

  it('on a slot that is up from this plan: nothing', () => {
    expect(start(running())).toEqual([]);
  });

  const cases: { name: string; seen: (s: StartObserved) => StartObserved; ops: string[] }[] = [
    {
      name: 'the plan mark differs: compose up again (idempotent), apps keep running',
      seen: (s) => ({ ...s, applied: 'mark-of-an-older-plan' }),
      ops: [CHECK, WRITE, UP('what compose runs changed since the last start (compose files, their variables, ports or names)'), WAIT_CONTAINERS, RECORD],
    },
    {
      name: 'a container exited',
      seen: (s) => ({ ...s, containers: [container(plan, 'redis', { state: 'exited', exitCode: 137, health: 'none' }), container(plan, 'web')] }),
      ops: [CHECK, WRITE, UP('service redis: exited with code 137'), WAIT_CONTAINERS, RECORD],
    },
    {
      name: 'a container was removed',
      seen: (s) => ({ ...s, containers: [container(plan, 'redis')] }),
      ops: [CHECK, WRITE, UP('service web: no container yet'), WAIT_CONTAINERS, RECORD],
    },
    {
      name: 'a container is unhealthy',
      seen: (s) => ({ ...s, containers: [container(plan, 'redis'), container(plan, 'web', { health: 'unhealthy' })] }),
      ops: [CHECK, WRITE, UP('service web: unhealthy'), WAIT_CONTAINERS, RECORD],
    },
    {
      name: 'an app runs with another fingerprint',
      seen: (s) => ({ ...s, procs: [proc(api, 0, { env: { ...proc(api, 0).env, DEVSLOT_FINGERPRINT: 'an-older-plan' } }), proc(worker, 1)] }),
      ops: [
        CHECK,
        WRITE,
        'pm2 delete api-2 (id 0, namespace shop-dev-2)  # replaced: api-2 runs another plan (its config or environment changed)',
        ...START_API('api-2 runs another plan (its config or environment changed)'),
        WAIT_APPS(WAIT_API),
        RECORD,
      ],
    },
    {
      name: 'an app fails its probe',
      seen: (s) => ({ ...s, probes: { api: false } }),
      ops: [CHECK, WRITE, 'pm2 delete api-2 (id 0, namespace shop-dev-2)  # replaced: api-2 fails its health probe', ...START_API('api-2 fails its health probe'), WAIT_APPS(WAIT_API), RECORD],
    },
    {
      name: 'an app errored',
      seen: (s) => ({ ...s, procs: [proc(api, 0), proc(worker, 1, { status: 'errored', pid: 0 })] }),
      ops: [CHECK, WRITE, 'pm2 delete worker-2 (id 1, namespace shop-dev-2)  # replaced: worker-2 is errored', ...START_WORKER('worker-2 is errored'), WAIT_APPS('worker-2'), RECORD],
    },
    {
      name: 'an app runs twice',
      seen: (s) => ({ ...s, procs: [proc(api, 0), proc(worker, 1), proc(worker, 5)] }),
      ops: [
        CHECK,
        WRITE,
        'pm2 delete worker-2 (id 1, namespace shop-dev-2)  # replaced: worker-2 runs 2 times',
        'pm2 delete worker-2 (id 5, namespace shop-dev-2)  # replaced: worker-2 runs 2 times',
        ...START_WORKER('worker-2 runs 2 times'),
        WAIT_APPS('worker-2'),
        RECORD,
      ],
    },
    {
      name: 'an app was deleted by hand',
      seen: (s) => ({ ...s, procs: [proc(worker, 1)] }),
      ops: [CHECK, WRITE, ...START_API('api-2 is not running'), WAIT_APPS(WAIT_API), RECORD],
    },
  ];
  it.each(cases)('on a running slot where $name', ({ seen, ops }) => {
    expect(text(start(seen(running())))).toEqual(ops);
  });

  it('with a changed app (its PM2 config gained an option): compose is left alone (its side did not change), only that app replaced', () => {
    const pm2Export = { apps: [{ ...SHOP_PM2.apps[0]!, max_memory_restart: '300M' }, SHOP_PM2.apps[1]!] };
    const changed = shopPlan(2, { pm2Export });
    const ops = startOperations(changed, { ...running(plan), applied: composeMark(changed) }, COMPOSE, ME);
    expect(composeMark(changed)).toBe(MARK);
    expect(text(ops)).toEqual([
      CHECK,
      WRITE,
      'pm2 delete api-2 (id 0, namespace shop-dev-2)  # replaced: api-2 runs another plan (its config or environment changed)',
      `pm2 start api-2 --namespace shop-dev-2 merge_logs=true script=compose/apps/api.mjs autorestart=true max_memory_restart=300M cwd=/work/proj log_date_format=YYYY-MM-DDTHH:mm:ss.SSSZ  # api-2 runs another plan (its config or environment changed)`,
      `    ${API_ENV}`,
      WAIT_APPS(WAIT_API),
      RECORD,
    ]);
  });

  it('with an app removed from the PM2 config: that app is deleted first, the others stay', () => {
    const config = shopConfig();
    config.env.api!.apps = ['api'];
    const dropped = shopPlan(2, { config, pm2Export: { apps: [SHOP_PM2.apps[0]!] } });
    // The api's own options did not change (its env file is the same), so it keeps running; the
    // compose side did not change either, so compose is not run again.
    const ops = startOperations(dropped, { ...running(plan), applied: composeMark(dropped) }, COMPOSE, ME);
    expect(text(ops)).toEqual([
      CHECK,
      WRITE,
      'pm2 delete worker-2 (id 1, namespace shop-dev-2)  # worker-2 is no longer in the PM2 config',
      RECORD,
    ]);
  });

  it('deletes apps dropped from the PM2 config in id order, whatever order PM2 lists them in', () => {
    const config = shopConfig();
    config.env.api!.apps = ['api'];
    const dropped = shopPlan(2, { config, pm2Export: { apps: [SHOP_PM2.apps[0]!] } });
    const cron = proc({ ...worker, name: 'cron-2', base: 'cron' }, 2);
    const deletes = (procs: StartObserved['procs']) => text(startOperations(dropped, { ...running(plan), procs }, COMPOSE, ME)).filter((l) => l.startsWith('pm2 delete'));
    const inIdOrder = ['pm2 delete worker-2 (id 1, namespace shop-dev-2)  # worker-2 is no longer in the PM2 config', 'pm2 delete cron-2 (id 2, namespace shop-dev-2)  # cron-2 is no longer in the PM2 config'];
    expect(deletes([proc(api, 0), proc(worker, 1), cron])).toEqual(inIdOrder);
    expect(deletes([cron, proc(api, 0), proc(worker, 1)])).toEqual(inIdOrder);
  });

  it('leaves the ports it holds itself to its own containers and apps', () => {
    const check = start({ ...running(), applied: 'older' })[0]!;
    expect(check).toMatchObject({ kind: 'check-ports', ownPorts: [6579, 8280], ownPids: [4000, 4001] });
  });

  it('is the same text for the same state, whatever order PM2 lists the apps in', () => {
    const listed = (procs: StartObserved['procs']) => text(start({ ...running(), procs }));
    const stopped = proc(api, 0, { status: 'stopped', pid: 0 });
    expect(listed([proc(worker, 1), stopped])).toEqual(listed([stopped, proc(worker, 1)]));
    expect(listed([stopped, proc(worker, 1)])).toContain('pm2 delete api-2 (id 0, namespace shop-dev-2)  # replaced: api-2 is stopped');
  });

  const refusals: { name: string; seen: (s: StartObserved) => StartObserved; error: { kind: string; message: string } }[] = [
    {
      name: "another checkout's container in the project",
      seen: (s) => ({ ...s, containers: [container(plan, 'redis', { root: OTHER_ROOT })] }),
      error: {
        kind: 'runtime',
        message: 'compose project shop-dev-2 belongs to /work/other-clone (container shop-dev-2-redis-1), not to this checkout; use another slot here, or stop it there',
      },
    },
    {
      name: "another checkout's volume in the project",
      seen: (s) => ({ ...s, containers: [], volumes: [volume('shop-dev-2_redis-data', OTHER_ROOT)] }),
      error: {
        kind: 'runtime',
        message: 'compose project shop-dev-2 belongs to /work/other-clone (volume shop-dev-2_redis-data), not to this checkout; use another slot here, or stop it there',
      },
    },
    {
      name: 'a PM2 namesake devslot did not start',
      seen: (s) => ({ ...s, procs: [proc(api, 9, { namespace: 'someone-else', env: {} })] }),
      error: {
        kind: 'runtime',
        message: "a PM2 app named api-2 already exists in namespace someone-else and is not this slot's; PM2 names are global, so rename or delete it first",
      },
    },
    {
      name: 'a PM2 namesake of this checkout in another namespace',
      seen: (s) => ({ ...s, procs: [proc(api, 9, { namespace: 'shop-dev-3' })] }),
      error: {
        kind: 'runtime',
        message: "a PM2 app named api-2 already exists in namespace shop-dev-3 (from /work/proj) and is not this slot's; PM2 names are global, so rename or delete it first",
      },
    },
    {
      name: "a PM2 namesake of another checkout in the same namespace",
      seen: (s) => ({ ...s, procs: [proc(api, 9, { env: { ...proc(api, 9).env, DEVSLOT_ROOT: OTHER_ROOT } })] }),
      error: {
        kind: 'runtime',
        message: "a PM2 app named api-2 already exists in namespace shop-dev-2 (from /work/other-clone) and is not this slot's; PM2 names are global, so rename or delete it first",
      },
    },
  ];
  it.each(refusals)('refuses $name, before any operation', ({ seen, error }) => {
    expect(refusal(() => start(seen(running())))).toEqual(error);
  });

  it("refuses a container compose made without devslot's labels, naming it", () => {
    const { kind, message } = refusal(() => start({ ...running(), containers: [container(plan, 'redis', { root: undefined })] }));
    expect(kind).toBe('runtime');
    expect(message).toContain('(container shop-dev-2-redis-1)');
  });

  it('accepts an unlabelled volume of the project (compose reuses it as it is)', () => {
    expect(start({ ...running(), volumes: [volume('shop-dev-2_redis-data', null)] })).toEqual([]);
  });
});

/** Slot 2 as observe finds it: 2 containers, its network and volume, its 2 apps (listed out of id order). */
function slotObjects(over: Partial<SlotObjects> = {}): SlotObjects {
  return {
    slot: 2,
    project: 'shop-dev-2',
    root: ROOT,
    containers: [container(plan, 'redis'), container(plan, 'web')],
    networks: [network('shop-dev-2_default')],
    volumes: [volume('shop-dev-2_redis-data')],
    apps: [proc(worker, 7), proc(api, 3, { status: 'stopped', pid: 0 })],
    ...over,
  };
}
const HEX_A = 'a'.repeat(64);
const HEX_B = 'b'.repeat(64);
const STOP: TeardownWanted = { volumes: false, hint: 'stop it from there' };
const CLEAN: TeardownWanted = { volumes: true, removeDir: '.instances/instance-2', hint: 'stop it from there' };
const PRUNE: TeardownWanted = { volumes: true, hint: 'prune removes only what belongs to the gone checkout' };
const teardown = (s: SlotObjects, want: TeardownWanted) => text(teardownOperations(s, want, COMPOSE));

describe('stop, clean and prune: one teardown', () => {
  const cases: { name: string; objects: SlotObjects; want: TeardownWanted; ops: string[] }[] = [
    {
      name: 'stop of a running slot: apps by id, then compose down keeping volumes',
      objects: slotObjects(),
      want: STOP,
      ops: [
        'pm2 delete api-2 (id 3, namespace shop-dev-2)  # app of slot 2 (stopped)',
        'pm2 delete worker-2 (id 7, namespace shop-dev-2)  # app of slot 2 (online)',
        'docker compose -p shop-dev-2 down --remove-orphans  # 2 container(s), 1 network(s) of shop-dev-2',
      ],
    },
    {
      name: 'stop of a slot whose containers mount anonymous volumes: compose down, then those volumes by name, each once',
      objects: slotObjects({
        containers: [container(plan, 'redis', { anonymousVolumes: [HEX_B, HEX_A] }), container(plan, 'web', { anonymousVolumes: [HEX_A] })],
        apps: [],
      }),
      want: STOP,
      ops: [`docker compose -p shop-dev-2 down --remove-orphans, then docker volume rm ${HEX_A} ${HEX_B} (the anonymous volumes its containers mounted)  # 2 container(s), 1 network(s) of shop-dev-2`],
    },
    {
      name: 'stop with only the apps left',
      objects: slotObjects({ containers: [], networks: [] }),
      want: STOP,
      ops: ['pm2 delete api-2 (id 3, namespace shop-dev-2)  # app of slot 2 (stopped)', 'pm2 delete worker-2 (id 7, namespace shop-dev-2)  # app of slot 2 (online)'],
    },
    {
      name: 'stop of a stopped slot (only its volume left)',
      objects: slotObjects({ containers: [], networks: [], apps: [] }),
      want: STOP,
      ops: [],
    },
    {
      name: 'clean of a running slot: volumes and the folder too',
      objects: slotObjects(),
      want: CLEAN,
      ops: [
        'pm2 delete api-2 (id 3, namespace shop-dev-2)  # app of slot 2 (stopped)',
        'pm2 delete worker-2 (id 7, namespace shop-dev-2)  # app of slot 2 (online)',
        'docker compose -p shop-dev-2 down --remove-orphans --volumes  # 2 container(s), 1 network(s), 1 volume(s) of shop-dev-2',
        "remove .instances/instance-2/ (keeping *.local.env)  # the slot's generated files (your *.local.env stay)",
      ],
    },
    {
      name: 'clean of a stopped slot: its volume and folder',
      objects: slotObjects({ containers: [], networks: [], apps: [] }),
      want: CLEAN,
      ops: [
        'docker compose -p shop-dev-2 down --remove-orphans --volumes  # 1 volume(s) of shop-dev-2',
        "remove .instances/instance-2/ (keeping *.local.env)  # the slot's generated files (your *.local.env stay)",
      ],
    },
    {
      name: 'prune of a gone worktree: everything of its root, volumes included',
      objects: slotObjects({
        root: '/work/gone-wt',
        containers: [container(plan, 'redis', { root: '/work/gone-wt' })],
        networks: [network('shop-dev-2_default', '/work/gone-wt')],
        volumes: [volume('shop-dev-2_redis-data', '/work/gone-wt')],
        apps: [proc(api, 3, { env: { DEVSLOT_ROOT: '/work/gone-wt' } })],
      }),
      want: PRUNE,
      ops: [
        'pm2 delete api-2 (id 3, namespace shop-dev-2)  # app of slot 2 (online)',
        'docker compose -p shop-dev-2 down --remove-orphans --volumes  # 1 container(s), 1 network(s), 1 volume(s) of shop-dev-2',
      ],
    },
  ];
  it.each(cases)('$name', ({ objects, want, ops }) => {
    expect(teardown(objects, want)).toEqual(ops);
  });

  it('stop leaves a foreign volume alone without refusing (it removes no volume)', () => {
    expect(teardown(slotObjects({ volumes: [volume('shop-dev-2_redis-data', OTHER_ROOT)] }), STOP)).toHaveLength(3);
  });

  const foreign: { name: string; objects: SlotObjects; want: TeardownWanted; message: string }[] = [
    {
      name: "stop meets another checkout's container",
      objects: slotObjects({ containers: [container(plan, 'redis'), container(plan, 'web', { root: OTHER_ROOT })] }),
      want: STOP,
      message: 'compose project shop-dev-2 holds container shop-dev-2-web-1 of /work/other-clone, not of this checkout (/work/proj); left it alone — stop it from there',
    },
    {
      name: 'stop meets a container compose made without devslot',
      objects: slotObjects({ containers: [container(plan, 'redis', { root: undefined })] }),
      want: STOP,
      message: 'compose project shop-dev-2 holds container shop-dev-2-redis-1 of a compose project devslot did not create, not of this checkout (/work/proj); left it alone — stop it from there',
    },
    {
      name: "stop meets another checkout's network",
      objects: slotObjects({ networks: [network('shop-dev-2_default', OTHER_ROOT)] }),
      want: STOP,
      message: 'compose project shop-dev-2 holds network shop-dev-2_default of /work/other-clone, not of this checkout (/work/proj); left it alone — stop it from there',
    },
    {
      name: 'stop meets an unlabelled network',
      objects: slotObjects({ networks: [network('shop-dev-2_default', null)] }),
      want: STOP,
      message: 'compose project shop-dev-2 holds network shop-dev-2_default of another tool, not of this checkout (/work/proj); left it alone — stop it from there',
    },
    {
      name: "clean meets another checkout's volume",
      objects: slotObjects({ volumes: [volume('shop-dev-2_redis-data', OTHER_ROOT)] }),
      want: CLEAN,
      message: 'compose project shop-dev-2 holds volume shop-dev-2_redis-data of /work/other-clone, not of this checkout (/work/proj); left it alone — stop it from there',
    },
    {
      name: "prune meets a live checkout's volume in the gone root's project",
      objects: slotObjects({ root: '/work/gone-wt', containers: [], networks: [], apps: [] }),
      want: PRUNE,
      message: 'compose project shop-dev-2 holds volume shop-dev-2_redis-data of /work/proj, not of this checkout (/work/gone-wt); left it alone — prune removes only what belongs to the gone checkout',
    },
  ];
  it.each(foreign)('$name → ForeignError naming it, no operation', ({ objects, want, message }) => {
    expect(refusal(() => teardownOperations(objects, want, COMPOSE))).toEqual({ kind: 'foreign', message });
  });
});

describe('restart', () => {
  const info = { compose: plan.compose, health: plan.health, apps: plan.apps.map((a) => ({ name: a.name, base: a.base })), namespace: plan.namespace };

  it('restarts containers and apps in place, then waits as start does', () => {
    expect(text(restartOperations(slotObjects(), info, COMPOSE))).toEqual([
      'docker compose -p shop-dev-2 --env-file .instances/instance-2/compose.env -f compose/compose.yml -f .instances/instance-2/docker-compose.override.yml restart  # 2 container(s) of shop-dev-2',
      'pm2 restart api-2 (id 3, namespace shop-dev-2)  # app of slot 2 (stopped)',
      'pm2 restart worker-2 (id 7, namespace shop-dev-2)  # app of slot 2 (online)',
      'wait until up: redis, web (compose project shop-dev-2)  # restart means up, as start does',
      'wait until up: api-2 (http://127.0.0.1:3411/health), worker-2  # restart means up, as start does',
    ]);
  });

  it('without a saved plan: compose by project name only, apps waited without probes', () => {
    expect(text(restartOperations(slotObjects(), undefined, COMPOSE))).toEqual([
      'docker compose -p shop-dev-2 restart  # 2 container(s) of shop-dev-2',
      'pm2 restart api-2 (id 3, namespace shop-dev-2)  # app of slot 2 (stopped)',
      'pm2 restart worker-2 (id 7, namespace shop-dev-2)  # app of slot 2 (online)',
      'wait until up: redis, web (compose project shop-dev-2)  # restart means up, as start does',
      'wait until up: api-2, worker-2  # restart means up, as start does',
    ]);
  });

  it('a slot with only apps: no compose call', () => {
    expect(text(restartOperations(slotObjects({ containers: [] }), info, []))).toEqual([
      'pm2 restart api-2 (id 3, namespace shop-dev-2)  # app of slot 2 (stopped)',
      'pm2 restart worker-2 (id 7, namespace shop-dev-2)  # app of slot 2 (online)',
      'wait until up: api-2 (http://127.0.0.1:3411/health), worker-2  # restart means up, as start does',
    ]);
  });
});

describe('secrets in what a dry run shows', () => {
  const startApi = start({ containers: [], volumes: [], procs: [], applied: undefined, probes: {} }).find((o) => o.kind === 'pm2-start' && o.app === 'api-2') as Extract<Operation, { kind: 'pm2-start' }>;
  const fingerprint = (startApi.options.env as Record<string, string>).DEVSLOT_FINGERPRINT!;

  it('by default an app environment is its keys only', () => {
    expect(describeOp(startApi, { values: false, showSecrets: false })).toEqual(START_API('api-2 is not running'));
  });

  it('with values (--explain): secret keys and URL passwords masked', () => {
    const lines = describeOp(startApi, { values: true, showSecrets: false });
    expect(lines.slice(1)).toEqual([
      '    env LOG_LEVEL="info"',
      '    env DEVSLOT_SLOT="2"',
      '    env DEVSLOT_PROJECT="shop-dev-2"',
      '    env DEVSLOT_PORT_API="3411"',
      '    env DEVSLOT_PORT_REDIS="6579"',
      '    env DEVSLOT_PORT_WEB="8280"',
      '    env PORT="3411"',
      '    env REDIS_URL="redis://:********@127.0.0.1:6579/0"',
      '    env WEB_URL="http://localhost:8280/"',
      '    env API_TOKEN="********"',
      '    env SLOT_LABEL="slot 2 of shop"',
      '    env SESSION_SECRET="********"',
      '    env DEVSLOT_ROOT="/work/proj"',
      // A hash of every value, secrets included: masked beside them.
      '    env DEVSLOT_FINGERPRINT="********"',
    ]);
    expect(lines.join('\n')).not.toMatch(/hunter2|tok-123|sess-2-xyz/);
    expect(describeOp(startApi, { values: true, showSecrets: true })).toContain(`    env DEVSLOT_FINGERPRINT="${fingerprint}"`);
  });

  it('with values and --show-secrets: the real values', () => {
    const lines = describeOp(startApi, { values: true, showSecrets: true });
    expect(lines).toContain('    env REDIS_URL="redis://:hunter2@127.0.0.1:6579/0"');
    expect(lines).toContain('    env API_TOKEN="tok-123"');
    expect(lines).toContain('    env SESSION_SECRET="sess-2-xyz"');
  });

  it('--json: env masked unless showSecrets, file contents left out, the operations themselves untouched', () => {
    const ops = start({ containers: [], volumes: [], procs: [], applied: undefined, probes: {} });
    const before = JSON.stringify(ops);
    const json = operationsJson(ops, false) as Record<string, unknown>[];
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/hunter2|tok-123|sess-2-xyz/);
    const jsonApi = json.find((o) => o.kind === 'pm2-start' && o.app === 'api-2') as { options: { env: Record<string, string> } };
    expect(jsonApi.options.env).toMatchObject({ API_TOKEN: '********', SESSION_SECRET: '********', REDIS_URL: 'redis://:********@127.0.0.1:6579/0', PORT: '3411' });
    expect(json.find((o) => o.kind === 'write-files')).toEqual({
      slot: 2,
      kind: 'write-files',
      root: ROOT,
      dir: '.instances/instance-2',
      files: ['.instances/instance-2/docker-compose.override.yml', '.instances/instance-2/compose.env', '.instances/instance-2/api.env', '.instances/instance-2/slot.json', '.instances/.config.json'],
      cause: 'the slot files are regenerated from their templates on every start',
    });
    expect(JSON.stringify(ops)).toBe(before);
    const shown = operationsJson(ops, true) as Record<string, unknown>[];
    expect((shown.find((o) => o.kind === 'pm2-start' && o.app === 'api-2') as { options: { env: Record<string, string> } }).options.env.API_TOKEN).toBe('tok-123');
  });
});
