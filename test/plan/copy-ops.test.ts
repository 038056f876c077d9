import { describe, expect, it } from 'vitest';
import { copyOperations, undoOperations, type CopyInput } from '../../scripts/plan/copy-ops.js';
import type { Operation } from '../../scripts/plan/operations.js';
import { describePlan } from '../../scripts/plan/operations.js';

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
