import { describe, expect, it } from 'vitest';
import type { Config } from '../../scripts/config/types.js';
import { describePlan, operationsJson } from '../../scripts/plan/operations.js';
import { startOperations } from '../../scripts/plan/start-ops.js';
import { teardownOperations, type SlotObjects } from '../../scripts/plan/teardown-ops.js';
import { COMPOSE, ROOT, shopConfig, shopModel, shopPlan } from '../helpers/plan-inputs.js';

/** Issue 12, tier 1: ensure-resource in start (before anything of the slot runs) and drop-resource in clean. */
const PW = 'Zq0pWn3u8Jt6Rk2LxV9bHc4y';
const ME = { root: ROOT, id: '0f0f0f0f-this-checkout' };

function config(): Config {
  return {
    ...shopConfig(),
    shared: { services: ['postgres', 'redis'] },
    resources: {
      db: { kind: 'postgres', admin: 'postgres://postgres:adminpw@127.0.0.1:{{ports.postgres}}/postgres', database: 'shop_slot_{{slot}}' },
      cache: { kind: 'redis', url: 'redis://:redispw@127.0.0.1:{{ports.redis}}' },
      ns: { kind: 'command', exists: ['temporal', 'ns', 'describe', '{{project}}'], create: ['temporal', 'ns', 'create', '{{project}}'], drop: ['temporal', 'ns', 'delete', "it's {{project}}"] },
    },
  };
}
function plan(slot: number) {
  const model = shopModel(`shop-dev-${slot}`);
  model.services.postgres = { image: 'postgres:15', ports: [{ mode: 'ingress', host_ip: '127.0.0.1', target: 5432, published: '5432', protocol: 'tcp' }] };
  return shopPlan(slot, { config: config(), model, resourcePasswords: { db: PW } });
}
const kinds = (ops: { kind: string }[]) => ops.map((o) => o.kind);

describe('resource operations', () => {
  it('start brings the shared services up, then ensures every resource, before compose and the apps', () => {
    const ops = startOperations(plan(2), { containers: [], volumes: [], procs: [], applied: undefined, probes: {} }, COMPOSE, ME);
    expect(kinds(ops)).toEqual([
      'claim-slot', 'check-ports', 'write-files', 'infra-up', 'ensure-resource', 'ensure-resource', 'ensure-resource',
      'compose-create', 'infra-attach', 'compose-up', 'wait-containers', 'pm2-start', 'pm2-start', 'wait-apps', 'record-applied',
    ]);
    // The shared services' ports are the infra's to check (under its lock), not the slot's.
    const check = ops.find((o) => o.kind === 'check-ports') as Extract<typeof ops[number], { kind: 'check-ports' }>;
    const infraUp = ops.find((o) => o.kind === 'infra-up') as Extract<typeof ops[number], { kind: 'infra-up' }>;
    expect(check.ports.some((p) => infraUp.ports.some((q) => q.port === p.port))).toBe(false);
    expect(infraUp.ports.length).toBeGreaterThan(0);
    const lines = describePlan(ops.filter((o) => o.kind === 'ensure-resource'), { showSecrets: false, values: false });
    expect(lines).toEqual([
      "ensure postgres database shop_slot_2 owned by role shop_slot_2 on 127.0.0.1:5432 (resources.db)  # resources.db: made if missing, before the slot's apps start (idempotent)",
      "check redis DB 2 exists and mark it as this checkout's (SET devslot:owner NX; refused if another checkout's) on 127.0.0.1:6379 (resources.cache)  # resources.cache: made if missing, before the slot's apps start (idempotent)",
      "temporal ns describe shop-dev-2 || temporal ns create shop-dev-2  (resources.ns)  # resources.ns: made if missing, before the slot's apps start (idempotent)",
    ]);
  });

  it('--dry-run --json masks the slot password and the admin credentials', () => {
    const ops = startOperations(plan(2), { containers: [], volumes: [], procs: [], applied: undefined, probes: {} }, COMPOSE, ME);
    const json = JSON.stringify(operationsJson(ops.filter((o) => o.kind === 'ensure-resource'), false));
    expect(json).not.toContain(PW);
    expect(json).not.toContain('adminpw');
    expect(json).not.toContain('redispw');
    expect(JSON.stringify(operationsJson(ops.filter((o) => o.kind === 'ensure-resource'), true))).toContain(PW);
  });

  it('clean drops exactly the recorded resources of its slot, after compose down and before the folder', () => {
    const p = plan(3);
    const objects: SlotObjects = { slot: 3, project: 'shop-dev-3', root: ROOT, containers: [], networks: [], volumes: [], apps: [] };
    const ops = teardownOperations(objects, { volumes: true, removeDir: '.instances/instance-3', hint: 'x', resources: Object.values(p.resources) }, COMPOSE);
    expect(kinds(ops)).toEqual(['drop-resource', 'drop-resource', 'drop-resource', 'remove-dir']);
    expect(describePlan(ops.slice(0, 3), { showSecrets: false, values: false })).toEqual([
      "drop postgres database shop_slot_3 WITH (FORCE) and role shop_slot_3 on 127.0.0.1:5432 (resources.db)  # resources.db of slot 3 (clean drops exactly this slot's resources)",
      "redis FLUSHDB of DB 3 only, unless another checkout's mark is on it, on 127.0.0.1:6379 (resources.cache)  # resources.cache of slot 3 (clean drops exactly this slot's resources)",
      "temporal ns describe shop-dev-3 && temporal ns delete 'it'\\''s shop-dev-3'  (resources.ns)  # resources.ns of slot 3 (clean drops exactly this slot's resources)",
    ]);
  });

  it('stop drops nothing', () => {
    const objects: SlotObjects = { slot: 3, project: 'shop-dev-3', root: ROOT, containers: [], networks: [], volumes: [], apps: [] };
    expect(teardownOperations(objects, { volumes: false, hint: 'x' }, COMPOSE)).toEqual([]);
  });
});

describe('check and shared services', () => {
  it('a URL to a shared service or a slot resource is not reported as another slot\'s port', async () => {
    const { findingsFor } = await import('../../scripts/plan/check.js');
    const model = shopModel('shop-dev-2');
    model.services.postgres = { image: 'postgres:15', ports: [{ mode: 'ingress', host_ip: '127.0.0.1', target: 5432, published: '5432', protocol: 'tcp' }] };
    const c = config();
    c.env.api!.set = { DATABASE_URL: '{{resources.db.url}}', REDIS_URL: '{{resources.cache.url}}' };
    const withRefs = shopPlan(2, { config: c, model, resourcePasswords: { db: PW } });
    const input = { config: c, model, files: new Map<string, string>(), plans: [withRefs], probe: withRefs, envFiles: [] } as unknown as Parameters<typeof findingsFor>[0];
    expect(findingsFor(input).filter((f) => f.kind === 'foreign-port')).toEqual([]);
    // Without shared services the same URLs are other slots' ports (slot 0's postgres and redis).
    const unshared = { ...c, shared: { services: [] }, resources: {} };
    unshared.env = { api: { ...c.env.api!, set: { DATABASE_URL: 'postgres://u@127.0.0.1:5432/x' } } };
    const plain = shopPlan(2, { config: unshared, model });
    expect(findingsFor({ ...input, config: unshared, plans: [plain], probe: plain } as typeof input).filter((f) => f.kind === 'foreign-port').map((f) => f.message)).toEqual([
      "env.api: DATABASE_URL in slot 2 points at port 5432, which is postgres of slot 0, not this slot's",
    ]);
  });
});
