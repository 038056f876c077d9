import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPostgres, ensurePostgres, postgresExists, verifierMatches, type PgTarget } from '../../scripts/adapters/postgres.js';
import { checkRedisIndex, flushRedisDb, redisDatabases } from '../../scripts/adapters/redis.js';
import { commandResourceExists, runCommandResource } from '../../scripts/adapters/resource-command.js';
import { ConfigError, ResourceError } from '../../scripts/errors.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Issue 12, tier 2 with a real Postgres 15 and Redis 7 in containers (ports 34500/34501): the
 * per-slot resource adapters against the servers they will meet, including races and hostile names.
 */
const PG_PORT = 34500;
const REDIS_PORT = 34501;
const PG_NAME = `h12-adapters-pg-${process.pid}`;
const REDIS_NAME = `h12-adapters-redis-${process.pid}`;
const ADMIN = `postgres://postgres:adminpw@127.0.0.1:${PG_PORT}/postgres`;
const target: PgTarget = { resource: 'db', admin: ADMIN, timeoutMs: 10_000 };
const slot = (n: number, password = `pw-${n}-x`) => ({ database: `h12_slot_${n}`, user: `h12_slot_${n}`, password });

async function connectAs(user: string, password: string, database: string): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port: PG_PORT, user, password, database, connectionTimeoutMillis: 5000 });
  await c.connect();
  return c;
}

