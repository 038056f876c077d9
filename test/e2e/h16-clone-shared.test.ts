import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanEnv, cliPath, runCli } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { sharedProjectFiles } from '../helpers/shared-project.js';
import { tempProject } from '../helpers/project.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * clone in shared-infra mode (issue 16, DESIGN §9 and §13) on a real engine: one Postgres and one
 * Redis run as the infra project; `clone 1 3` makes slot 3's database a TEMPLATE copy of slot 1's,
 * owned by slot 3's role, and slot 3's Redis DB a copy of slot 1's, while slot 1 holds a session
 * open; slot 1 keeps its data and its database. The created hook does not run again on slot 3
 * (it holds slot 1's data), the post-clone hook runs with slot 3's values. Ports 46051/46052.
 */
const NAME = 'devslot-s5c-shared';
const DB = (slot: number) => `devslot_s5c_shared_slot_${slot}`;
const PG_PORT = 46051;
const REDIS_PORT = 46052;
const ADMIN = `postgres://postgres:admin-pw@127.0.0.1:${PG_PORT}/postgres`;
const PROJECT = sharedProjectFiles({
  name: NAME,
  slots: 4,
  servers: { infra: { postgres: PG_PORT, redis: REDIS_PORT } },
  yaml: `hooks:
  created:
    - run: [node, -e, "require('fs').appendFileSync('created.log', process.argv[1] + '\\\\n')", "{{slot}}"]
  post-clone:
    - run: [node, -e, "if (process.env.H16_FAIL) process.exit(3); require('fs').writeFileSync('post-clone-' + process.env.DEVSLOT_SLOT + '.txt', process.argv[1])", "{{resources.db.database}}"]
`,
  services: `  web:
    image: busybox:1.35
    init: true
    command: [sleep, "600"]
`,
});

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let p: ReturnType<typeof tempProject>;
let daemon: ReturnType<typeof privatePm2>;
let env: NodeJS.ProcessEnv;
const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { cwd: p.root, env: { ...env, ...extra }, timeoutMs: 240_000 });

