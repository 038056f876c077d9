import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cliPath, run, runCli } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { tempProject } from '../helpers/project.js';

/**
 * ISSUE 18: health, port checks and logs behave the same on every engine. Runs against whatever
 * DOCKER_HOST names: the Docker tier and the Podman tier (DEVSLOT_TEST_ENGINE=podman, where no
 * systemd runs Podman's healthchecks and devslot must run them itself while it waits).
 *
 * The stack: `db` turns healthy once its check finds /tmp/ready (written a second after start);
 * `web` depends on db being healthy (so compose up itself waits on a check) and has its own check;
 * `quiet` never writes a line; db writes one every 500 ms, and the PM2 app `tick` every 200 ms.
 */
const NAME = 'h18-engine';
const WEB = 36100;
const HOLDER = 'h18-engine-holder';

const compose = (dbCheck: string) => `services:
  db:
    image: busybox:1.35
    command: ["sh", "-c", "echo db-booting; sleep 1; touch /tmp/ready; i=0; while true; do echo db-alive $$i; i=$$((i+1)); sleep 0.5; done"]
    init: true
    healthcheck: { test: ["CMD-SHELL", "${dbCheck}"], interval: 1s, timeout: 3s, retries: 2 }
  web:
    image: busybox:1.35
    command: ["httpd", "-f", "-vv", "-p", "80", "-h", "/etc"]
    ports: ["${WEB}:80"]
    depends_on: { db: { condition: service_healthy } }
    healthcheck: { test: ["CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1/passwd"], interval: 1s, timeout: 3s, retries: 3 }
  quiet:
    image: busybox:1.35
    command: ["sleep", "3600"]
    init: true
`;

describe('health, port checks and logs on this engine (DOCKER_HOST)', () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home });
  const engine = process.env.DEVSLOT_TEST_ENGINE === 'podman' ? 'podman' : 'docker';
  let p: ReturnType<typeof tempProject>;

  beforeAll(() => {
    p = tempProject(
      {
        'devslot.yaml': `name: ${NAME}\nslots: 4\nstride: 10\ncompose:\n  files: [compose.yml]\nports:\n  web: ${WEB}\npm2:\n  config: pm2.config.cts\n`,
        'compose.yml': compose('test -f /tmp/ready'),
        'pm2.config.cts': "export default { apps: [{ name: 'tick', script: 'tick.js' }] };\n",
        'tick.js': "let n = 0; setInterval(() => console.log('tick ' + n++), 200);\n",
      },
      'h18-engine-',
    );
  });

  afterAll(async () => {
    await run('docker', ['rm', '-f', HOLDER], { env: process.env, timeoutMs: 30_000 });
    await runCli(['clean', 'all', '--yes'], { cwd: p.root, env, timeoutMs: 120_000 });
    await pm2.kill();
    p.remove();
  }, 180_000);

  it('starts a stack whose web waits on a healthy db; status shows both healthy and names the engine', async () => {
    const t0 = Date.now();
    const r = await runCli(['1', 'start', '--timeout', '60'], { cwd: p.root, env, timeoutMs: 120_000 });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(Date.now() - t0).toBeLessThan(60_000);
    const st = await runCli(['status', '1', '--json'], { cwd: p.root, env });
    expect(st.code, st.stderr).toBe(0);
    const out = JSON.parse(st.stdout) as { engine: { kind: string; version: string } | null; slots: { services: { name: string; state: string; health: string }[] }[] };
    const rows = Object.fromEntries(out.slots[0]!.services.map((s) => [s.name, `${s.state} ${s.health}`]));
    expect(rows).toMatchObject({ db: 'running healthy', web: 'running healthy', quiet: 'running none', tick: 'running none' });
    expect(out.engine?.kind).toBe(engine);
    const text = await runCli(['status', '1'], { cwd: p.root, env });
    expect(text.stdout).toMatch(new RegExp(`engine  ${engine === 'podman' ? 'Podman' : 'Docker'} \\d+\\.\\d+`));
  }, 150_000);

  it('follows logs past a container that never writes, and one Ctrl-C exits 130', async () => {
    const child = spawn(process.execPath, [cliPath, '1', 'logs', '--lines', '5'], { cwd: p.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Lines only the follow can show: numbers past the first ones seen, from a container and an app.
    const seen = (re: RegExp) => [...out.matchAll(re)].map((m) => Number(m[1]));
    const first = { tick: -1, db: -1 };
    const deadline = Date.now() + 20_000;
    const followed = () => seen(/tick +\| tick (\d+)/g).some((n) => n > first.tick + 3) && seen(/db +\| db-alive (\d+)/g).some((n) => n > first.db + 3);
    while (Date.now() < deadline) {
      if (first.tick < 0 && seen(/tick +\| tick (\d+)/g).length) first.tick = Math.max(...seen(/tick +\| tick (\d+)/g));
      if (first.db < 0 && seen(/db +\| db-alive (\d+)/g).length) first.db = Math.max(...seen(/db +\| db-alive (\d+)/g));
      if (first.tick >= 0 && first.db >= 0 && followed()) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(first.db, `no db line at all:\n${out}`).toBeGreaterThanOrEqual(0);
    expect(followed(), `the follow stopped (a silent container must not hold it):\n${out}`).toBe(true);
    const t0 = Date.now();
    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 5_000))]);
    if (code === 'still running') child.kill('SIGKILL');
    expect(code, out).toBe(130);
    expect(Date.now() - t0).toBeLessThan(5_000);
  }, 60_000);

  it('re-start after a config change is exit 0', async () => {
    p.write('compose.yml', compose('test -f /tmp/ready').replace('command: ["sleep", "3600"]', 'command: ["sleep", "3601"]'));
    const r = await runCli(['1', 'start', '--timeout', '60'], { cwd: p.root, env, timeoutMs: 120_000 });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  }, 150_000);

  it('a port held by another container: exit 2, naming the holder', async () => {
    const ports = await runCli(['2', 'ports', '--json'], { cwd: p.root, env });
    const port = (JSON.parse(ports.stdout) as Record<string, number>).web!;
    expect(port).toBeGreaterThanOrEqual(36000);
    const held = await run('docker', ['run', '-d', '--name', HOLDER, '-p', `${port}:80`, 'busybox:1.35', 'httpd', '-f', '-p', '80'], { env: process.env, timeoutMs: 60_000 });
    expect(held.code, held.stderr).toBe(0);
    const r = await runCli(['2', 'start', '--timeout', '30'], { cwd: p.root, env, timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`port ${port}`);
    expect(r.stderr).toContain(HOLDER);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('devslot:'))).toHaveLength(1);
    await run('docker', ['rm', '-f', HOLDER], { env: process.env, timeoutMs: 30_000 });
  }, 150_000);

  it('a check that fails ends start with exit 2 naming it, within --timeout', async () => {
    expect((await runCli(['1', 'stop'], { cwd: p.root, env, timeoutMs: 120_000 })).code).toBe(0);
    p.write('compose.yml', compose('false'));
    const t0 = Date.now();
    const r = await runCli(['1', 'start', '--timeout', '20'], { cwd: p.root, env, timeoutMs: 90_000 });
    const took = Date.now() - t0;
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stderr).toMatch(/db/);
    expect(r.stderr).toMatch(/unhealthy|not ready|healthy/);
    expect(took).toBeLessThan(20_000 + 15_000);
  }, 150_000);
});