async function errorOf(p: Promise<unknown>): Promise<Error & { code?: string }> {
  return p.then(() => { throw new Error('expected a failure'); }, (e: Error) => e);
}

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', timeout: 120_000 });

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('per-slot resources on a real Postgres and Redis', () => {
  beforeAll(async () => {
    execFileSync('bash', [path.resolve('.ci/images.sh'), 'postgres:15', 'redis:7'], { stdio: 'ignore', timeout: 300_000 });
    docker('run', '-d', '--name', PG_NAME, '-p', `127.0.0.1:${PG_PORT}:5432`, '-e', 'POSTGRES_PASSWORD=adminpw', 'postgres:15');
    docker('run', '-d', '--name', REDIS_NAME, '-p', `127.0.0.1:${REDIS_PORT}:6379`, 'redis:7', 'redis-server', '--databases', '4', '--protected-mode', 'no');
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const c = new pg.Client({ connectionString: ADMIN, connectionTimeoutMillis: 2000 });
        c.on('error', () => undefined);
        await c.connect();
        await c.end();
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }, 360_000);

  afterAll(() => {
    for (const n of [PG_NAME, REDIS_NAME]) {
      try { docker('rm', '-f', '-v', n); } catch { /* never started */ }
    }
  });

  it('three slots ensured at the same moment all succeed, each role owning its database', async () => {
    const results = await Promise.all([1, 2, 3].map((n) => ensurePostgres(target, slot(n))));
    for (const r of results) expect(r).toEqual({ createdDatabase: true, createdRole: true, passwordChanged: false, ownerChanged: false });
    for (const n of [1, 2, 3]) {
      const c = await connectAs(`h12_slot_${n}`, `pw-${n}-x`, `h12_slot_${n}`);
      // Postgres 15: CREATE on public belongs to the database owner only.
      await c.query('CREATE TABLE t (v int)');
      await c.query('INSERT INTO t VALUES ($1)', [n]);
      await c.end();
    }
    expect(await postgresExists(target, slot(1))).toEqual({ database: true, role: true });
  });

  it('the SCRAM verifier Postgres stored matches only the right password', async () => {
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    const stored = (await admin.query<{ p: string }>('SELECT rolpassword AS p FROM pg_authid WHERE rolname = $1', ['h12_slot_1'])).rows[0]!.p;
    await admin.end();
    expect(stored).toMatch(/^SCRAM-SHA-256\$/);
    expect(verifierMatches(stored, 'h12_slot_1', 'pw-1-x')).toBe(true);
    expect(verifierMatches(stored, 'h12_slot_1', 'pw-1-y')).toBe(false);
  });

  it('a second ensure changes nothing', async () => {
    const again = await Promise.all([1, 2, 3].map((n) => ensurePostgres(target, slot(n))));
    for (const r of again) expect(r).toEqual({ createdDatabase: false, createdRole: false, passwordChanged: false, ownerChanged: false });
  });

  it("slot 2's role cannot connect to slot 1's database", async () => {
    const err = await errorOf(connectAs('h12_slot_2', 'pw-2-x', 'h12_slot_1'));
    expect(err.code).toBe('42501');
    expect(err.message).toMatch(/permission denied for database "h12_slot_1"/);
  });

  it('a role that exists with another password gets the new one', async () => {
    const r = await ensurePostgres(target, slot(2, "new'pw\\2;--"));
    expect(r.passwordChanged).toBe(true);
    const c = await connectAs('h12_slot_2', "new'pw\\2;--", 'h12_slot_2');
    expect((await c.query('SELECT v FROM t')).rows).toEqual([{ v: 2 }]);
    await c.end();
    expect((await errorOf(connectAs('h12_slot_2', 'pw-2-x', 'h12_slot_2'))).code).toBe('28P01');
  });

  it('drops a database while a session holds it, and says so; slots 1 and 2 keep their rows', async () => {
    const held = await connectAs('h12_slot_3', 'pw-3-x', 'h12_slot_3');
    held.on('error', () => undefined);
    const r = await dropPostgres(target, slot(3));
    expect(r).toEqual({ droppedDatabase: true, droppedRole: true, sessions: 1 });
    expect(await postgresExists(target, slot(3))).toEqual({ database: false, role: false });
    await held.end().catch(() => undefined);
    expect(await dropPostgres(target, slot(3))).toEqual({ droppedDatabase: false, droppedRole: false, sessions: 0 });
    const c = await connectAs('h12_slot_1', 'pw-1-x', 'h12_slot_1');
    expect((await c.query('SELECT v FROM t')).rows).toEqual([{ v: 1 }]);
    await c.end();
  });

  it("another copy of the project (other root, other id) neither takes over nor drops this checkout's database", async () => {
    const mine = { id: '11111111-aaaa', root: '/work/proj' };
    const copy = { id: '22222222-bbbb', root: '/work/proj-copy' };
    // An unmarked database (made before marks) becomes the first checkout's that ensures it.
    expect((await ensurePostgres(target, slot(6), mine)).createdDatabase).toBe(true);
    const err = await errorOf(ensurePostgres(target, slot(6, 'the-copys-password'), copy));
    expect(err).toBeInstanceOf(ResourceError);
    expect(err.message).toBe('resources.db: database h12_slot_6 belongs to another copy of this project (the checkout at /work/proj); stop and clean that slot there, or use another slot here');
    // Its role kept its password: the refusal came before anything changed.
    (await connectAs('h12_slot_6', 'pw-6-x', 'h12_slot_6')).end();
    expect(await dropPostgres(target, slot(6), copy)).toEqual({ droppedDatabase: false, droppedRole: false, sessions: 0, foreign: '/work/proj' });
    expect(await postgresExists(target, slot(6))).toEqual({ database: true, role: true });
    // The same root with a new id (its .identity replaced) is still this checkout.
    expect((await ensurePostgres(target, slot(6), { id: '33333333-cccc', root: '/work/proj' })).createdDatabase).toBe(false);
    expect(await dropPostgres(target, slot(6), mine)).toMatchObject({ droppedDatabase: true, droppedRole: true });
  });

  it('hostile names arrive as literal identifiers; too-long names are refused', async () => {
    const marker = path.join(os.tmpdir(), `h12-pwned-${process.pid}`);
    const name = `h12 "x"; DROP DATABASE h12_slot_1; --$(touch ${marker})`.slice(0, 63);
    const r = await ensurePostgres(target, { database: name, user: name, password: "p'; DROP ROLE h12_slot_1; --" });
    expect(r.createdDatabase && r.createdRole).toBe(true);
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    const dbs = (await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'h12%' ORDER BY 1")).rows.map((x) => x.datname);
    await admin.end();
    expect(dbs).toEqual([name, 'h12_slot_1', 'h12_slot_2'].sort());
    const c = await connectAs(name, "p'; DROP ROLE h12_slot_1; --", name);
    expect((await c.query('SELECT current_user AS u')).rows[0].u).toBe(name);
    await c.end();
    expect(fs.existsSync(marker)).toBe(false);
    expect((await dropPostgres(target, { database: name, user: name })).droppedDatabase).toBe(true);

    const long = await errorOf(ensurePostgres(target, { ...slot(1), database: 'd'.repeat(64) }));
    expect(long).toBeInstanceOf(ResourceError);
    expect(long.message).toBe('resources.db: the database name "' + 'd'.repeat(64) + '" is not usable in Postgres (1–63 bytes, no NUL)');
  });

  it('wrong admin credentials, a down server and a bad URL are typed errors naming what to check', async () => {
    const wrong = await errorOf(ensurePostgres({ ...target, admin: ADMIN.replace('adminpw', 'nope') }, slot(7)));
    expect(wrong).toBeInstanceOf(ResourceError);
    expect(wrong.message).toMatch(/^resources\.db: Postgres at postgres@127\.0\.0\.1:34500\/postgres refused the admin credentials \(.*\); check resources\.db\.postgres\.admin \(user and password\)$/);
    expect(wrong.message).not.toContain('nope');
    const down = await errorOf(ensurePostgres({ ...target, admin: 'postgres://postgres:s3cret@127.0.0.1:34599/postgres' }, slot(7)));
    expect(down).toBeInstanceOf(ResourceError);
    expect(down.message).toMatch(/is not reachable \(ECONNREFUSED\); is the shared service running\? Then check resources\.db\.postgres\.admin$/);
    expect(down.message).not.toContain('s3cret');
    const bad = await errorOf(ensurePostgres({ ...target, admin: 'not a url' }, slot(7)));
    expect(bad.message).toMatch(/admin URL is not a URL/);
    expect(await postgresExists(target, slot(7))).toEqual({ database: false, role: false });
  });

  it('redis: databases count, index check against it, FLUSHDB of one index only', async () => {
    const r = { resource: 'cache', url: `redis://127.0.0.1:${REDIS_PORT}` };
    expect(await redisDatabases(r)).toBe(4);
    await checkRedisIndex(r, 3);
    const err = await errorOf(checkRedisIndex(r, 4));
    expect(err).toBeInstanceOf(ResourceError);
    expect(err.message).toBe('resources.cache: slot 4 needs Redis DB 4, but the server has 4 databases (0–3); start Redis with `--databases 5` or more, or lower `slots`');
    await checkRedisIndex(r, 3, 4);
    const slotsErr = await errorOf(checkRedisIndex(r, 0, 5));
    expect(slotsErr).toBeInstanceOf(ConfigError);
    expect(slotsErr.message).toBe('resources.cache: `slots: 5` needs Redis DBs 0–4, but the server has 4 databases; lower `slots` to 4 or start Redis with `--databases 5`');
    const client = new Redis(`redis://127.0.0.1:${REDIS_PORT}`);
    for (const db of [1, 2, 3]) {
      await client.select(db);
      await client.set('k', `v${db}`);
    }
    await flushRedisDb(r, 2);
    const got: (string | null)[] = [];
    for (const db of [1, 2, 3]) {
      await client.select(db);
      got.push(await client.get('k'));
    }
    client.disconnect();
    expect(got).toEqual(['v1', null, 'v3']);
    const down = await errorOf(flushRedisDb({ resource: 'cache', url: 'redis://127.0.0.1:34599', timeoutMs: 2000 }, 1));
    expect(down).toBeInstanceOf(ResourceError);
    expect(down.message).toMatch(/^resources\.cache: Redis at 127\.0\.0\.1:34599 is not reachable/);
  });
});

describe('command resources run argv with no shell', () => {
  it('exists / create / drop with a hostile value as one literal argument', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h12-cmd-'));
    try {
      const t = { resource: 'ns', cwd: dir, env: process.env, timeoutMs: 10_000 };
      const name = `a'b"; touch pwned; $(touch pwned2)`;
      const exists = [process.execPath, '-e', 'process.exit(require("fs").existsSync(process.argv[1]) ? 0 : 1)', name];
      expect(await commandResourceExists(t, exists)).toBe(false);
      await runCommandResource(t, 'create', ['touch', name]);
      expect(await commandResourceExists(t, exists)).toBe(true);
      expect(fs.readdirSync(dir)).toEqual([name]);
      await runCommandResource(t, 'drop', ['rm', name]);
      expect(fs.readdirSync(dir)).toEqual([]);
      const failed = await errorOf(runCommandResource(t, 'drop', ['rm', name]));
      expect(failed).toBeInstanceOf(ResourceError);
      expect(failed.message).toMatch(/^resources\.ns\.command\.drop: `rm` exited with code 1: rm: cannot remove/);
      const missing = await errorOf(runCommandResource(t, 'create', ['h12-no-such-tool']));
      expect(missing.message).toBe('resources.ns.command.create: cannot run `h12-no-such-tool` (ENOENT); is it installed and on PATH?');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('password verifiers', () => {
  it('md5 verifiers match only the right password and user', () => {
    const stored = `md5${createHash('md5').update('pwu').digest('hex')}`;
    expect(verifierMatches(stored, 'u', 'pw')).toBe(true);
    expect(verifierMatches(stored, 'u', 'pX')).toBe(false);
    expect(verifierMatches(stored, 'v', 'pw')).toBe(false);
    expect(verifierMatches('', 'u', 'pw')).toBe(false);
  });
});
