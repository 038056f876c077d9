import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cliPath, run, runCli, type RunResult } from '../helpers/cli.js';
import { jlist, privatePm2 } from '../helpers/pm2-home.js';
import { tempProject } from '../helpers/project.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Issue 11 on a real engine and PM2: `start` means up (crash loops and instant exits of containers
 * and apps fail it, naming them with their last lines), every engine and PM2 call is bounded (a
 * silent socket, a stopped daemon), and SIGTERM during start ends 143 after undoing what it began.
 * Ports 26000–26999, project names ds-hang-*.
 */
const oneLine = (r: RunResult, re: RegExp, code: number) => {
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('devslot:'));
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(re);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.code, r.stderr).toBe(code);
};

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('start means up, and nothing hangs', { timeout: 180_000 }, () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home });
  const projects: ReturnType<typeof tempProject>[] = [];
  const project = (name: string, compose: string, pm2Config = '', extra = '') => {
    const p = tempProject({
      'devslot.yaml': `name: ${name}\nslots: 3\ncompose:\n  files: [compose.yml]\n${pm2Config ? 'pm2:\n  config: pm2.config.cts\n' : ''}${extra}`,
      'compose.yml': compose,
      ...(pm2Config ? { 'pm2.config.cts': pm2Config } : {}),
      'crash.mjs': "console.log('crash: about to fail'); process.exit(1);\n",
      'idle.mjs': 'setInterval(() => {}, 1000);\n',
    }, `${name}-`);
    projects.push(p);
    return p;
  };
  const cli = (p: { root: string }, args: string[], timeoutMs = 120_000, extraEnv: Record<string, string> = {}) => runCli(args, { cwd: p.root, env: { ...env, ...extraEnv }, timeoutMs });
  const containersOf = async (name: string) => (await run('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${name}-dev-1`])).stdout.trim();

  afterAll(async () => {
    for (const p of projects) await cli(p, ['clean', 'all', '--yes']);
    await pm2.kill();
    for (const p of projects) p.remove();
    // Six projects' clean: over vitest's 10 s hook default on Podman (about 2 s each there).
  }, 120_000);

  it('a container in a crash loop (restart: always) fails start with exit 2, naming it and its last lines', async () => {
    const p = project('ds-hang-loop', 'services:\n  loop:\n    image: busybox:1.35\n    command: ["sh", "-c", "echo loop: about to fail; sleep 0.3; exit 3"]\n    restart: always\n    init: true\n');
    const r = await cli(p, ['1', 'start', '--timeout', '30']);
    oneLine(r, /slot 1: loop (restarting|exited with code 3).*last log lines of loop: .*loop: about to fail/, 2);
  });

  it('a container that exits at once with an error fails start, every time', async () => {
    const p = project('ds-hang-exit', 'services:\n  quick:\n    image: busybox:1.35\n    command: ["sh", "-c", "echo quick: gone; exit 1"]\n    init: true\n');
    for (let i = 0; i < 3; i++) {
      const r = await cli(p, ['1', 'start', '--timeout', '30']);
      oneLine(r, /slot 1: quick exited with code 1.*quick: gone/, 2);
    }
  });

  it('a PM2 app in a crash loop, with no probe, fails start naming it and its last lines', async () => {
    const p = project('ds-hang-app', 'services:\n  idle:\n    image: busybox:1.35\n    command: ["sleep", "3600"]\n    init: true\n', "export default { apps: [{ name: 'crash', script: 'crash.mjs', autorestart: true }, { name: 'idle', script: 'idle.mjs' }] };\n");
    const r = await cli(p, ['1', 'start', '--timeout', '30']);
    oneLine(r, /slot 1: crash-1 (keeps restarting|is errored|is stopped).*last log lines of crash-1: .*crash: about to fail/, 2);
  });

  it('a PM2 app that answers its probe and then dies (a crash loop) fails start: it must answer twice, as the same process', async () => {
    const app = "import http from 'node:http';\nhttp.createServer((q, r) => { r.end('ok'); console.log('once: answered, now failing'); setImmediate(() => process.exit(1)); }).listen(Number(process.env.PORT), '127.0.0.1');\n";
    const p = project(
      'ds-hang-once',
      'services:\n  idle:\n    image: busybox:1.35\n    command: ["sleep", "3600"]\n    init: true\n',
      "export default { apps: [{ name: 'once', script: 'once.mjs', autorestart: true }] };\n",
      'ports:\n  once: 26510\nenv:\n  once:\n    set: { PORT: "{{ports.once}}" }\n    apps: [once]\nhealth:\n  once: { http: "http://127.0.0.1:{{ports.once}}/" }\n',
    );
    fs.writeFileSync(path.join(p.root, 'once.mjs'), app);
    const r = await cli(p, ['1', 'start', '--timeout', '30']);
    oneLine(r, /slot 1: once-1 (keeps restarting|is errored|is stopped).*last log lines of once-1: .*once: answered, now failing/, 2);
  });

  it('clean all of three slots prints no Node warning (every engine call listens for Ctrl-C while it runs)', async () => {
    const p = project('ds-hang-many', 'services:\n  idle:\n    image: busybox:1.35\n    command: ["sleep", "3600"]\n    init: true\n');
    for (const slot of ['0', '1', '2']) expect((await cli(p, [slot, 'start', '--quiet'])).code).toBe(0);
    const r = await cli(p, ['clean', 'all', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/Warning|--trace-warnings/);
  });

  it('a silent engine socket ends within its bound with exit 2 and one line naming it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-hang-sock-'));
    const sock = path.join(dir, 'docker.sock');
    const held: net.Socket[] = [];
    const server = net.createServer((s) => held.push(s)); // accepts, never answers
    await new Promise<void>((r) => server.listen(sock, r));
    try {
      const p = project('ds-hang-silent', 'services:\n  idle:\n    image: busybox:1.35\n    command: ["sleep", "3600"]\n');
      for (const args of [['status'], ['1', 'start'], ['stop', 'all']]) {
        const t0 = Date.now();
        const r = await cli(p, args, 60_000, { DOCKER_HOST: `unix://${sock}` });
        oneLine(r, new RegExp(`Docker engine at unix://${sock.replace(/[.]/g, '\\.')} accepted the connection but did not answer within 15s`), 2);
        expect(Date.now() - t0).toBeLessThan(40_000);
      }
    } finally {
      for (const s of held) s.destroy();
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a stopped (SIGSTOP) PM2 daemon ends status and start within their bound with exit 2 and one line', async () => {
    const p = project('ds-hang-pm2', 'services:\n  idle:\n    image: busybox:1.35\n    command: ["sleep", "3600"]\n    init: true\n', "export default { apps: [{ name: 'idle', script: 'idle.mjs' }] };\n");
    await pm2.pm2(['ping']);
    const pid = Number(fs.readFileSync(path.join(pm2.home, 'pm2.pid'), 'utf8'));
    process.kill(pid, 'SIGSTOP');
    try {
      for (const args of [['status', '1'], ['1', 'start']]) {
        const t0 = Date.now();
        const r = await cli(p, args, 60_000);
        oneLine(r, /PM2 daemon of PM2_HOME=.* did not answer within \d+s .*it looks stuck/, 2);
        expect(Date.now() - t0).toBeLessThan(40_000);
      }
      expect(await containersOf('ds-hang-pm2')).toBe('');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });

  it('SIGTERM during start exits 143 with one line, after undoing what it began', async () => {
    // PM2 names are global per daemon: this app must not share a name with the other tests' apps.
    const p = project('ds-hang-term', 'services:\n  slow:\n    image: busybox:1.35\n    command: ["sleep", "3600"]\n    init: true\n    healthcheck:\n      test: ["CMD", "sh", "-c", "exit 1"]\n      interval: 1s\n      retries: 100\n', "export default { apps: [{ name: 'termidle', script: 'idle.mjs' }] };\n");
    const child = spawn(process.execPath, [cliPath, '1', 'start', '--timeout', '60'], { cwd: p.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const t0 = Date.now();
    // Wait until the containers are being waited for (compose up done), then SIGTERM.
    while (!/slow: starting \(health: starting\)/.test(err) && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 100));
    expect(err).toMatch(/slow: starting/);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code, err).toBe(143);
    const lines = err.split('\n').filter((l) => l.startsWith('devslot:'));
    expect(lines).toEqual([expect.stringMatching(/^devslot: interrupted: undid what this start began for slot 1/)]);
    expect(await containersOf('ds-hang-term')).toBe('');
    expect((await jlist(pm2.pm2)).filter((a) => a.pm2_env.namespace === 'ds-hang-term-dev-1')).toEqual([]);
  });
});
