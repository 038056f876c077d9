import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, run, runCli } from '../helpers/cli.js';
import { exampleCopy } from '../helpers/example.js';
import { privatePm2 } from '../helpers/pm2-home.js';

/**
 * Issue 19, per-slot engines: one project whose slot 0 runs on this machine's engine and slot 2 on
 * the remote one (`engines: { "2-3": ssh://devslot-remote }` in devslot.yaml), with no DOCKER_HOST
 * set. Opt-in like remote-engine.test.ts: DEVSLOT_REMOTE_TEST=1 and .ci/remote-engine-setup done
 * (`npm run test:remote` runs both).
 */
const STATE = '/run/devslot-remote';
const SSHD_LOG = '/var/log/devslot-remote-sshd.log';
const REMOTE_SOCK = `unix://${STATE}/docker.sock`;
const enabled = process.env.DEVSLOT_REMOTE_TEST === '1' && fs.existsSync(`${STATE}/env`);
const NAME = 'devslot-s5r-engines';
const PORTS = { redis: 48079, web: 48080, api: 48011 }; // slot N: + N × 100

const logins = () => (fs.readFileSync(SSHD_LOG, 'utf8').match(/Accepted publickey/g) ?? []).length;
const { DOCKER_HOST: _userEngine, ...hostEnv } = process.env;
const onEngine = (host: string | undefined, args: string[]) => run('docker', args, { env: host ? { ...hostEnv, DOCKER_HOST: host } : hostEnv, timeoutMs: 60_000 });
/** The compose projects that have containers of this root on an engine (undefined: the local one). */
const projectsOn = async (host: string | undefined, running = false) => {
  const r = await onEngine(host, ['ps', ...(running ? [] : ['-a']), '--filter', `label=dev.devslot.root`, '--format', '{{.Label "com.docker.compose.project"}}']);
  expect(r.code, r.stderr).toBe(0);
  return [...new Set(r.stdout.split('\n').filter((p) => p.startsWith(`${NAME}-dev-`)))].sort();
};