function password(slot: number): string {
  const file = path.join(p.root, '.instances', `instance-${slot}`, 'resources.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { passwords: { db: string } }).passwords.db;
}
async function connect(opts: { user: string; password: string; database: string }): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port: PG_PORT, connectionTimeoutMillis: 5000, ...opts });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}
const asSlot = (slot: number, database = DB(slot)) => connect({ user: DB(slot), password: password(slot), database });
async function admin<T>(fn: (c: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const c = await connect({ user: 'postgres', password: 'admin-pw', database });
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
async function rows(slot: number): Promise<string[]> {
  const c = await asSlot(slot);
  try {
    return (await c.query<{ v: string }>('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v);
  } finally {
    await c.end();
  }
}
async function redisDb<T>(index: number, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis(`redis://127.0.0.1:${REDIS_PORT}/${index}`, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await r.connect();
  try {
    return await fn(r);
  } finally {
    r.disconnect();
  }
}
const databases = () => admin(async (c) => (await c.query<{ d: string; allow: boolean; owner: string }>("SELECT datname AS d, datallowconn AS allow, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname LIKE 'devslot_s5c_shared%' ORDER BY 1")).rows);
const createdLines = () => fs.readFileSync(path.join(p.root, 'created.log'), 'utf8').split('\n').filter(Boolean);

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('clone in shared-infra mode: Postgres by TEMPLATE, Redis DB by COPY (issue 16)', () => {
  beforeAll(() => {
    p = tempProject(PROJECT, 'devslot-s5c-shared-');
    daemon = privatePm2();
    env = cleanEnv({ PM2_HOME: daemon.home });
  });
  afterAll(async () => {
    if (!p) return;
    await cli(['clean', 'all', '--yes', '--skip-hooks']);
    const cleaned = await cli(['infra', 'clean', '--yes']);
    await daemon.kill();
    p.remove();
    expect(cleaned.code, cleaned.stderr).toBe(0);
  });

  it('slot 1 starts (created hook once) and writes rows and Redis keys', async () => {
    const r = await cli(['1', 'start']);
    expect(r.code, r.stderr).toBe(0);
    expect(createdLines()).toEqual(['1']);
    const c = await asSlot(1);
    await c.query('CREATE TABLE t (id serial PRIMARY KEY, v text)');
    await c.query("INSERT INTO t (v) VALUES ('a'), ('b'), ('c')");
    await c.end();
    await redisDb(1, async (x) => {
      await x.set('k', 'v1');
      await x.set('ttl', 'soon', 'EX', 600);
    });
  });

  it('--dry-run lists the resource copies and makes nothing', async () => {
    const r = await cli(['clone', '1', '3', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`CREATE DATABASE "${DB(3)}" TEMPLATE "${DB(1)}" OWNER "${DB(3)}" on 127.0.0.1:${PG_PORT}`);
    expect(r.stdout).toContain(`REASSIGN OWNED BY "${DB(1)}" TO "${DB(3)}"`);
    expect(r.stdout).toContain('redis: empty DB 3, then COPY every key of DB 1 into it');
    expect(r.stdout).not.toContain('admin-pw');
    expect((await databases()).map((d) => d.d)).toEqual([DB(1)]);
  });

  it('clone 1 3 with a session open on slot 1\'s database: slot 3 gets a copy owned by its role, slot 1 keeps its own', async () => {
    const held = await asSlot(1);
    const r = await cli(['clone', '1', '3']);
    await held.end().catch(() => undefined);
    expect(r.code, r.stderr).toBe(0);
    // Compose makes the slot project's own (unused) pgdata volume too: it is copied like any other.
    expect(r.stdout).toMatch(new RegExp(`^cloned slot 1 into slot 3: 1 volume \\(${NAME}-dev-3_pgdata\\) and 2 resources; slot 1 was held still for \\d+ ms \\(${NAME}-dev-1-web-1\\)\n`));
    expect(r.stdout).toMatch(new RegExp(`  resources\\.db: database ${DB(3)} copied from ${DB(1)}, owned by role ${DB(3)}; ${DB(1)} was closed to connections for \\d+ ms \\(1 session ended\\)\n`));
    expect(r.stdout).toContain('  resources.cache: redis DB 3 holds a copy of DB 1 (2 keys)\n');
    // REASSIGN OWNED also moves shared objects: slot 1's own database must still be slot 1's.
    expect(await databases()).toEqual([{ d: DB(1), allow: true, owner: DB(1) }, { d: DB(3), allow: true, owner: DB(3) }]);
    expect(await admin(async (c) => (await c.query("SELECT tableowner FROM pg_tables WHERE tablename = 't'")).rows, DB(3))).toEqual([{ tableowner: DB(3) }]);
    expect(await rows(3)).toEqual(['a', 'b', 'c']);
    const c3 = await asSlot(3);
    await c3.query("INSERT INTO t (v) VALUES ('slot 3')");
    await c3.end();
    expect(await rows(3)).toEqual(['a', 'b', 'c', 'slot 3']);
    expect(await rows(1)).toEqual(['a', 'b', 'c']);
    const denied = await asSlot(1, DB(3)).then((c) => c.end().then(() => undefined), (e: { code?: string }) => e.code);
    expect(denied).toBe('42501');
    expect(await redisDb(3, async (x) => [await x.get('k'), (await x.ttl('ttl')) > 0])).toEqual(['v1', true]);
    expect(await redisDb(1, (x) => x.get('k'))).toBe('v1');
  });

  it('the post-clone hook ran with slot 3\'s values; start 3 does not run the created hook again', async () => {
    expect(fs.readFileSync(path.join(p.root, 'post-clone-3.txt'), 'utf8')).toBe(DB(3));
    const r = await cli(['3', 'start']);
    expect(r.code, r.stderr).toBe(0);
    expect(createdLines()).toEqual(['1']);
    expect(await rows(3)).toEqual(['a', 'b', 'c', 'slot 3']);
    const stop = await cli(['3', 'stop']);
    expect(stop.code, stop.stderr).toBe(0);
  });

  it('a target that holds data is refused in one line, nothing changed; --force replaces it', async () => {
    const r = await cli(['clone', '1', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`devslot: slot 3 already has volume ${NAME}-dev-3_pgdata, Redis DB 3 (2 keys), database ${DB(3)}; \`devslot clean 3\` first, or pass --force to replace them\n`);
    expect(await rows(3)).toEqual(['a', 'b', 'c', 'slot 3']);
    const forced = await cli(['clone', '1', '3', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain(`database ${DB(3)} copied from ${DB(1)} (replacing the one there)`);
    expect(await rows(3)).toEqual(['a', 'b', 'c']);
  });

  it('a clone that fails after the copy (its post-clone hook) leaves no target database or keys, exit 2, slot 1 open', async () => {
    const r = await cli(['clone', '1', '3', '--force'], { H16_FAIL: '1' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toMatch(/^devslot: slot 3: hook post-clone.* failed: .* exited with 3.*; nothing of it is left and the source runs as before$/);
    expect(await databases()).toEqual([{ d: DB(1), allow: true, owner: DB(1) }]);
    expect(await redisDb(3, (x) => x.dbsize())).toBe(0);
    expect(await rows(1)).toEqual(['a', 'b', 'c']);
  });

  it('a clone SIGKILLed while slot 1\'s database is closed: the next command opens it again and leaves no slot 3 database', async () => {
    // Enough data that the TEMPLATE copy takes a while: the kill lands while the source is closed.
    const c1 = await asSlot(1);
    await c1.query("CREATE TABLE big AS SELECT g AS id, repeat('x', 400) AS v FROM generate_series(1, 300000) g");
    await c1.end();
    const watcher = await connect({ user: 'postgres', password: 'admin-pw', database: 'postgres' });
    const child = spawn(process.execPath, [cliPath, 'clone', '1', '3', '--force'], { cwd: p.root, env, stdio: 'ignore' });
    let closed = false;
    try {
      for (let i = 0; i < 6000 && !closed; i++) {
        closed = (await watcher.query<{ c: boolean }>('SELECT NOT datallowconn AS c FROM pg_database WHERE datname = $1', [DB(1)])).rows[0]?.c === true;
        if (!closed) await new Promise((r) => setTimeout(r, 5));
      }
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    } finally {
      await watcher.end();
    }
    expect(closed, 'the clone never closed slot 1\'s database').toBe(true);
    const next = await cli(['1', 'status']);
    expect(next.stderr).toMatch(new RegExp(`devslot: an interrupted copy of ${NAME}-dev-1 \\(run [^)]+\\) was undone: .*opened database ${DB(1)} to connections again`));
    expect(await databases()).toEqual([{ d: DB(1), allow: true, owner: DB(1) }]);
    expect(await redisDb(3, (x) => x.dbsize())).toBe(0);
    expect(await rows(1)).toEqual(['a', 'b', 'c']);
  });
});
