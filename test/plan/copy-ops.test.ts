import { describe, expect, it } from 'vitest';
import { copyOperations, undoOperations, type CopyInput } from '../../scripts/plan/copy-ops.js';
import type { Operation } from '../../scripts/plan/operations.js';
import { describePlan, operationsJson } from '../../scripts/plan/operations.js';
import type { PlannedResource } from '../../scripts/plan/resources.js';

const base: CopyInput = {
  root: '/r', name: 'app', run: 'run1', pid: 42, now: '2026-01-01T00:00:00.000Z', image: 'debian:bookworm-slim',
  source: 'slot 1', sourceProject: 'app-dev-1',
  volumes: [
    { name: 'app-dev-1_data', key: 'data', labels: { 'com.docker.compose.project': 'app-dev-1', 'com.docker.compose.volume': 'data', 'com.docker.compose.version': '2.26.1', 'dev.devslot.root': '/r', 'dev.devslot.slot': '1' } },
    { name: 'app-dev-1_files', key: 'files', labels: { 'com.docker.compose.project': 'app-dev-1', 'com.docker.compose.volume': 'files', 'dev.devslot.root': '/r', 'dev.devslot.slot': '1' } },
  ],
  hold: [{ id: 'c1', name: 'app-dev-1-db-1' }, { id: 'c2', name: 'app-dev-1-web-1' }],
  stop: false,
  target: { kind: 'slot', slot: 3, project: 'app-dev-3' },
  replace: [],
  after: [],
};

const kinds = (ops: Operation[]) => ops.map((o) => o.kind);

describe('copyOperations', () => {
  it('records first, creates the targets before the pause, holds the source for the copy alone, forgets last', () => {
    expect(kinds(copyOperations(base))).toEqual(['record-copy', 'create-volume', 'create-volume', 'pause-containers', 'copy-volumes', 'resume-containers', 'forget-copy']);
  });

  it('labels a cloned volume as compose labels the target project\'s own, with devslot\'s root, slot and run', () => {
    const create = copyOperations(base).find((o) => o.kind === 'create-volume' && o.name === 'app-dev-3_data');
    expect(create && create.kind === 'create-volume' && create.labels).toEqual({
      'com.docker.compose.project': 'app-dev-3', 'com.docker.compose.volume': 'data', 'com.docker.compose.version': '2.26.1',
      'dev.devslot.root': '/r', 'dev.devslot.slot': '3', 'dev.devslot.copy.run': 'run1',
    });
  });

  it('labels a snapshot as devslot\'s and never as a compose project\'s (compose down -v must not take it)', () => {
    const ops = copyOperations({ ...base, target: { kind: 'snapshot', snapshot: 'seeded', fromSlot: 1 } });
    const create = ops.find((o) => o.kind === 'create-volume');
    expect(create?.kind === 'create-volume' && create.name).toBe('app-snap-seeded_data');
    const labels = create?.kind === 'create-volume' ? create.labels : {};
    expect(labels['com.docker.compose.project']).toBeUndefined();
    expect(labels).toMatchObject({ 'dev.devslot.snapshot': 'seeded', 'dev.devslot.snapshot.project': 'app', 'dev.devslot.root': '/r', 'dev.devslot.snapshot.volume': 'data', 'dev.devslot.snapshot.from': '1' });
  });

  it('a source that is not running is not held; --stop stops and starts instead of pausing', () => {
    expect(kinds(copyOperations({ ...base, hold: [] }))).not.toContain('pause-containers');
    const stop = copyOperations({ ...base, stop: true });
    expect(describePlan(stop, { showSecrets: false, values: false }).join('\n')).toMatch(/^stop app-dev-1-db-1, app-dev-1-web-1 .*--stop/m);
    expect(describePlan(stop, { showSecrets: false, values: false }).join('\n')).toMatch(/^start app-dev-1-db-1/m);
  });

  it('the record names what a killed run leaves: held containers, the volumes it creates, its helper', () => {
    const rec = copyOperations(base)[0]!;
    expect(rec.kind === 'record-copy' && rec.record).toEqual({ run: 'run1', pid: 42, project: 'app-dev-1', containers: base.hold, stopped: false, volumes: ['app-dev-3_data', 'app-dev-3_files'], helpers: ['devslot-copy-run1'] });
  });

  it('replaced volumes go before anything is created; the hooks and files come after the source is let go', () => {
    const after: Operation[] = [{ slot: 3, kind: 'record-applied', root: '/r', file: 'x', mark: 'm', cause: 'c' }];
    const ops = copyOperations({ ...base, replace: ['app-dev-3_data'], after });
    expect(kinds(ops)).toEqual(['record-copy', 'remove-volume', 'create-volume', 'create-volume', 'pause-containers', 'copy-volumes', 'resume-containers', 'record-applied', 'forget-copy']);
  });
});