describe.skipIf(!enabled)('slots on different engines in one project (issue 19)', () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home, SSH_AUTH_SOCK: '' }, hostEnv);
  const ex = exampleCopy(NAME, PORTS, { sharedPostgres: false });
  const cli = async (args: string[]) => {
    const before = logins();
    const r = await runCli(args, { cwd: ex.root, env, timeoutMs: 120_000 });
    return { ...r, logins: logins() - before };
  };

  beforeAll(() => {
    // The web service's bind mount of this machine is refused on a remote engine (remote-engine.test.ts
    // tests that): here it serves a folder of its image, in both slots.
    const file = path.join(ex.root, 'compose/compose.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"-h", "/www"]', '"-h", "/etc"]').replace('    volumes:\n      - ./web:/www:ro\n', '').replace('http://127.0.0.1/"]', 'http://127.0.0.1/hostname"]'));
    const yaml = path.join(ex.root, 'devslot.yaml');
    fs.writeFileSync(yaml, `${fs.readFileSync(yaml, 'utf8').replace(/^slots: .*$/m, 'slots: 4')}engines:\n  "2-3": ssh://devslot-remote\n`);
  });

  afterAll(async () => {
    await runCli(['clean', 'all', '--yes'], { cwd: ex.root, env, timeoutMs: 120_000 });
    await pm2.kill();
    ex.remove();
  });

  it('a bad engines entry is one line and exit 1, before anything runs', async () => {
    const yaml = path.join(ex.root, 'devslot.yaml');
    const good = fs.readFileSync(yaml, 'utf8');
    try {
      fs.writeFileSync(yaml, good.replace('"2-3": ssh://devslot-remote', '"2-4": ssh://devslot-remote'));
      const r = await cli(['2', 'start']);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('engines.2-4: slot 4 is outside the slots of this file (0..3)');
      expect(r.logins).toBe(0);
    } finally {
      fs.writeFileSync(yaml, good);
    }
  });

  it('clone between slots on two engines is refused in one line, before any engine is asked', async () => {
    const r = await cli(['clone', '0', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('slot 0 runs on the local engine and slot 2 on ssh://devslot-remote');
    expect(r.logins).toBe(0);
  });

  it('slot 0 starts on this machine (no ssh login), slot 2 on the remote (one login)', async () => {
    const local = await cli(['0', 'start']);
    expect(local.code, local.stderr).toBe(0);
    expect(local.logins).toBe(0);
    const remote = await cli(['2', 'start']);
    expect(remote.code, remote.stderr).toBe(0);
    expect(remote.logins).toBe(1);
    // Both APIs run here; slot 2's reaches its Redis on the remote through the forward.
    for (const [slot, port] of [[0, PORTS.api], [2, PORTS.api + 200]] as const) {
      const put = await fetch(`http://127.0.0.1:${port}/kv/h19`, { method: 'PUT', body: `slot-${slot}` });
      expect(put.ok).toBe(true);
    }
    const there = await onEngine(REMOTE_SOCK, ['exec', `${NAME}-dev-2-redis-1`, 'redis-cli', 'GET', 'h19']);
    expect(there.stdout.trim()).toBe('slot-2');
    const here = await onEngine(undefined, ['exec', `${NAME}-dev-0-redis-1`, 'redis-cli', 'GET', 'h19']);
    expect(here.stdout.trim()).toBe('slot-0');
  });

  it('the local engine holds only slot 0, the remote only slot 2', async () => {
    expect(await projectsOn(undefined)).toEqual([`${NAME}-dev-0`]);
    expect(await projectsOn(REMOTE_SOCK)).toEqual([`${NAME}-dev-2`]);
  });

  it('ls and status show where each slot runs; status all makes one ssh login', async () => {
    const ls = await cli(['ls']);
    expect(ls.code, ls.stderr).toBe(0);
    expect(ls.logins).toBe(1);
    const line = (slot: number) => ls.stdout.split('\n').find((l) => l.includes(`${NAME}-dev-${slot} `)) ?? '';
    expect(line(0)).toMatch(/running .* local /);
    expect(line(2)).toMatch(/running .* ssh:\/\/devslot-remote /);
    const lsJson = await cli(['ls', '--json']);
    expect((JSON.parse(lsJson.stdout) as { slots: { slot: number; engine: string }[] }).slots.map((s) => [s.slot, s.engine])).toEqual([[0, 'local'], [2, 'ssh://devslot-remote']]);

    const s = await cli(['status', 'all']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.logins).toBe(1);
    const block = (slot: number) => s.stdout.slice(s.stdout.indexOf(`slot ${slot}  `)).split(/\n(?=slot |engine )/)[0]!;
    expect(block(0)).toContain('engine   local');
    expect(block(0)).not.toContain('forward');
    expect(block(2)).toContain('engine   ssh://devslot-remote');
    expect(block(2)).toMatch(new RegExp(`forward  127\\.0\\.0\\.1:${PORTS.redis + 200},${PORTS.web + 200} <- ssh://devslot-remote`));
    // One engine line per engine the slots run on.
    expect(s.stdout).toMatch(/^engine {2}Docker .* at unix:\/\/\/var\/run\/docker\.sock$/m);
    expect(s.stdout).toMatch(/^engine {2}Docker .* at ssh:\/\/devslot-remote$/m);
    const one = await cli(['0', 'status']);
    expect(one.code).toBe(0);
    expect(one.logins).toBe(0);
  });

  it('stop all stops both, each on its own engine, with one ssh login', async () => {
    const r = await cli(['stop', 'all']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.logins).toBe(1);
    expect(r.stdout).toMatch(/stopped slot 0 .*: [1-9]\d* container/);
    expect(r.stdout).toMatch(/stopped slot 2 .*: [1-9]\d* container/);
    expect(await projectsOn(undefined)).toEqual([]);
    expect(await projectsOn(REMOTE_SOCK)).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${PORTS.redis + 200}/`)).rejects.toThrow();
    expect(fs.existsSync(path.join(ex.root, '.instances/instance-2/.forward.json'))).toBe(false);
  });

  it('clean all removes each slot\'s volumes on its own engine', async () => {
    const volumes = async (host: string | undefined, slot: number) => (await onEngine(host, ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${NAME}-dev-${slot}`])).stdout.trim();
    expect(await volumes(undefined, 0)).not.toBe('');
    expect(await volumes(REMOTE_SOCK, 2)).not.toBe('');
    const r = await cli(['clean', 'all', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.logins).toBe(1);
    expect(await volumes(undefined, 0)).toBe('');
    expect(await volumes(REMOTE_SOCK, 2)).toBe('');
  });
});
