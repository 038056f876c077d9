import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, run, runCli } from '../helpers/cli.js';
import { exampleCopy } from '../helpers/example.js';
import { privatePm2 } from '../helpers/pm2-home.js';

/**
 * Issue 19 against a real remote engine: a second dockerd in a network namespace behind sshd
 * (.ci/remote-engine-setup), reached as DOCKER_HOST=ssh://devslot-remote with the user and key only
 * in ssh_config and no agent. Opt-in: DEVSLOT_REMOTE_TEST=1 (.ci/run sets it with DEVSLOT_CI_REMOTE=1).
 */
const STATE = '/run/devslot-remote';
const SSHD_LOG = '/var/log/devslot-remote-sshd.log';
const REMOTE_SOCK = `unix://${STATE}/docker.sock`;
const enabled = process.env.DEVSLOT_REMOTE_TEST === '1' && fs.existsSync(`${STATE}/env`);
const NAME = 'h19-remote';
const PORTS = { redis: 40379, web: 40080, api: 40211 }; // slot N: + N × 100

const logins = () => (fs.readFileSync(SSHD_LOG, 'utf8').match(/Accepted publickey/g) ?? []).length;
const onRemote = (args: string[]) => run('docker', args, { env: { ...process.env, DOCKER_HOST: REMOTE_SOCK }, timeoutMs: 60_000 });

describe.skipIf(!enabled)('a slot on a remote engine over ssh (issue 19)', () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home, DOCKER_HOST: 'ssh://devslot-remote', SSH_AUTH_SOCK: '' });
  const ex = exampleCopy(NAME, PORTS, { sharedPostgres: false });
  const dirs: string[] = [];
  const cli = async (args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) => {
    const before = logins();
    const r = await runCli(args, { cwd: opts.cwd ?? ex.root, env: opts.env ?? env, timeoutMs: 120_000 });
    return { ...r, logins: logins() - before };
  };
  const tinyProject = (name: string, compose: string) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    dirs.push(root);
    fs.writeFileSync(path.join(root, 'devslot.yaml'), `name: ${name}\ncompose:\n  files: [compose.yml]\n`);
    fs.writeFileSync(path.join(root, 'compose.yml'), compose);
    return root;
  };

  beforeAll(() => {
    // The example's web service serves a bind-mounted folder of this machine: refused on a remote
    // engine (tested below with its own project); here it serves a folder of its image.
    const file = path.join(ex.root, 'compose/compose.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"-h", "/www"]', '"-h", "/etc"]').replace('    volumes:\n      - ./web:/www:ro\n', '').replace('http://127.0.0.1/"]', 'http://127.0.0.1/hostname"]'));
  });

  afterAll(async () => {
    await runCli(['clean', 'all', '--yes'], { cwd: ex.root, env, timeoutMs: 120_000 });
    await onRemote(['rm', '-f', 'h19-holder']);
    await pm2.kill();
    ex.remove();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('starts a slot on the remote with one login; the API here reaches its Redis there through the forward', async () => {
    const r = await cli(['0', 'start']);
    expect(r.stderr + r.stdout).toContain('api');
    expect(r.code).toBe(0);
    expect(r.logins).toBe(1);
    const put = await fetch(`http://127.0.0.1:${PORTS.api}/kv/h19`, { method: 'PUT', body: 'through-the-forward' });
    expect(put.ok).toBe(true);
    // The value is in the slot's Redis on the remote engine: read there, not through the API.
    const got = await onRemote(['exec', `${NAME}-dev-0-redis-1`, 'redis-cli', 'GET', 'h19']);
    expect(got.stdout.trim()).toBe('through-the-forward');
  });

  it('a second slot gets its own forward, no collision; status shows both with one login', async () => {
    const r = await cli(['1', 'start']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.logins).toBe(1);
    const health = await fetch(`http://127.0.0.1:${PORTS.api + 100}/health`).then((x) => x.json() as Promise<{ ok: boolean; slot: string }>);
    expect(health).toEqual({ ok: true, slot: '1' });
    const s = await cli(['status', 'all']);
    expect(s.code).toBe(0);
    expect(s.logins).toBe(1);
    expect(s.stdout).toMatch(new RegExp(`forward  127\\.0\\.0\\.1:${PORTS.web},${PORTS.redis} <- ssh://devslot-remote`));
    expect(s.stdout).toMatch(new RegExp(`forward  127\\.0\\.0\\.1:${PORTS.web + 100},${PORTS.redis + 100} <- ssh://devslot-remote`));
    expect(s.stdout).toContain('engine  Docker');
    const l = await cli(['0', 'logs', '--no-follow', '--lines', '3']);
    expect(l.code, l.stderr).toBe(0);
    expect(l.logins).toBe(1);
  });

  it('a wrong host key is refused before anything changes', async () => {
    const r = await cli(['0', 'stop'], { env: { ...env, DOCKER_HOST: 'ssh://devslot-remote-wrongkey' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/host key/);
    expect(r.stderr).not.toMatch(/systemctl/);
    const health = await fetch(`http://127.0.0.1:${PORTS.api}/health`).then((x) => x.json() as Promise<{ ok: boolean }>);
    expect(health.ok).toBe(true);
  });

  it('a port held on the remote by a foreign container: exit 2 naming it, nothing created', async () => {
    const held = PORTS.redis + 200;
    expect((await onRemote(['run', '-d', '--name', 'h19-holder', '-p', `${held}:80`, 'busybox:1.35', 'httpd', '-f', '-p', '80'])).code).toBe(0);
    const r = await cli(['2', 'start']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`port ${held}`);
    expect(r.stderr).toContain('h19-holder');
    const ours = await onRemote(['ps', '-aq', '--filter', `label=com.docker.compose.project=${NAME}-dev-2`]);
    expect(ours.stdout.trim()).toBe('');
  });

  it('a bind mount of this machine: exit 1 naming it; a missing image: one line naming it and the fix', async () => {
    const bind = tinyProject('h19-bind', 'services:\n  web:\n    image: busybox:1.35\n    command: ["sleep", "60"]\n    volumes: ["./site:/site:ro"]\n');
    fs.mkdirSync(path.join(bind, 'site'));
    const b = await cli(['0', 'start'], { cwd: bind });
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/bind mount web: .*\/site -> \/site/);
    const img = tinyProject('h19-img', 'services:\n  web:\n    image: h19-no-such-image:1\n    command: ["sleep", "60"]\n');
    const m = await cli(['0', 'start'], { cwd: img });
    expect(m.code).toBe(2);
    expect(m.stderr.trim().split('\n')).toHaveLength(1);
    expect(m.stderr).toContain('h19-no-such-image:1');
    expect(m.stderr).toContain('docker pull');
  });

  it('stop removes the forward with one login; stop all stops the rest', async () => {
    const r = await cli(['0', 'stop']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.logins).toBe(1);
    await expect(fetch(`http://127.0.0.1:${PORTS.redis}/`)).rejects.toThrow();
    expect(fs.existsSync(path.join(ex.root, '.instances/instance-0/.forward.json'))).toBe(false);
    const all = await cli(['stop', 'all']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.logins).toBe(1);
    await expect(fetch(`http://127.0.0.1:${PORTS.redis + 100}/`)).rejects.toThrow();
  });
});
