import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clonePostgres } from '../../scripts/adapters/postgres-clone.js';
import { dropPostgres, ensurePostgres, type PgTarget } from '../../scripts/adapters/postgres.js';
import { ResourceError } from '../../scripts/errors.js';
import { observeResourceCopies } from '../../scripts/observe/copy.js';
import { ownerMark } from '../../scripts/plan/owner-mark.js';
import type { PlannedResource } from '../../scripts/plan/resources.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * clone's Postgres target and checkout marks, on a real Postgres 15 (port 48602): the copy carries
 * the cloning checkout's mark (a TEMPLATE copy takes no comment along), and a target database
 * another checkout marked is never dropped, not even with --force; clone sees it before it acts.
 */
const PORT = 48602;
const CONTAINER = `h6c-pg-owner-${process.pid}`;
const ADMIN = `postgres://postgres:adminpw@127.0.0.1:${PORT}/postgres`;
const target: PgTarget = { resource: 'db', admin: ADMIN, timeoutMs: 10_000 };
const ME = { id: '11111111-aaaa', root: '/work/h6c-proj' };
const COPY = { id: '22222222-bbbb', root: '/work/h6c-proj-copy' };
const slot = (n: number) => ({ database: `h6c_slot_${n}`, user: `h6c_slot_${n}`, password: `pw-${n}` });
const planned = (n: number): PlannedResource => ({ name: 'db', kind: 'postgres', service: 'postgres', admin: ADMIN, ...slot(n), host: '127.0.0.1', port: String(PORT), url: '' });

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', timeout: 120_000 });

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN, connectionTimeoutMillis: 5000 });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const comment = (database: string) => admin(async (c) => (await c.query<{ d: string | null }>("SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = $1", [database])).rows[0]?.d);

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('clone of a slot database and checkout marks, on a real Postgres', () => {
  beforeAll(async () => {
    docker('run', '-d', '--name', CONTAINER, '-p', `127.0.0.1:${PORT}:5432`, '-e', 'POSTGRES_PASSWORD=adminpw', 'postgres:15');
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await admin(async () => undefined);
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }, 120_000);

  afterAll(() => {
    try { docker('rm', '-f', '-v', CONTAINER); } catch { /* never started */ }
  });

  it("the target carries the cloning checkout's mark, not the source's (which a TEMPLATE copy would not take anyway)", async () => {
    await ensurePostgres(target, slot(1), ME);
    expect(await comment('h6c_slot_1')).toBe(ownerMark(ME));
    await clonePostgres(target, slot(1), slot(3), false, { id: '33333333-cccc', root: ME.root });
    expect(await comment('h6c_slot_3')).toBe(ownerMark({ id: '33333333-cccc', root: ME.root }));
    expect(await comment('h6c_slot_1')).toBe(ownerMark(ME));
    // The clone's target is this checkout's: its clean drops it, a copy's clean does not.
    expect(await dropPostgres(target, slot(3), COPY)).toMatchObject({ droppedDatabase: false, foreign: ME.root });
    expect(await dropPostgres(target, slot(3), ME)).toMatchObject({ droppedDatabase: true });
  });

  it('a target another checkout marked is never replaced, not even with --force; clone sees it first', async () => {
    await ensurePostgres(target, slot(2), COPY);
    expect(await observeResourceCopies([{ from: planned(1), to: planned(2) }], ME.root)).toEqual({
      occupied: ['database h6c_slot_2'], missing: [], foreign: [`database h6c_slot_2 (resources.db) belongs to the checkout at ${COPY.root}`],
    });
    const err = await clonePostgres(target, slot(1), slot(2), true, ME).then(() => undefined, (e: Error) => e);
    expect(err).toBeInstanceOf(ResourceError);
    expect(err?.message).toBe(`resources.db: database h6c_slot_2 belongs to another copy of this project (the checkout at ${COPY.root}); clean it there, or clone into another slot`);
    expect(await comment('h6c_slot_2')).toBe(ownerMark(COPY));
    // Its own checkout may replace it.
    expect((await clonePostgres(target, slot(1), slot(2), true, COPY)).replaced).toBe(true);
    expect(await comment('h6c_slot_2')).toBe(ownerMark(COPY));
  });
});
