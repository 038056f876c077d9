import { execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanEnv, cliPath, run, runCli } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { tempProject } from '../helpers/project.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Ctrl-C while `compose up` itself is still running (here: waiting for a dependency to become
 * healthy) must take down what that cut-short up created. The undo counted only finished
 * operations, so it said "undid what this start began" and left the slot's containers and network.
 */
const NAME = 'devslot-s5w-int';
const PORT = 45890;
const COMPOSE = `services:
  slow:
    image: busybox:1.35
    init: true
    command: [sh, -c, "sleep 6; touch /tmp/ok; exec sleep 86400"]
    healthcheck: { test: [CMD, test, -f, /tmp/ok], interval: 1s, timeout: 2s, retries: 30 }
  web:
    image: busybox:1.35
    init: true
    command: [httpd, -f, -p, "80", -h, /tmp]
    ports: ["127.0.0.1:${PORT}:80"]
    depends_on: { slow: { condition: service_healthy } }
`;

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('Ctrl-C during compose up', () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home });
  let p: ReturnType<typeof tempProject>;
  const docker = async (args: string[]) => (await run('docker', args, { env, timeoutMs: 60_000 })).stdout.trim().split('\n').filter(Boolean).sort();
  const label = `label=com.docker.compose.project=${NAME}-dev-0`;

  beforeAll(() => {
    p = tempProject({ 'devslot.yaml': `name: ${NAME}\ncompose:\n  files: [compose.yml]\n`, 'compose.yml': COMPOSE }, 's5w-int-');
  });
  afterAll(async () => {
    await runCli(['clean', 'all', '--yes'], { cwd: p.root, env, timeoutMs: 120_000 });
    await pm2.kill();
    p.remove();
  });

  it('takes down the containers and network the interrupted up created, exit 130', async () => {
    const child = spawn(process.execPath, [cliPath, '0', 'start'], { cwd: p.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // compose up blocks on `slow` becoming healthy (6 s): interrupt once its container exists.
    const deadline = Date.now() + 60_000;
    while (!(await docker(['ps', '-a', '--filter', label, '--format', '{{.Names}}'])).length) {
      if (Date.now() > deadline) throw new Error(`no container appeared: ${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    expect(stderr.split('\n').filter((l) => l.startsWith('devslot:'))).toEqual([
      'devslot: interrupted: undid what this start began for slot 0; other slots were not touched',
    ]);
    expect(await docker(['ps', '-a', '--filter', label, '--format', '{{.Names}} {{.State}}'])).toEqual([]);
    expect(await docker(['network', 'ls', '--filter', label, '--format', '{{.Name}}'])).toEqual([]);
    expect(await docker(['volume', 'ls', '--filter', `label=dev.devslot.claim=${NAME}-dev-0`, '--format', '{{.Name}}'])).toEqual([]);
  });
});

/**
 * Ctrl-C while the shared services this start brought up are still coming up: the undo takes them
 * down again (no slot uses them), instead of leaving an infra "used by no slot" running.
 */
describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('Ctrl-C while the shared services start', () => {
  const NAME3 = 'devslot-s5w-infra-int';
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home });
  let p: ReturnType<typeof tempProject>;
  const infra = async () => (await run('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${NAME3}-infra`, '--format', '{{.Names}}'], { env, timeoutMs: 60_000 })).stdout.trim();

  beforeAll(() => {
    const yaml = `name: ${NAME3}\ncompose:\n  files: [compose.yml]\nshared:\n  services: [slow]\n`;
    p = tempProject({ 'devslot.yaml': yaml, 'compose.yml': COMPOSE.replace(`${PORT}:80`, `${PORT + 2}:80`) }, 's5w-infra-int-');
  });
  afterAll(async () => {
    await runCli(['clean', 'all', '--yes'], { cwd: p.root, env, timeoutMs: 120_000 });
    await runCli(['infra', 'clean', '--yes'], { cwd: p.root, env, timeoutMs: 120_000 });
    await pm2.kill();
    p.remove();
  });

  it('stops the shared services it started, exit 130', async () => {
    const child = spawn(process.execPath, [cliPath, '0', 'start'], { cwd: p.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!(await infra())) {
      if (Date.now() > deadline) throw new Error(`no infra container appeared: ${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    expect(stderr).toContain('devslot: interrupted: undid what this start began for slot 0');
    expect(await infra()).toBe('');
  });
});

/**
 * A copied folder (cp -r, its .instances/ along) beside the checkout that runs slot 0: `stop all`
 * there stops what is its own and passes slot 0 by, exit 0, instead of failing with exit 2 on a slot
 * it never ran. The original's container keeps running.
 */
describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('stop all in a copied folder', () => {
  const NAME2 = 'devslot-s5w-cp';
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home });
  let a: ReturnType<typeof tempProject>;
  let copy: string;
  const cli = (cwd: string, args: string[]) => runCli(args, { cwd, env, timeoutMs: 120_000 });

  beforeAll(() => {
    a = tempProject({ 'devslot.yaml': `name: ${NAME2}\ncompose:\n  files: [compose.yml]\n`, 'compose.yml': `services:\n  web:\n    image: busybox:1.35\n    init: true\n    command: [httpd, -f, -p, "80", -h, /tmp]\n    ports: ["127.0.0.1:${PORT + 1}:80"]\n` }, 's5w-cp-a-');
    copy = `${a.root}-copy`;
  });
  afterAll(async () => {
    await cli(a.root, ['clean', 'all', '--yes']);
    await cli(copy, ['clean', 'all', '--yes']);
    await pm2.kill();
    a.remove();
    execFileSync('rm', ['-rf', copy]);
  });

  it('passes by the slot the original runs, exit 0, and leaves it running', async () => {
    expect((await cli(a.root, ['0', 'start'])).code).toBe(0);
    execFileSync('cp', ['-r', a.root, copy]);
    const r = await cli(copy, ['stop', 'all']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`passed by slot 0: slot 0 is held on this Docker engine by the checkout at ${a.root} (id `);
    const dry = await cli(copy, ['clean', 'all', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('# passed by slot 0: ');
    const running = (await run('docker', ['ps', '--filter', `label=com.docker.compose.project=${NAME2}-dev-0`, '--format', '{{.State}}'], { env })).stdout.trim();
    expect(running).toBe('running');
    const single = await cli(copy, ['0', 'stop']);
    expect(single.code).toBe(2); // naming the slot still refuses: it is not this copy's
    // status in the copy names who runs slot 0, rather than only `missing`; the original's says nothing of it.
    const st = await cli(copy, ['0', 'status']);
    expect(st.code, st.stderr).toBe(0);
    expect(st.stdout).toMatch(/web\s+container\s+missing/);
    expect(st.stdout).toContain(`held by the checkout at ${a.root}: what runs there is not this folder's`);
    const json = JSON.parse((await cli(copy, ['status', 'all', '--json'])).stdout) as { slots: { slot: number; heldBy?: string[] }[] };
    expect(json.slots.find((x) => x.slot === 0)?.heldBy).toEqual([a.root]);
    const own = await cli(a.root, ['0', 'status']);
    expect(own.stdout).not.toContain('held by');
  });
});
