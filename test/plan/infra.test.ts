import { describe, expect, it } from 'vitest';
import { DevslotError } from '../../scripts/errors.js';
import type { ComposeModel } from '../../scripts/plan/compose-model.js';
import { planInfra } from '../../scripts/plan/infra.js';
import { attachNeed, infraDownOp, infraNeed } from '../../scripts/plan/infra-ops.js';
import { describeOp } from '../../scripts/plan/operations.js';
import { buildOverride } from '../../scripts/plan/override.js';
import { buildPortTable, checkPortTable, portsForSlot, shiftMap } from '../../scripts/plan/ports.js';
import { composeMark, resourcesMark, startOperations, type StartObserved } from '../../scripts/plan/start-ops.js';
import { COMPOSE, container, proc, ROOT, shopConfig, shopPlan } from '../helpers/plan-inputs.js';

/** Shared services (issue 12, DESIGN §9): fixed ports, a slot override that runs none of them, the infra's own override. */
const MODEL: ComposeModel = {
  services: {
    postgres: { image: 'postgres:15', ports: [{ target: 5432, published: '5432' }], networks: { default: null } },
    redis: { image: 'redis:7', ports: [{ target: 6379, published: '6379' }], networks: { default: null } },
    web: { image: 'busybox', ports: [{ target: 80, published: '8080' }], depends_on: { postgres: { condition: 'service_healthy', required: true }, redis: { condition: 'service_started', required: true } } },
    worker: { image: 'busybox', depends_on: { postgres: { condition: 'service_healthy', required: true }, web: { condition: 'service_started', required: true } } },
  },
} as unknown as ComposeModel;
const SHARED = new Set(['postgres', 'redis']);

describe('ports of shared services', () => {
  it('stay the same in every slot, in templates and in the rewrite of host:PORT tokens', () => {
    const table = buildPortTable({ api: 3000 }, MODEL, SHARED);
    expect(portsForSlot(table, 3, 100)).toMatchObject({ postgres: 5432, redis: 6379, web: 8380, api: 3300 });
    const shift = shiftMap(table, 3, 100);
    expect([shift.get(5432), shift.get(6379), shift.get(8080)]).toEqual([5432, 6379, 8380]);
  });

  it('are one fixed set that no slot\'s shifted port may land on', () => {
    const table = buildPortTable({ api: 5232 }, MODEL, SHARED);
    let message = '';
    try {
      checkPortTable(table, { stride: 100, slots: 4, privilegedOk: false });
    } catch (e) {
      message = (e as DevslotError).message;
    }
    expect(message).toBe('port 5432 of shared service postgres is the same in every slot, but ports.api (5232) moves onto it in slot 2; move one port so they differ by something other than a multiple of the stride (100) below 400, or change `stride`/`slots`');
    // Without sharing, the same table is fine only if nothing else collides: postgres moves too.
    expect(() => checkPortTable(buildPortTable({ api: 5232 }, MODEL), { stride: 100, slots: 4, privilegedOk: false })).toThrow(/port collision between slots/);
  });
});

describe("the slot's override", () => {
  const text = buildOverride({ model: MODEL, resolvedProject: 'app-dev-2', slot: 2, stride: 100, root: '/p', hostNetworkSlotAware: new Set(), header: '', sharedServices: SHARED }).text;

  it('runs no shared service (scale 0, nothing published) and drops the dependencies on them', () => {
    expect(text).toContain('  postgres:\n    scale: 0\n    ports: !override []\n');
    expect(text).toContain('  redis:\n    scale: 0\n    ports: !override []\n');
    // web depended only on shared services: reset; worker keeps its dependency on web.
    expect(text).toMatch(/ {2}web:\n(?:.*\n)*? {4}depends_on: !reset \{\}\n/);
    expect(text).toMatch(/ {2}worker:\n(?:.*\n)*? {4}depends_on: !override\n {6}web:\n {8}condition: service_started\n/);
  });
});

