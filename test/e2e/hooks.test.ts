import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanEnv, run, runCli } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { tempProject } from '../helpers/project.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Hooks on a real engine and PM2 (issue 13, DESIGN §10): created runs once per slot (a redis SET
 * through `exec`, a host step, a zx script), is retried until it succeeds and forgotten by clean;
 * post-start runs after readiness; pre-stop before anything stops; --skip-hooks; --dry-run lists
 * the steps. Ports 38010 (api) and 38379 (redis), stride 100, slots 0–3: this file's 38000–38999.
 */
const NAME = 'ds-hooks-e2e';
const YAML = `name: ${NAME}
slots: 4
compose:
  files: [compose.yml]
ports:
  api: 38010
env:
  api:
    set:
      PORT: "{{ports.api}}"
      REDIS_PORT: "{{ports.redis}}"
      API_SECRET: "real-secret-{{slot}}"
    apps: [api]
health:
  api: { http: "http://127.0.0.1:{{ports.api}}/health" }
hooks:
  created:
    - exec: { service: redis, cmd: [redis-cli, SET, seeded, "slot {{slot}} 'quoted' $(touch /tmp/never)"] }
      name: seed
    - run: [node, hooks/record.mjs, created]
      name: migrate
    - script: hooks/zx-step.mjs
  post-start:
    - run: [node, hooks/record.mjs, post-start]
  pre-stop:
    - run: [node, hooks/record.mjs, pre-stop]
  pre-clean:
    - run: [node, hooks/record.mjs, pre-clean]
`;
const COMPOSE = `services:
  redis:
    image: redis:7
    ports: ["127.0.0.1:38379:6379"]
    volumes: [data:/data]
    healthcheck: { test: [CMD, redis-cli, ping], interval: 1s, timeout: 3s, retries: 30 }
volumes:
  data:
`;
/** Appends what it saw to hooks.log: the hook, the slot, the real secret, whether the API answers; fails on demand. */
const RECORD = `import fs from 'node:fs';
import http from 'node:http';
const hook = process.argv[2];
const answers = await new Promise((resolve) => {
  const req = http.get({ host: '127.0.0.1', port: Number(process.env.PORT), path: '/health', timeout: 2000 }, (res) => { res.resume(); resolve(res.statusCode); });
  req.on('error', (e) => resolve(e.code));
  req.on('timeout', () => { req.destroy(); resolve('timeout'); });
});
fs.appendFileSync('hooks.log', JSON.stringify({ hook, slot: process.env.DEVSLOT_SLOT, secret: process.env.API_SECRET, cwd: process.cwd(), api: answers }) + '\\n');
if (hook === 'created' && fs.existsSync('fail-created')) {
  console.log('running migration 0001');
  console.error('migration failed: relation "users" already exists');
  process.exit(3);
}
`;
const ZX = "const out = await $`node -e ${'console.log(process.env.DEVSLOT_SLOT + \" \" + process.cwd())'}`;\nfs.appendFileSync('zx.log', out.stdout);\n";
const API = `import http from 'node:http';
http.createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
`;

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('hooks on a real engine and PM2', () => {
  let p: ReturnType<typeof tempProject>;
  let daemon: ReturnType<typeof privatePm2>;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[]) => runCli(args, { cwd: p.root, env, timeoutMs: 120_000 });
  const log = () => (fs.existsSync(path.join(p.root, 'hooks.log')) ? fs.readFileSync(path.join(p.root, 'hooks.log'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : []);
  const redisGet = async (slot: number, key: string) => (await run('docker', ['exec', `${NAME}-dev-${slot}-redis-1`, 'redis-cli', 'GET', key])).stdout.trim();

  beforeAll(() => {
    p = tempProject({
      'devslot.yaml': YAML,
      'compose.yml': COMPOSE,
      'hooks/record.mjs': RECORD,
      'hooks/zx-step.mjs': ZX,
      'api.mjs': API,
      'pm2.config.cts': "export default { apps: [{ name: 'api', script: 'api.mjs' }] };\n",
    }, 'ds-hooks-e2e-');
    daemon = privatePm2();
    env = cleanEnv({ PM2_HOME: daemon.home });
  });
  afterAll(async () => {
    await runCli(['clean', 'all', '--yes', '--skip-hooks'], { cwd: p.root, env, timeoutMs: 120_000 });
    await daemon.kill();
    p.remove();
  });

  it('--dry-run lists the hook steps in order, between the operations they follow', async () => {
    const r = await cli(['1', 'start', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    const hooks = r.stdout.split('\n').filter((l) => /^hook |wait until up|record that/.test(l)).map((l) => l.replace(/  #.*/, ''));
    expect(hooks).toEqual([
      `wait until up: redis (compose project ${NAME}-dev-1)`,
      `hook seed: in redis of ${NAME}-dev-1: redis-cli SET seeded 'slot 1 '\\''quoted'\\'' $(touch /tmp/never)'`,
      'hook migrate: node hooks/record.mjs created',
      'hook created[3]: zx hooks/zx-step.mjs',
      `record that the created hook ran (.instances/instance-1/.created, with the volumes of ${NAME}-dev-1)`,
      'wait until up: api-1 (http://127.0.0.1:38110/health)',
      'hook post-start[1]: node hooks/record.mjs post-start',
    ]);
    expect(log()).toEqual([]);
  });

  it('start runs created once (exec, host step with the real secret, zx script), post-start after readiness; a second start runs none', async () => {
    const r = await cli(['1', 'start']);
    expect(r.code, r.stderr).toBe(0);
    // The hostile template arrived as one literal word; nothing ran it through a shell.
    expect(await redisGet(1, 'seeded')).toBe("slot 1 'quoted' $(touch /tmp/never)");
    expect(fs.existsSync('/tmp/never')).toBe(false);
    expect(log()).toEqual([
      { hook: 'created', slot: '1', secret: 'real-secret-1', cwd: fs.realpathSync(p.root), api: 'ECONNREFUSED' },
      { hook: 'post-start', slot: '1', secret: 'real-secret-1', cwd: fs.realpathSync(p.root), api: 200 },
    ]);
    expect(fs.readFileSync(path.join(p.root, 'zx.log'), 'utf8')).toBe(`1 ${fs.realpathSync(p.root)}\n`);
    // Step output reaches the user as it comes, on stderr, named by its step.
    expect(r.stderr).toContain("  seed │ OK\n");

    const again = await cli(['1', 'start']);
    expect(again.code, again.stderr).toBe(0);
    expect(log()).toHaveLength(2);
  });

  it('pre-stop runs before the apps and containers stop', async () => {
    const r = await cli(['1', 'stop']);
    expect(r.code, r.stderr).toBe(0);
    expect(log().at(-1)).toMatchObject({ hook: 'pre-stop', slot: '1', api: 200 });
    // Stopped, not cleaned: the volume and the record stay, so the next start does not seed again.
    const s = await cli(['1', 'start']);
    expect(s.code, s.stderr).toBe(0);
    expect(log().filter((l) => l.hook === 'created')).toHaveLength(1);
  });

  it('a failing created step fails start with exit 2 naming it and its last lines, leaves the slot for inspection, and is retried until it succeeds', async () => {
    const c = await cli(['1', 'clean', '--yes']);
    expect(c.code, c.stderr).toBe(0);
    expect(log().slice(-2).map((l) => l.hook)).toEqual(['pre-clean', 'pre-stop']);
    fs.writeFileSync(path.join(p.root, 'fail-created'), '');
    const failed = await cli(['1', 'start']);
    expect(failed.code, failed.stderr).toBe(2);
    const line = failed.stderr.split('\n').find((l) => l.startsWith('devslot: '));
    expect(line).toMatch(/^devslot: slot 1: hook migrate failed: "node" exited with 3; last output: running migration 0001 ⏎ migration failed: relation "users" already exists; the slot is left as it is for inspection — fix it and run `devslot 1 start` again \(or with --skip-hooks\)$/);
    // Left as it is: redis up (seeded, by the step before), the app never started.
    expect(await redisGet(1, 'seeded')).toBe("slot 1 'quoted' $(touch /tmp/never)");
    expect(fs.existsSync(path.join(p.root, '.instances/instance-1/.created'))).toBe(false);
    expect((await daemon.pm2(['jlist'])).stdout).not.toContain('"api-1"');

    fs.rmSync(path.join(p.root, 'fail-created'));
    const fixed = await cli(['1', 'start']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(log().filter((l) => l.hook === 'created' && l.slot === '1')).toHaveLength(3);
    expect(fs.existsSync(path.join(p.root, '.instances/instance-1/.created'))).toBe(true);
  });

  it('--skip-hooks runs no step, and the created hook stays due for the next start', async () => {
    const before = log().length;
    const r = await cli(['2', 'start', '--skip-hooks']);
    expect(r.code, r.stderr).toBe(0);
    expect(log()).toHaveLength(before);
    const next = await cli(['2', 'start']);
    expect(next.code, next.stderr).toBe(0);
    expect(log().slice(before).map((l) => `${l.hook} ${l.slot}`)).toEqual(['created 2', 'post-start 2']);
    expect(await redisGet(2, 'seeded')).toBe("slot 2 'quoted' $(touch /tmp/never)");
  });

  it('a volume removed behind devslot’s back makes created run again', async () => {
    await cli(['2', 'stop', '--skip-hooks']);
    const down = await run('docker', ['volume', 'rm', `${NAME}-dev-2_data`]);
    expect(down.code, down.stderr).toBe(0);
    const r = await cli(['2', 'start']);
    expect(r.code, r.stderr).toBe(0);
    expect(log().filter((l) => l.hook === 'created' && l.slot === '2')).toHaveLength(2);
  });

  it('a step naming a service the slot does not have is bad input: exit 1, one line, nothing created', async () => {
    const good = fs.readFileSync(path.join(p.root, 'devslot.yaml'), 'utf8');
    p.write('devslot.yaml', good.replace('service: redis', 'service: postgres'));
    try {
      const r = await cli(['3', 'start']);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr.trim()).toBe('devslot: devslot.yaml: hooks.created[0].exec.service: the slot has no service "postgres"; services: redis');
      expect((await run('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${NAME}-dev-3`])).stdout.trim()).toBe('');
    } finally {
      p.write('devslot.yaml', good);
    }
  });
});
