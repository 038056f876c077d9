import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanEnv, cliPath, repoRoot, runCli } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { sharedProjectFiles } from '../helpers/shared-project.js';
import { tempProject } from '../helpers/project.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Issue 12 through the CLI: per-slot Postgres databases and roles and Redis DBs, made by `start`
 * and dropped by `clean`, on one Postgres and one Redis. Until devslot runs the infra project
 * itself, the test runs those two servers (h12-e2e-*, ports 34700/34701) and the compose model's
 * shared services are busybox placeholders the resources name with `service:`.
 */
const PG_PORT = 34700;
const REDIS_PORT = 34701;
const PG = `h12-e2e-pg-${process.pid}`;
const REDIS = `h12-e2e-redis-${process.pid}`;
const ADMIN = `postgres://postgres:adminpw@127.0.0.1:${PG_PORT}/postgres`;
const PROJECT = sharedProjectFiles({
  name: 'h12-e2e',
  stride: 10,
  slots: 5,
  servers: { outside: { admin: ADMIN, redis: `redis://127.0.0.1:${REDIS_PORT}` } },
  yaml: `env:
  api:
    set:
      DATABASE_URL: "{{resources.db.url}}"
      REDIS_URL: "{{resources.cache.url}}"
`,
});
const YAML = PROJECT['devslot.yaml'];
/** pg_advisory_lock key of adapters/postgres.ts ("devslot" in ASCII): holding it stalls every ensure. */
const ENSURE_LOCK_KEY = 0x646576736c6f74n.toString();