describe('the infra project', () => {
  const infra = planInfra({ name: 'app', model: MODEL, shared: ['postgres', 'redis'], composeFiles: ['compose.yml'], envFiles: [], profiles: [], ports: { postgres: 5432, redis: 6379 }, configFile: 'devslot.yaml' })!;

  it('is <name>-infra from the same compose files, running only the shared services, labelled as devslot\'s', () => {
    expect(infra.project).toBe('app-infra');
    expect(infra.services).toEqual(['postgres', 'redis']);
    expect(infra.files).toEqual(['compose.yml', '.instances/infra/docker-compose.override.yml']);
    expect(infra.envFiles).toEqual(['.instances/infra/compose.env']);
    const override = infra.written[0]!.content;
    expect(override).toContain('  web:\n    scale: 0\n');
    expect(override).toContain('  postgres:\n    labels:\n      dev.devslot.infra: app\n');
    expect(infra.written[1]!.content).toContain('COMPOSE_PROJECT_NAME=app-infra\nDEVSLOT_PORT_POSTGRES=5432\nDEVSLOT_PORT_REDIS=6379\n');
  });

  it('needs starting until every shared service is up, and joining a slot network it is not on', () => {
    const c = (service: string, over: object = {}) => ({ id: service, name: `app-infra-${service}-1`, project: 'app-infra', service, slot: undefined, root: undefined, state: 'running', health: 'healthy' as const, exitCode: undefined, ports: [], networks: ['app-infra_default'], ...over });
    expect(infraNeed(infra, [])).toBe('the shared services (app-infra) are not running');
    expect(infraNeed(infra, [c('postgres'), c('redis', { state: 'exited', exitCode: 1 })])).toMatch(/^shared service redis: /);
    expect(infraNeed(infra, [c('postgres'), c('redis')])).toBeUndefined();
    expect(attachNeed(infra, [c('postgres'), c('redis')], ['app-dev-2_default'])).toBe('postgres of app-infra is not on app-dev-2_default');
    expect(attachNeed(infra, [c('postgres', { networks: ['app-infra_default', 'app-dev-2_default'] }), c('redis', { networks: ['app-dev-2_default'] })], ['app-dev-2_default'])).toBeUndefined();
  });

  it('goes down by label and keeps every volume, anonymous ones too: removing them is infra clean\'s, confirmed', () => {
    const op = infraDownOp('app', 'app-infra', COMPOSE, 'infra stop');
    expect(op).toMatchObject({ kind: 'infra-down', anonymousVolumes: [] });
    expect(describeOp(op, { showSecrets: false, values: false })).toEqual(['docker compose -p app-infra down --remove-orphans  # infra stop (app)']);
  });
});

describe('a slot whose services are all shared', () => {
  const plan = shopPlan(2, { config: { ...shopConfig(), shared: { services: ['redis', 'web'] } } });
  const me = { root: ROOT, id: 'this-checkout' };
  const infraUp = plan.infra!.services.map((s) => ({ ...container(plan, s), project: plan.infra!.project, slot: undefined, networks: [`${plan.infra!.project}_default`] }));
  const kinds = (seen: Partial<StartObserved>) => startOperations(plan, { containers: [], volumes: [], procs: [], applied: undefined, probes: {}, ...seen }, COMPOSE, me).map((o) => o.kind);

  it('runs no compose of its own: no create, no attach, no up, no container wait', () => {
    expect(plan.compose.services).toEqual([]);
    expect(kinds({ infra: { containers: infraUp, slotNetworks: [] } })).toEqual(['claim-slot', 'check-ports', 'write-files', 'pm2-start', 'pm2-start', 'wait-apps', 'record-applied']);
    // Infra it (re)starts still joins the networks of the other slots that have containers.
    expect(kinds({ infra: { containers: [], slotNetworks: [] } })).toEqual(['claim-slot', 'check-ports', 'write-files', 'infra-up', 'infra-attach', 'pm2-start', 'pm2-start', 'wait-apps', 'record-applied']);
  });

  it('with resources and every app up, starts until a start of this plan has made them (the mark)', () => {
    const config = { ...shopConfig(), shared: { services: ['redis', 'web'] }, resources: { cache: { kind: 'redis' as const, service: 'redis', url: 'redis://127.0.0.1:{{ports.redis}}' } } };
    const withRes = shopPlan(2, { config });
    const seen = (applied: string | undefined): StartObserved => ({ containers: [], volumes: [], procs: withRes.apps.map((a, i) => proc(a, i)), applied, probes: { api: true }, claim: { name: 'shop-dev-2-devslot-claim', root: ROOT, id: me.id }, infra: { containers: infraUp, slotNetworks: [] } });
    expect(startOperations(withRes, seen(undefined), COMPOSE, me).map((o) => o.kind)).toEqual(['check-ports', 'write-files', 'ensure-resource', 'record-applied']);
    expect(startOperations(withRes, seen(resourcesMark(withRes)), COMPOSE, me)).toEqual([]);
    // The mark covers the resources themselves: new values (a lost resources.json means new
    // passwords) are made again, where the compose mark alone said there was nothing to do.
    const renewed = { ...withRes, resources: { cache: { ...withRes.resources!.cache!, url: 'redis://127.0.0.1:6399/2' } } } as typeof withRes;
    expect(composeMark(renewed)).toBe(composeMark(withRes));
    expect(startOperations(renewed, seen(resourcesMark(withRes)), COMPOSE, me).map((o) => o.kind)).toEqual(['check-ports', 'write-files', 'ensure-resource', 'record-applied']);
  });

  it('still runs compose when containers of an earlier plan are left, so they go', () => {
    expect(kinds({ containers: [container(plan, 'redis', { service: 'cache' })], infra: { containers: infraUp, slotNetworks: [] } })).toContain('compose-up');
  });
});