describe('undoOperations', () => {
  const ops = copyOperations(base);
  const upTo = (kind: Operation['kind']) => ops.slice(0, ops.findIndex((o) => o.kind === kind));

  it('a copy that failed lets the source go, removes every volume it created, forgets the record', () => {
    const undo = undoOperations(ops, upTo('copy-volumes'));
    expect(kinds(undo)).toEqual(['resume-containers', 'remove-volume', 'remove-volume', 'forget-copy']);
    expect(undo.flatMap((o) => (o.kind === 'remove-volume' ? [o.name] : []))).toEqual(['app-dev-3_data', 'app-dev-3_files']);
  });

  it('a pause that failed half way still lets every held container go', () => {
    expect(kinds(undoOperations(ops, upTo('pause-containers')))).toEqual(['resume-containers', 'remove-volume', 'remove-volume', 'forget-copy']);
  });

  it('after the source was let go, a failure (a post-clone hook) does not resume it again', () => {
    expect(kinds(undoOperations(ops, upTo('forget-copy')))).toEqual(['remove-volume', 'remove-volume', 'forget-copy']);
  });

  it('a failure before the first volume was created removes nothing', () => {
    expect(kinds(undoOperations(ops, upTo('create-volume')))).toEqual(['forget-copy']);
    expect(undoOperations(ops, [])).toEqual([]);
  });
});

describe('copyOperations in shared-infra mode', () => {
  const pgRes = (slot: number): PlannedResource => ({ name: 'db', kind: 'postgres', service: 'postgres', admin: 'postgres://postgres:adminpw@127.0.0.1:5432/postgres', database: `app_slot_${slot}`, user: `app_slot_${slot}`, password: `pw-${slot}-secret-value`, host: '127.0.0.1', port: '5432', url: `postgres://app_slot_${slot}:pw-${slot}-secret-value@127.0.0.1:5432/app_slot_${slot}` });
  const redisRes = (slot: number): PlannedResource => ({ name: 'cache', kind: 'redis', service: 'redis', url: `redis://127.0.0.1:6379/${slot}`, baseUrl: 'redis://127.0.0.1:6379', index: slot, slots: 4 });
  const input: CopyInput = { ...base, resources: [{ from: pgRes(1), to: pgRes(3) }, { from: redisRes(1), to: redisRes(3) }] };

  it('copies each resource while the source is held, after its volumes', () => {
    expect(kinds(copyOperations(input))).toEqual(['record-copy', 'create-volume', 'create-volume', 'pause-containers', 'copy-volumes', 'copy-resource', 'copy-resource', 'resume-containers', 'forget-copy']);
    expect(kinds(copyOperations({ ...input, volumes: [], hold: [] }))).toEqual(['record-copy', 'copy-resource', 'copy-resource', 'forget-copy']);
  });

  it('the dry-run line says TEMPLATE, the closed source and REASSIGN OWNED, and shows no credential', () => {
    const text = describePlan(copyOperations({ ...input, replaceResources: true }), { showSecrets: false, values: false }).join('\n');
    expect(text).toContain('DROP DATABASE "app_slot_3" WITH (FORCE) if it exists; CREATE DATABASE "app_slot_3" TEMPLATE "app_slot_1" OWNER "app_slot_3" on 127.0.0.1:5432 ("app_slot_1" closed to connections meanwhile, its sessions ended), then REASSIGN OWNED BY "app_slot_1" TO "app_slot_3" in it (resources.db)  # resources.db of slot 3 becomes a copy of slot 1\'s');
    expect(text).toContain("redis: empty DB 3, then COPY every key of DB 1 into it but DB 1's devslot:owner mark, DB 3 marked as this checkout's instead (refused if DB 3 holds another checkout's mark) on 127.0.0.1:6379 (resources.cache)");
    // Without --force a target holding keys is refused too, and the line says so.
    expect(describePlan(copyOperations(input), { showSecrets: false, values: false }).join('\n')).toContain("(refused if DB 3 holds keys or another checkout's mark) on 127.0.0.1:6379");
    expect(text).not.toMatch(/adminpw|secret-value/);
    expect(JSON.stringify(operationsJson(copyOperations(input), false))).not.toMatch(/adminpw|secret-value/);
  });

  it('a failure after a resource was copied drops that copy (and only the target\'s)', () => {
    const ops = copyOperations(input);
    const done = ops.slice(0, ops.findIndex((o) => o.kind === 'copy-resource') + 1);
    const undo = undoOperations(ops, done);
    expect(kinds(undo)).toEqual(['resume-containers', 'remove-volume', 'remove-volume', 'drop-resource', 'forget-copy']);
    const drop = undo.find((o) => o.kind === 'drop-resource');
    expect(drop?.kind === 'drop-resource' && drop.resource).toEqual(pgRes(3));
    // Dropped as this checkout's (the root the copy ran in): the target's Redis DB carries its mark.
    expect(drop?.kind === 'drop-resource' && drop.cwd).toBe(base.root);
    expect(ops.filter((o) => o.kind === 'copy-resource').map((o) => o.kind === 'copy-resource' && o.cwd)).toEqual([base.root, base.root]);
  });
});
