import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanEnv, run, runCli } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { tempProject } from '../helpers/project.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Consistency of a clone (issue 16, acceptance bullet 2): a slot with its own Postgres (a named
 * volume, not shared) under a steady insert load from the host is cloned 1 → 3 with the source
 * paused; slot 3 starts after crash recovery with `count(*) = max(id)`; slot 1 was not restarted
 * (same StartedAt) and went on taking inserts; the pause is reported. Ports 46032 + 100×slot.
 */
const NAME = 'devslot-s5c-pg';
const PORT = (slot: number) => 46032 + slot * 100;
const YAML = `name: ${NAME}
slots: 4
stride: 100
compose:
  files: [compose.yml]
`;
const COMPOSE = `services:
  postgres:
    image: postgres:15
    environment: { POSTGRES_PASSWORD: pw, POSTGRES_USER: postgres }
    ports: ["127.0.0.1:46032:5432"]
    volumes: [pgdata:/var/lib/postgresql/data]
    healthcheck: { test: [CMD, pg_isready, -U, postgres, -h, 127.0.0.1], interval: 1s, timeout: 3s, retries: 60 }
volumes:
  pgdata:
`;

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let p: ReturnType<typeof tempProject>;
let daemon: ReturnType<typeof privatePm2>;
let env: NodeJS.ProcessEnv;
const cli = (args: string[]) => runCli(args, { cwd: p.root, env, timeoutMs: 240_000 });
const docker = (args: string[]) => run('docker', args, { timeoutMs: 60_000 });
const container = (slot: number) => `${NAME}-dev-${slot}-postgres-1`;

async function query<T extends pg.QueryResultRow>(slot: number, sql: string): Promise<T[]> {
  const c = new pg.Client({ host: '127.0.0.1', port: PORT(slot), user: 'postgres', password: 'pw', database: 'postgres', connectionTimeoutMillis: 5000 });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

/** One client inserting rows one at a time, reconnecting on any error, until stopped. */
function insertLoad(slot: number) {
  const state = { stop: false, inserted: 0, errors: 0 };
  const done = (async () => {
    let c: pg.Client | undefined;
    while (!state.stop) {
      try {
        if (!c) {
          c = new pg.Client({ host: '127.0.0.1', port: PORT(slot), user: 'postgres', password: 'pw', database: 'postgres', connectionTimeoutMillis: 5000 });
          c.on('error', () => undefined);
          await c.connect();
          await c.query('CREATE TABLE IF NOT EXISTS t (id serial PRIMARY KEY, v text)');
        }
        await c.query('INSERT INTO t (v) VALUES ($1)', [`row at ${Date.now()}`]);
        state.inserted++;
      } catch {
        state.errors++;
        await c?.end().catch(() => undefined);
        c = undefined;
        await sleep(100);
      }
    }
    await c?.end().catch(() => undefined);
  })();
  return { state, done };
}

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('clone of a slot with its own Postgres under insert load (issue 16)', () => {
  beforeAll(() => {
    p = tempProject({ 'devslot.yaml': YAML, 'compose.yml': COMPOSE }, 'devslot-s5c-pg-');
    daemon = privatePm2();
    env = cleanEnv({ PM2_HOME: daemon.home });
  });
  afterAll(async () => {
    if (!p) return;
    const cleaned = await cli(['clean', 'all', '--yes']);
    await daemon.kill();
    p.remove();
    expect(cleaned.code, cleaned.stderr).toBe(0);
  });

  it('clone 1 3 while rows go in: slot 3 starts with count(*) = max(id); slot 1 kept running and taking rows', async () => {
    const started = await cli(['1', 'start']);
    expect(started.code, started.stderr).toBe(0);
    const load = insertLoad(1);
    try {
      for (let i = 0; i < 300 && load.state.inserted < 300; i++) await sleep(100);
      expect(load.state.inserted, 'the load never got going').toBeGreaterThanOrEqual(300);
      const startedAt = (await docker(['inspect', '-f', '{{.State.StartedAt}}', container(1)])).stdout.trim();
      const before = load.state.inserted;
      const r = await cli(['clone', '1', '3']);
      expect(r.code, r.stderr).toBe(0);
      const held = new RegExp(`^cloned slot 1 into slot 3: 1 volume \\(${NAME}-dev-3_pgdata\\); slot 1 was held still for (\\d+) ms \\(${container(1)}\\)\n`).exec(r.stdout);
      expect(held, r.stdout).not.toBeNull();
      console.log(`pause of slot 1 for the clone: ${held![1]} ms`);
      expect(load.state.inserted).toBeGreaterThan(before);
      const after = load.state.inserted;
      for (let i = 0; i < 50 && load.state.inserted < after + 50; i++) await sleep(100);
      expect(load.state.inserted, 'slot 1 took no rows after the clone').toBeGreaterThanOrEqual(after + 50);
      const inspect = (await docker(['inspect', '-f', '{{.State.StartedAt}} {{.State.Running}} {{.State.Paused}} {{.RestartCount}}', container(1)])).stdout.trim();
      expect(inspect).toBe(`${startedAt} true false 0`);
    } finally {
      load.state.stop = true;
      await load.done;
    }
    expect(load.state.errors).toBe(0);
    const s3 = await cli(['3', 'start']);
    expect(s3.code, s3.stderr).toBe(0);
    const [copy] = await query<{ n: number; max: number }>(3, 'SELECT count(*)::int AS n, max(id) AS max FROM t');
    const [source] = await query<{ n: number }>(1, 'SELECT count(*)::int AS n FROM t');
    expect(copy!.n).toBeGreaterThanOrEqual(300);
    expect(copy!.n).toBe(copy!.max);
    expect(copy!.n).toBeLessThan(source!.n);
  });
});
