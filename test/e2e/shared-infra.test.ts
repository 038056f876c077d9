import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanEnv, repoRoot, run, runCli } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { sharedProjectFiles } from '../helpers/shared-project.js';
import { tempProject } from '../helpers/project.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Shared infrastructure on a real engine, Postgres and Redis (issue 12, DESIGN §9): one Postgres
 * and one Redis (project `<name>-infra`) for slots 1–3 started at the same moment; each slot's API
 * writes through its own database (made by devslot, seeded by its created hook); containers of a
 * slot reach the shared services by name on their own network; stop leaves the infra, stop all
 * stops it last, unless another copy's slot still uses it. Ports 41000–41999.
 */
const NAME = 'ds-infra-e2e';
const PG = path.join(repoRoot, 'node_modules', 'pg');
const PROJECT = sharedProjectFiles({
  name: NAME,
  slots: 4,
  servers: { infra: { postgres: 41432, redis: 41379 } },
  yaml: `ports:
  api: 41010
env:
  api:
    set:
      PORT: "{{ports.api}}"
      DATABASE_URL: "{{resources.db.url}}"
      REDIS_URL: "{{resources.cache.url}}"
    apps: [api]
health:
  api: { http: "http://127.0.0.1:{{ports.api}}/health" }
hooks:
  created:
    - run: [node, seed.mjs]
`,
  services: `  web:
    image: busybox:1.35
    command: [sh, -c, "sleep 600"]
    depends_on:
      postgres: { condition: service_healthy }
`,
});
const SEED = `import { createRequire } from 'node:module';
const pg = createRequire(import.meta.url)(${JSON.stringify(PG)});
const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
await c.connect();
await c.query('create table if not exists notes (id serial primary key, body text not null)');
await c.query('insert into notes (body) values ($1)', ['seeded for slot ' + process.env.DEVSLOT_SLOT]);
await c.end();
`;
const API = `import http from 'node:http';
import { createRequire } from 'node:module';
const pg = createRequire(import.meta.url)(${JSON.stringify(PG)});
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
http.createServer(async (req, res) => {
  try {
    if (req.url === '/health') { await pool.query('select 1'); return res.end('ok'); }
    if (req.method === 'POST') {
      let body = ''; for await (const chunk of req) body += chunk;
      await pool.query('insert into notes (body) values ($1)', [body]);
      return res.end('stored');
    }
    const r = await pool.query('select body from notes order by id');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(r.rows.map((x) => x.body)));
  } catch (e) { res.statusCode = 500; res.end(String(e.message)); }
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('shared infrastructure on a real engine, Postgres and Redis', () => {
  let p: ReturnType<typeof tempProject>;
  let copy: ReturnType<typeof tempProject>;
  let daemon: ReturnType<typeof privatePm2>;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[], cwd = p.root) => runCli(args, { cwd, env, timeoutMs: 240_000 });
  const api = (slot: number) => `http://127.0.0.1:${41010 + slot * 100}`;
  const names = async (project: string) => (await run('docker', ['ps', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}}'])).stdout.trim().split('\n').filter(Boolean).sort();
  const files = { ...PROJECT, 'seed.mjs': SEED, 'api.mjs': API, 'pm2.config.cts': "export default { apps: [{ name: 'api', script: 'api.mjs' }] };\n" };

  beforeAll(() => {
    p = tempProject(files, 'ds-infra-e2e-');
    copy = tempProject(files, 'ds-infra-e2e-copy-');
    daemon = privatePm2();
    env = cleanEnv({ PM2_HOME: daemon.home });
  });
  afterAll(async () => {
    await runCli(['clean', 'all', '--yes', '--skip-hooks'], { cwd: copy.root, env, timeoutMs: 240_000 });
    await runCli(['clean', 'all', '--yes', '--skip-hooks'], { cwd: p.root, env, timeoutMs: 240_000 });
    const cleaned = await runCli(['infra', 'clean', '--yes'], { cwd: p.root, env, timeoutMs: 240_000 });
    expect(cleaned.code, cleaned.stderr).toBe(0);
    await daemon.kill();
    p.remove();
    copy.remove();
  });

  it('--dry-run lists the infra and resource operations before the slot\'s own', async () => {
    const r = await cli(['1', 'start', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    const kinds = r.stdout.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('    ')).map((l) => l.replace(/  #.*/, '').split(' ').slice(0, 4).join(' '));
    expect(kinds.findIndex((l) => l.includes(`${NAME}-infra`))).toBeLessThan(kinds.findIndex((l) => l.startsWith('ensure')));
    expect(r.stdout).toMatch(/create --remove-orphans/);
    expect(r.stdout).toMatch(new RegExp(`connect postgres, redis of ${NAME}-infra to the networks of ${NAME}-dev-1`));
  });

  it('three slots started at the same moment share one Postgres and one Redis, each with its own database', async () => {
    const started = await Promise.all([1, 2, 3].map((s) => cli([String(s), 'start'])));
    for (const r of started) expect(r.code, r.stderr).toBe(0);
    expect(await names(`${NAME}-infra`)).toEqual([`${NAME}-infra-postgres-1`, `${NAME}-infra-redis-1`]);
    for (const s of [1, 2, 3]) expect(await names(`${NAME}-dev-${s}`)).toEqual([`${NAME}-dev-${s}-web-1`]);
    // The created hook seeded each slot's own database; a row written in slot 1 is only there.
    const post = await fetch(api(1), { method: 'POST', body: 'written by slot 1' });
    expect(await post.text()).toBe('stored');
    expect(await (await fetch(api(1))).json()).toEqual(['seeded for slot 1', 'written by slot 1']);
    expect(await (await fetch(api(2))).json()).toEqual(['seeded for slot 2']);
    expect(await (await fetch(api(3))).json()).toEqual(['seeded for slot 3']);
    // status and ls show the infra as its own row, with the slots that use it.
    const root = fs.realpathSync(p.root);
    const st = JSON.parse((await cli(['status', 'all', '--json'])).stdout) as { infra: { project: string; services: { name: string; state: string }[]; usedBy: string[] } };
    expect(st.infra).toMatchObject({ project: `${NAME}-infra`, services: [{ name: 'postgres', state: 'running' }, { name: 'redis', state: 'running' }] });
    expect(st.infra.usedBy).toEqual([1, 2, 3].map((s) => `slot ${s} of ${root}`));
    const ls = await cli(['ls']);
    expect(ls.stdout).toMatch(new RegExp(`^  -  ${NAME}-infra +running +2/2 up +shared; used by slot 1 of `, 'm'));
  });

  it("a slot's containers reach the shared services by name on their own network, and no other slot's", async () => {
    // `postgres` resolves, inside slot 1, to the infra's Postgres on slot 1's own network, and only to it.
    const ip = (await run('docker', ['inspect', '-f', `{{(index .NetworkSettings.Networks "${NAME}-dev-1_default").IPAddress}}`, `${NAME}-infra-postgres-1`])).stdout.trim();
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const looked = await run('docker', ['exec', `${NAME}-dev-1-web-1`, 'nslookup', 'postgres']);
    expect(looked.stdout.split('\n').filter((l) => /^Address: /.test(l)).map((l) => l.slice('Address: '.length).trim())).toEqual([ip]);
    // The infra joined each slot's network; no slot joined another's (`web` is only its own).
    const nets = (await run('docker', ['inspect', '-f', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}', `${NAME}-infra-postgres-1`])).stdout.trim().split(' ').sort();
    expect(nets).toEqual([`${NAME}-dev-1_default`, `${NAME}-dev-2_default`, `${NAME}-dev-3_default`, `${NAME}-infra_default`]);
    const web = (await run('docker', ['inspect', '-f', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}', `${NAME}-dev-1-web-1`])).stdout.trim();
    expect(web).toBe(`${NAME}-dev-1_default`);
  });

  it("slot 2's role cannot connect to slot 1's database", async () => {
    const e = JSON.parse((await cli(['2', 'env', '--app', 'api', '--format', 'json', '--show-secrets'])).stdout) as Record<string, string>;
    const url = new URL(e.DATABASE_URL!);
    url.pathname = `/${NAME.replaceAll('-', '_')}_slot_1`;
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: url.toString() });
    await expect(c.connect()).rejects.toThrow(/permission denied for database|not have CONNECT privilege/);
    await c.end().catch(() => undefined);
  });

  it('stop 1 leaves the infra and slots 2 and 3 running', async () => {
    const r = await cli(['1', 'stop']);
    expect(r.code, r.stderr).toBe(0);
    expect(await names(`${NAME}-infra`)).toHaveLength(2);
    expect((await fetch(api(2))).status).toBe(200);
  });

  it('stop all keeps the infra while another copy of the project still uses it, and says why; then stops it last', async () => {
    const other = await cli(['3', 'start'], copy.root);
    // Slot 3 belongs to the first copy: the second copy is refused, naming it.
    expect(other.code).toBe(2);
    const mine = await cli(['0', 'start'], copy.root);
    expect(mine.code, mine.stderr).toBe(0);
    // The dry run says what the run then does with the infra: kept, and why.
    const keeps = await cli(['stop', 'all', '--dry-run']);
    expect(keeps.code, keeps.stderr).toBe(0);
    expect(keeps.stdout).toMatch(new RegExp(`# then keeps the shared services \\(${NAME}-infra\\): still used by slot 0 of `));
    expect(keeps.stdout).not.toContain(`-p ${NAME}-infra down`);
    const stopped = await cli(['stop', 'all']);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toMatch(new RegExp(`kept the shared services \\(${NAME}-infra\\): still used by slot 0 of ${fs.realpathSync(copy.root).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(await names(`${NAME}-infra`)).toHaveLength(2);
    const downs = await cli(['stop', 'all', '--dry-run'], copy.root);
    expect(downs.stdout).toContain('# then, the shared services (dry run: nothing is changed)');
    expect(downs.stdout).toMatch(new RegExp(`-p ${NAME}-infra down --remove-orphans.*# no slot of any checkout uses the shared services any more`));
    expect(await names(`${NAME}-infra`)).toHaveLength(2);
    const last = await cli(['stop', 'all'], copy.root);
    expect(last.code, last.stderr).toBe(0);
    expect(last.stdout).toMatch(new RegExp(`stopped the shared services \\(${NAME}-infra\\)`));
    expect(await names(`${NAME}-infra`)).toEqual([]);
    // Its volume stays: the data of every slot.
    expect((await run('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${NAME}-infra`])).stdout.trim()).toBe(`${NAME}-infra_pgdata`);
  });

  it('clean 2 after stop all starts the stopped infra to drop slot 2\'s database, then stops it again; slot 1 keeps its rows', async () => {
    const dry = await cli(['2', 'clean', '--yes', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`-p ${NAME}-infra down --remove-orphans.*# this clean starts them to drop its resources`));
    const r = await cli(['2', 'clean', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/resources\.db: dropped database ds_infra_e2e_slot_2 and its role/);
    expect(r.stdout).toMatch(new RegExp(`stopped the shared services \\(${NAME}-infra\\)`));
    expect(await names(`${NAME}-infra`)).toEqual([]);
    const again = await cli(['1', 'start']);
    expect(again.code, again.stderr).toBe(0);
    expect(await (await fetch(api(1))).json()).toEqual(['seeded for slot 1', 'written by slot 1']);
    const admin = new pg.Client({ connectionString: 'postgres://postgres:admin-pw@127.0.0.1:41432/postgres' });
    await admin.connect();
    try {
      const dbs = (await admin.query<{ d: string }>("SELECT datname AS d FROM pg_database WHERE datname LIKE 'ds_infra_e2e%' ORDER BY 1")).rows.map((x) => x.d);
      // Slot 0 is the other copy's (stopped, not cleaned); slot 2's alone is gone.
      expect(dbs).toEqual(['ds_infra_e2e_slot_0', 'ds_infra_e2e_slot_1', 'ds_infra_e2e_slot_3']);
    } finally {
      await admin.end();
    }
  });
});
