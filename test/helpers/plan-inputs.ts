import path from 'node:path';
import type { Config } from '../../scripts/config/types.js';
import type { ComposeModel } from '../../scripts/plan/compose-model.js';
import type { ContainerView, NetworkView, Pm2Proc, VolumeView } from '../../scripts/plan/observed.js';
import { pm2Options } from '../../scripts/plan/pm2-options.js';
import type { SlotApp } from '../../scripts/plan/pm2-apps.js';
import { planSlot, type PlanInput, type SlotPlan } from '../../scripts/plan/slot-plan.js';
import { LABEL_ROOT } from '../../scripts/names.js';

/**
 * In-memory inputs for the pure planner: a small "shop" project (redis + web in compose, api +
 * worker under PM2, one env template with a secret), shaped exactly as the loader hands them over
 * (validated Config, `docker compose config --format json` model, the ecosystem export). Fixed
 * root, version and hashes, so generated text is stable enough for inline snapshots.
 */
export const ROOT = '/work/proj';
export const OTHER_ROOT = '/work/other-clone';
export const VERSION = '0.0.0-test';

export function shopConfig(): Config {
  return {
    path: path.join(ROOT, 'devslot.yaml'),
    root: ROOT,
    name: 'shop',
    stride: 100,
    slots: 10,
    compose: { files: [path.join(ROOT, 'compose/compose.yml')], envFiles: [], profiles: [], perSlotMounts: [], sharedMounts: [] },
    check: { strict: false },
    hooks: {},
    urls: {},
    shared: { services: [] },
    resources: {},
    ports: { api: 3211 },
    env: {
      api: {
        from: [path.join(ROOT, 'compose/apps/api.env')],
        set: { SLOT_LABEL: 'slot {{slot}} of {{name}}', SESSION_SECRET: 'sess-{{slot}}-xyz' },
        apps: ['api', 'worker'],
      },
    },
    pm2: { config: path.join(ROOT, 'pm2.config.cts'), explicit: true },
    health: { api: { http: 'http://127.0.0.1:{{ports.api}}/health' } },
  };
}

export const API_ENV_TEMPLATE = [
  '# Template for the API environment',
  'PORT=3211',
  'REDIS_URL=redis://:hunter2@127.0.0.1:6379/0',
  'WEB_URL=http://localhost:8080/',
  'LOG_LEVEL=info',
  'API_TOKEN=tok-123',
  '',
].join('\n');

/** What `docker compose -p <project> -f compose/compose.yml config --format json` prints. */
export function shopModel(project: string): ComposeModel {
  return {
    name: project,
    networks: { default: { name: `${project}_default`, ipam: {} } },
    services: {
      redis: {
        image: 'redis:7',
        command: ['redis-server', '--appendonly', 'yes'],
        healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '1s', timeout: '3s', retries: 30 },
        networks: { default: null },
        ports: [{ mode: 'ingress', host_ip: '127.0.0.1', target: 6379, published: '6379', protocol: 'tcp' }],
        volumes: [{ type: 'volume', source: 'redis-data', target: '/data', volume: {} }],
      },
      web: {
        image: 'busybox:1.35',
        command: ['httpd', '-f', '-p', '80', '-h', '/www'],
        networks: { default: null },
        ports: [{ mode: 'ingress', host_ip: '127.0.0.1', target: 80, published: '8080', protocol: 'tcp' }],
        volumes: [{ type: 'bind', source: `${ROOT}/compose/web`, target: '/www', read_only: true, bind: { create_host_path: true } }],
      },
    },
    volumes: { 'redis-data': { name: `${project}_redis-data` } },
  };
}

export const SHOP_PM2 = {
  apps: [
    { name: 'api', script: 'compose/apps/api.mjs', autorestart: true, env: { LOG_LEVEL: 'debug' } },
    { name: 'worker', script: 'compose/apps/worker.mjs', autorestart: true },
  ],
};

export function shopInput(slot: number, over: Partial<PlanInput> = {}): PlanInput {
  const config = over.config ?? shopConfig();
  return {
    config,
    slot,
    model: shopModel(`${config.name}-dev-${slot}`),
    resolvedProject: `${config.name}-dev-${slot}`,
    hostNetworkSlotAware: new Set(),
    files: new Map([[path.join(ROOT, 'compose/apps/api.env'), API_ENV_TEMPLATE]]),
    sourceHashes: { 'devslot.yaml': 'hash-of-devslot-yaml', 'compose/compose.yml': 'hash-of-compose-yml', 'compose/apps/api.env': 'hash-of-api-env' },
    pm2Export: SHOP_PM2,
    privilegedOk: false,
    version: VERSION,
    ...over,
  };
}

export const shopPlan = (slot: number, over: Partial<PlanInput> = {}): SlotPlan => planSlot(shopInput(slot, over));

/** A container of the plan's compose project, running and healthy unless told otherwise. */
export function container(plan: SlotPlan, service: string, over: Partial<ContainerView> = {}): ContainerView {
  const names = Object.keys(plan.portSources).filter((name) => plan.portSources[name] === `service ${service}`);
  const published = new Map(names.map((name) => [plan.ports[name]!, plan.portTargets[name]!]));
  return {
    id: `id-${service}-${plan.slot}`,
    name: `${plan.project}-${service}-1`,
    project: plan.project,
    service,
    slot: plan.slot,
    root: plan.root,
    state: 'running',
    health: 'healthy',
    exitCode: undefined,
    ports: [...published].map(([port, target]) => ({ hostIp: '127.0.0.1', published: port, target, protocol: 'tcp' })),
    ...over,
  };
}

/** A PM2 app as the daemon lists it after devslot started `app` of this plan (same options, fingerprint). */
export function proc(app: SlotApp, id: number, over: Partial<Pm2Proc> = {}): Pm2Proc {
  return {
    id,
    name: app.name,
    namespace: app.namespace,
    status: 'online',
    pid: 4000 + id,
    restarts: 0,
    uptimeSince: 1_700_000_000_000,
    outLog: undefined,
    errLog: undefined,
    env: { ...((pm2Options(app).env ?? {}) as Record<string, string>) },
    ...over,
  };
}

/** A network or volume of the project, labelled with `root` (null: no devslot label, made by another tool). */
export const network = (name: string, root: string | null = ROOT): NetworkView => ({ name, labels: root === null ? {} : { [LABEL_ROOT]: root } });
export const volume = (name: string, root: string | null = ROOT): VolumeView => ({ name, labels: root === null ? {} : { [LABEL_ROOT]: root } });

/** What `docker compose version` resolves to on this machine's PATH; only echoed into argv. */
export const COMPOSE = ['docker', 'compose'];
