import { describe, expect, it } from 'vitest';
import { dropResourceOps } from '../../scripts/plan/resource-ops.js';
import type { PlannedResource } from '../../scripts/plan/resources.js';

/**
 * clean reads what to drop from resources.json, a file on disk. Whatever it says, the server's own
 * databases and roles, and the admin connection's, are never the slot's to drop.
 */
const ADMIN = 'postgres://admin:pw@127.0.0.1:5432/maint';
const pg = (database: string, user: string, admin = ADMIN) =>
  ({ name: 'db', kind: 'postgres', service: 'postgres', admin, database, user, password: 'x'.repeat(20), host: '127.0.0.1', port: '5432', url: '' }) as unknown as PlannedResource;

const refusal = (r: PlannedResource) => {
  try {
    dropResourceOps(1, [r], '/p');
  } catch (e) {
    return { kind: (e as { kind: string }).kind, message: (e as Error).message };
  }
  return undefined;
};

describe('clean never drops what no slot owns', () => {
  it.each([
    ['postgres', 'app_slot_1', 'database postgres'],
    ['template1', 'app_slot_1', 'database template1'],
    ['maint', 'app_slot_1', 'database maint'],
    ['app_slot_1', 'admin', 'role admin'],
    ['app_slot_1', 'postgres', 'role postgres'],
    ['template0', 'admin', 'database template0 and role admin'],
  ])('database %s, role %s → refused, naming %s', (database, user, named) => {
    expect(refusal(pg(database, user))).toEqual({
      kind: 'state',
      message: `resources.db of slot 1 names ${named}, which belong to the server or its admin connection, not to the slot; left them alone: fix or remove .instances/instance-1/resources.json (its record of what the slot's start made) and run clean again`,
    });
  });

  it("the slot's own database and role: one drop, as before", () => {
    expect(dropResourceOps(1, [pg('app_slot_1', 'app_slot_1')], '/p').map((o) => o.kind)).toEqual(['drop-resource']);
    expect(dropResourceOps(1, [pg('app_slot_1', 'app_slot_1', 'not a url')], '/p')).toHaveLength(1);
  });
});
