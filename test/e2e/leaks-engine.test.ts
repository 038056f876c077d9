/**
 * Issue 14 on a real engine: in slot 2 a container sees the shifted ports in its command and
 * environment; per-slot bind mounts give two slots two folders; `start --strict` refuses a shared
 * data mount; two ports held by two foreign holders are named in one error (preflight and start).
 * Project names ds-leaks-*, ports 21500–21999.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPortsFree } from '../../scripts/apply/preflight.js';
import { RuntimeError } from '../../scripts/errors.js';
import { cleanEnv, run, runCli } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { tempProject } from '../helpers/project.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

const COMPOSE = `services:
  echo:
    image: busybox:1.35
    init: true
    ports: ["21592:21592"]
    command: ["sh", "-c", "echo \\"--advertise=localhost:21592 CORS=$$CORS\\" > /tmp/seen; exec sleep 3600"]
    environment:
      CORS: http://localhost:21573
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/seen"]
      interval: 1s
      retries: 30
  db:
    image: busybox:1.35
    init: true
    command: ["sh", "-c", "echo slot-$$SLOT > /data/who; exec sleep 3600"]
    environment:
      SLOT: \${DEVSLOT_SLOT:-none}
    volumes: ["./pgdata:/data"]
`;
const CONFIG = (name: string, perSlot: boolean) => `name: ${name}
slots: 4
compose:
  files: [compose.yml]
${perSlot ? '  perSlotMounts: [./pgdata]\n' : ''}ports:
  web: 21573
`;

/** A process outside this test's own pid that listens on `port` until killed. */
async function holder(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${port}, '0.0.0.0', () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`holder on ${port} did not start`)), 20_000);
    child.stdout!.once('data', () => {
      clearTimeout(t);
      resolve();
    });
  });
  return child;
}

describe.skipIf(!requireTool(hasEngine, 'a Docker engine'))('no silent leaks on a real engine', { timeout: 240_000 }, () => {
  let p: ReturnType<typeof tempProject>;
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home });
  const cli = (args: string[]) => runCli(args, { cwd: p.root, env, timeoutMs: 180_000 });
  const containerOf = async (project: string, service: string) => (await run('docker', ['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`, '--filter', `label=com.docker.compose.service=${service}`], { env })).stdout.trim();

  beforeAll(() => {
    p = tempProject({ 'compose.yml': COMPOSE, 'devslot.yaml': CONFIG('ds-leaks-engine', true), 'strict.yaml': CONFIG('ds-leaks-strict', false) }, 'ds-leaks-engine-');
  });
  afterAll(async () => {
    await cli(['clean', 'all', '--yes']);
    await runCli(['clean', 'all', '--yes', '--config', 'strict.yaml'], { cwd: p.root, env, timeoutMs: 180_000 });
    await pm2.kill();
    p.remove();
  }, 240_000);

  it('in slot 2 the container sees the shifted ports in its command and environment', async () => {
    const r = await cli(['2', 'start', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const id = await containerOf('ds-leaks-engine-dev-2', 'echo');
    expect(id).not.toBe('');
    const seen = await run('docker', ['exec', id, 'cat', '/tmp/seen'], { env });
    expect(seen.stdout.trim()).toBe('--advertise=localhost:21792 CORS=http://localhost:21773');
    const info = await cli(['2', 'info', '--json']);
    const rewrites = (JSON.parse(info.stdout) as { compose: { rewrites: { service: string; key: string; to: string }[] } }).compose.rewrites;
    expect(rewrites.map((x) => `${x.service} ${x.key} ${x.to}`)).toEqual([
      'echo environment.CORS http://localhost:21773',
      'echo command echo "--advertise=localhost:21792 CORS=$$CORS" > /tmp/seen; exec sleep 3600',
    ]);
  });

  it('per-slot mounts: two slots write two different folders, and the shared one stays untouched', async () => {
    const r3 = await cli(['3', 'start', '--quiet']);
    expect(r3.code, r3.stderr).toBe(0);
    const who = (n: number) => path.join(p.root, '.instances', `instance-${n}`, 'mounts', 'pgdata', 'who');
    const until = Date.now() + 30_000;
    while ((!fs.existsSync(who(2)) || !fs.existsSync(who(3))) && Date.now() < until) await new Promise((res) => setTimeout(res, 250));
    expect(fs.readFileSync(who(2), 'utf8').trim()).toBe('slot-2');
    expect(fs.readFileSync(who(3), 'utf8').trim()).toBe('slot-3');
    expect(fs.existsSync(path.join(p.root, 'pgdata', 'who'))).toBe(false);
  });

  it('preflight names both ports held by two foreign holders in one error', async () => {
    const a = await holder(21950);
    const b = await holder(21951);
    try {
      const op = { slot: 7, cause: 'test', kind: 'check-ports' as const, project: 'ds-leaks-preflight-dev-7', ports: [{ name: 'api', port: 21950, source: 'ports' }, { name: 'web', port: 21951, source: 'ports' }], ownPorts: [], ownPids: [] };
      const err = await checkPortsFree(process.env, op).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(RuntimeError);
      const lines = (err as Error).message.split('\n');
      expect(lines[0]).toBe('2 ports of slot 7 are already in use; stop their holders, or use another slot:');
      expect(lines[1]).toContain(`port 21950 (api, ports): in use by pid ${a.pid} (`);
      expect(lines[2]).toContain(`port 21951 (web, ports): in use by pid ${b.pid} (`);
    } finally {
      a.kill();
      b.kill();
    }
  });

  it('start exits 2 naming both busy ports of the slot', async () => {
    const a = await holder(21692);
    const b = await holder(21673);
    try {
      const r = await cli(['1', 'start', '--quiet']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^devslot: 2 ports of slot 1 are already in use/m);
      expect(r.stderr).toContain(`port 21692 (echo, service echo): in use by pid ${a.pid}`);
      expect(r.stderr).toContain(`port 21673 (web, ports): in use by pid ${b.pid}`);
      expect(await containerOf('ds-leaks-engine-dev-1', 'echo')).toBe('');
    } finally {
      a.kill();
      b.kill();
    }
  });
  it('start --strict refuses a shared data bind mount: exit 1, nothing created', async () => {
    const r = await runCli(['0', 'start', '--strict', '--config', 'strict.yaml'], { cwd: p.root, env, timeoutMs: 180_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^devslot: .*pgdata/m);
    expect(await containerOf('ds-leaks-strict-dev-0', 'db')).toBe('');
    expect(await containerOf('ds-leaks-strict-dev-0', 'echo')).toBe('');
  });
});