vi.setConfig({ testTimeout: 120_000, hookTimeout: 360_000 });

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', timeout: 120_000 });
let p: ReturnType<typeof tempProject>;
let pm2: ReturnType<typeof privatePm2>;
let env: NodeJS.ProcessEnv;
const cli = (args: string[]) => runCli(args, { cwd: p.root, env, timeoutMs: 120_000 });

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const slotDbs = () => admin(async (c) => (await c.query<{ d: string }>("SELECT datname AS d FROM pg_database WHERE datname LIKE 'h12_e2e%' ORDER BY 1")).rows.map((r) => r.d));
const slotRoles = () => admin(async (c) => (await c.query<{ r: string }>("SELECT rolname AS r FROM pg_roles WHERE rolname LIKE 'h12_e2e%' ORDER BY 1")).rows.map((r) => r.r));
function password(slot: number): string {
  const file = path.join(p.root, '.instances', `instance-${slot}`, 'resources.json');
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { passwords: { db: string } }).passwords.db;
}
async function connectAs(slot: number, database: string, pw = password(slot)): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port: PG_PORT, user: `h12_e2e_slot_${slot}`, password: pw, database, connectionTimeoutMillis: 5000 });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('per-slot resources through start and clean', () => {
  beforeAll(async () => {
    execFileSync('bash', [path.join(repoRoot, '.ci/images.sh'), 'postgres:15', 'redis:7', 'busybox:1.35'], { stdio: 'ignore', timeout: 300_000 });
    docker('run', '-d', '--name', PG, '-p', `127.0.0.1:${PG_PORT}:5432`, '-e', 'POSTGRES_PASSWORD=adminpw', 'postgres:15');
    docker('run', '-d', '--name', REDIS, '-p', `127.0.0.1:${REDIS_PORT}:6379`, 'redis:7');
    p = tempProject(PROJECT, 'h12-e2e-');
    pm2 = privatePm2();
    env = cleanEnv({ PM2_HOME: pm2.home });
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
  });

  afterAll(async () => {
    if (p) {
      await cli(['clean', 'all', '--yes']).catch(() => undefined);
      p.remove();
    }
    await pm2?.kill();
    for (const n of [PG, REDIS]) {
      try { docker('rm', '-f', '-v', n); } catch { /* never started */ }
    }
  });

  it('slots 1, 2 and 3 started at the same moment each get their own database, role and Redis DB', async () => {
    const results = await Promise.all([1, 2, 3].map((n) => cli([String(n), 'start'])));
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    for (const [i, r] of results.entries()) expect(r.stderr).toContain(`resources.db: created database and role h12_e2e_slot_${i + 1}\n`);
    expect(await slotDbs()).toEqual(['h12_e2e_slot_1', 'h12_e2e_slot_2', 'h12_e2e_slot_3']);
    const redis = new Redis(`redis://127.0.0.1:${REDIS_PORT}`);
    for (const n of [1, 2, 3]) {
      const c = await connectAs(n, `h12_e2e_slot_${n}`);
      await c.query('CREATE TABLE rows (slot int)');
      await c.query('INSERT INTO rows VALUES ($1)', [n]);
      await c.end();
      await redis.select(n);
      await redis.set('slot', String(n));
      const envFile = fs.readFileSync(path.join(p.root, '.instances', `instance-${n}`, 'api.env'), 'utf8');
      expect(envFile).toContain(`DATABASE_URL=postgres://h12_e2e_slot_${n}:${password(n)}@127.0.0.1:${PG_PORT}/h12_e2e_slot_${n}`);
      expect(envFile).toContain(`REDIS_URL=redis://127.0.0.1:${REDIS_PORT}/${n}`);
    }
    redis.disconnect();
  });

  it("slot 2's role cannot connect to slot 1's database", async () => {
    const err = await connectAs(2, 'h12_e2e_slot_1').then(() => undefined, (e: { code?: string }) => e);
    expect(err?.code).toBe('42501');
  });

  it('env --explain shows the resource values with the password masked', async () => {
    const r = await cli(['2', 'env', '--explain']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`resources.db.url=postgres://h12_e2e_slot_2:********@127.0.0.1:${PG_PORT}/h12_e2e_slot_2`);
    expect(r.stdout).toContain('resources.db.password=********');
    expect(r.stdout).not.toContain(password(2));
  });

  it('clean 2 drops its database (a session open on it), role and Redis DB; slots 1 and 3 keep every row', async () => {
    const held = await connectAs(2, 'h12_e2e_slot_2');
    const r = await cli(['2', 'clean', '--yes']);
    await held.end().catch(() => undefined);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('resources.db: dropped database h12_e2e_slot_2 and its role (1 open session was closed)');
    expect(r.stdout).toContain('resources.cache: emptied redis DB 2');
    expect(await slotDbs()).toEqual(['h12_e2e_slot_1', 'h12_e2e_slot_3']);
    expect(await slotRoles()).toEqual(['h12_e2e_slot_1', 'h12_e2e_slot_3']);
    for (const n of [1, 3]) {
      const c = await connectAs(n, `h12_e2e_slot_${n}`);
      expect((await c.query('SELECT slot FROM rows')).rows).toEqual([{ slot: n }]);
      await c.end();
    }
    const redis = new Redis(`redis://127.0.0.1:${REDIS_PORT}`);
    const got: (string | null)[] = [];
    for (const n of [1, 2, 3]) {
      await redis.select(n);
      got.push(await redis.get('slot'));
    }
    redis.disconnect();
    expect(got).toEqual(['1', null, '3']);
  });

  it('SIGKILL while the resources are being made, then start again: converges, no duplicate', async () => {
    // Hold the ensure lock so `start 4` stops inside resource creation, kill it there, then release.
    const holder = new pg.Client({ connectionString: ADMIN });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1::bigint)', [ENSURE_LOCK_KEY]);
    const child = spawn(process.execPath, [cliPath, '4', 'start'], { cwd: p.root, env, stdio: 'ignore' });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const waiting = await admin(async (c) => (await c.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n as number);
      if (waiting > 0) break;
      if (Date.now() > deadline) throw new Error('start 4 never reached resource creation');
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await holder.end();
    const r = await cli(['4', 'start']);
    expect(r.code, r.stderr).toBe(0);
    expect(await slotDbs()).toEqual(['h12_e2e_slot_1', 'h12_e2e_slot_3', 'h12_e2e_slot_4']);
    (await connectAs(4, 'h12_e2e_slot_4')).end();
  });

  it('a resources.json that is not JSON: start keeps it aside, says so, and the role takes the new password', async () => {
    const file = path.join(p.root, '.instances', 'instance-4', 'resources.json');
    const stop = await cli(['4', 'stop']);
    expect(stop.code, stop.stderr).toBe(0);
    const damaged = fs.readFileSync(file, 'utf8').slice(0, 40); // cut short, as a full disk leaves it
    fs.writeFileSync(file, damaged, { mode: 0o600 });
    const r = await cli(['4', 'start']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr, `${r.stdout}\n---\n${r.stderr}`).toMatch(/resources\.json \(kept as resources\.json\.bad-\d{8}T\d{6}Z\): was not JSON devslot can read; set aside and written anew/);
    const kept = fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith('resources.json.bad-'));
    expect(kept.map((f) => fs.readFileSync(path.join(path.dirname(file), f), 'utf8'))).toEqual([damaged]);
    (await connectAs(4, 'h12_e2e_slot_4')).end();
  });

  it('wrong admin credentials: exit 2 naming the resource and what to check, and no container of the slot', async () => {
    p.write('devslot.yaml', YAML.replace('adminpw', 'wrong'));
    try {
      const r = await cli(['0', 'start']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n').pop()).toMatch(/^devslot: resources\.db: Postgres at postgres@127\.0\.0\.1:34700\/postgres refused the admin credentials \(.*\); check resources\.db\.postgres\.admin \(user and password\)$/);
      expect(docker('ps', '-aq', '--filter', 'label=com.docker.compose.project=h12-e2e-dev-0').trim()).toBe('');
    } finally {
      p.write('devslot.yaml', YAML);
    }
  });

  it('a resource on a service that is not shared: exit 1, one line, nothing made', async () => {
    p.write('devslot.yaml', YAML.replace('services: [postgres, redis]', 'services: [redis]'));
    try {
      const r = await cli(['0', 'start']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('devslot: devslot.yaml:10: resources.db.service: service "postgres" is not shared; add it to shared.services (resources are made on shared services)\n');
      expect(await slotDbs()).not.toContain('h12_e2e_slot_0');
    } finally {
      p.write('devslot.yaml', YAML);
    }
  });

  it('clean all drops every slot resource and leaves the servers running', async () => {
    // Slot 0's failed start above recorded the wrong admin password: clean uses the config's now.
    const r = await cli(['clean', 'all', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(await slotDbs()).toEqual([]);
    expect(await slotRoles()).toEqual([]);
    expect(docker('inspect', '-f', '{{.State.Running}}', PG, REDIS).trim().split('\n')).toEqual(['true', 'true']);
  });
});
