import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAmp, encodeAmp } from '../../scripts/adapters/pm2-rpc.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { devslot } from '../helpers/project.js';

/**
 * `status all` asks the Docker engine once and the PM2 daemon once, whatever the number of slots,
 * counted on the wire: the built CLI runs against a fake engine on a unix socket (DOCKER_HOST) and
 * a fake PM2 daemon on PM2_HOME/rpc.sock, with every slot initialized (files on disk, a health
 * probe per app), so per-slot work on those files cannot hide extra calls. And it takes the fast
 * paths: one plain GET on the engine's socket and one `getMonitorData` RPC, without loading
 * dockerode or pm2 (a module-resolve hook in the child lists what it loads).
 *
 * The fakes speak just enough: the engine's GET /containers/json (anything else is counted and
 * answered 404), and PM2's amp RPC framing (checked against a real daemon in pm2-rpc.test.ts).
 * No engine or daemon is needed.
 */
const NAME = 'wirecount';
const CONFIG = `name: ${NAME}
slots: 50
stride: 10
compose:
  files: [compose.yml]
ports:
  api: 38511
env:
  api:
    set:
      SELF: "http://127.0.0.1:{{ports.api}}"
    apps: [api]
pm2:
  config: pm2.config.cts
health:
  api: { tcp: "127.0.0.1:{{ports.api}}" }
`;
const FILES: Record<string, string> = {
  'devslot.yaml': CONFIG,
  'compose.yml': 'services:\n  web:\n    image: busybox:1.35\n    ports: ["127.0.0.1:38080:80"]\n',
  'pm2.config.cts': "export default { apps: [{ name: 'api', script: 'api.js' }] };\n",
  'api.js': '',
};

interface Wire {
  docker: string[];
  pm2: string[];
}

describe('status all on the wire: one engine request and one PM2 RPC, on the fast paths', () => {
  let tmp: string;
  let root: string;
  let initialized = 0;
  const wire: Wire = { docker: [], pm2: [] };
  let containers: unknown[] = [];
  let procs: unknown[] = [];
  let engine: http.Server;
  let daemon: net.Server;
  let env: NodeJS.ProcessEnv;
  let moduleLog: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-wire-'));
    root = path.join(tmp, 'project');
    for (const [rel, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    const dockerSock = path.join(tmp, 'docker.sock');
    engine = http.createServer((req, res) => {
      wire.docker.push(`${req.method} ${req.url}`);
      if (req.method === 'GET' && req.url?.startsWith('/containers/json')) {
        // As a real Docker engine does on every answer: it names itself (devslot reads no /version for it).
        res.writeHead(200, { 'content-type': 'application/json', server: 'Docker/20.10.24+dfsg1 (linux)' });
        res.end(JSON.stringify(containers));
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'not in this fake' }));
      }
    });
    await new Promise<void>((r) => engine.listen(dockerSock, r));

    const home = path.join(tmp, 'pm2');
    fs.mkdirSync(home);
    daemon = net.createServer((sock) => {
      let buf = Buffer.alloc(0);
      sock.on('error', () => {});
      sock.on('data', (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk]);
        for (let msg = decodeAmp(buf); msg; msg = decodeAmp(buf)) {
          buf = buf.subarray(msg.length);
          const [req, id] = msg.args as [{ type?: string; method?: string }, string];
          wire.pm2.push(req?.method ?? JSON.stringify(req));
          sock.write(encodeAmp([req?.method === 'getMonitorData' ? { args: [procs] } : { error: `not in this fake: ${req?.method}` }, id]));
        }
      });
    });
    await new Promise<void>((r) => daemon.listen(path.join(home, 'rpc.sock'), r));

    // Every module the child resolves, by URL: a positive control (status.js is there) and the
    // proof that dockerode and pm2 are not.
    moduleLog = path.join(tmp, 'modules.log');
    fs.writeFileSync(path.join(tmp, 'hooks.mjs'), `import fs from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  fs.appendFileSync(${JSON.stringify(moduleLog)}, r.url + '\\n');
  return r;
}
`);
    fs.writeFileSync(path.join(tmp, 'preload.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${path.join(tmp, 'hooks.mjs')}`)});\n`);
    env = cleanEnv({ DOCKER_HOST: `unix://${dockerSock}`, PM2_HOME: home, NODE_OPTIONS: `--import=${path.join(tmp, 'preload.mjs')}` });
  });

  afterAll(async () => {
    await new Promise((r) => engine?.close(r));
    await new Promise((r) => daemon?.close(r));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it.each([1, 3, 8])('%i slots, each with its files', async (n) => {
    // Slots with files: slot.json, env files and a health probe per app for status to read.
    for (; initialized < n; initialized++) {
      const r = await devslot(root, [String(initialized), 'init', '--quiet']);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(fs.readdirSync(path.join(root, '.instances')).filter((d) => d.startsWith('instance-'))).toHaveLength(n);
    containers = [];
    procs = [];
    for (let slot = 0; slot < n; slot++) {
      containers.push({
        Id: `c${slot}`,
        Names: [`/${NAME}-dev-${slot}-web-1`],
        Labels: { 'com.docker.compose.project': `${NAME}-dev-${slot}`, 'com.docker.compose.service': 'web', 'dev.devslot.root': root, 'dev.devslot.slot': String(slot) },
        State: 'running',
        Status: 'Up 3 minutes',
        Ports: [{ IP: '127.0.0.1', PrivatePort: 80, PublicPort: 38080 + slot * 10, Type: 'tcp' }],
      });
      procs.push({ pm_id: slot, name: `api-${slot}`, pid: 0, pm2_env: { namespace: `${NAME}-dev-${slot}`, status: 'online', restart_time: 0, pm_uptime: 0, env: { DEVSLOT_ROOT: root } } });
    }
    wire.docker = [];
    wire.pm2 = [];
    fs.writeFileSync(moduleLog, '');

    const r = await runCli(['status', 'all', '--json'], { cwd: root, env, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { slots: { slot: number; services: { name: string; state: string; native?: string; ports: number[] }[] }[] };
    // What the fakes said reached the output: every slot, its container and its app.
    expect(out.slots.map((s) => s.slot)).toEqual(Array.from({ length: n }, (_, i) => i));
    for (const s of out.slots) {
      // One state vocabulary (issue 15); PM2's own word is kept beside it.
      expect(s.services.map((x) => `${x.name}:${x.state}:${x.native}`)).toEqual(['web:running:running', 'api:running:online']);
      expect(s.services[0]!.ports).toEqual([38080 + s.slot * 10]);
    }

    expect(wire.docker).toHaveLength(1);
    expect(wire.docker[0]).toMatch(/^GET \/containers\/json\?/);
    expect(decodeURIComponent(wire.docker[0]!)).toContain(`dev.devslot.root=${root}`);
    expect(wire.pm2).toEqual(['getMonitorData']);

    const loaded = fs.readFileSync(moduleLog, 'utf8').split('\n').filter(Boolean);
    expect(loaded.some((u) => u.endsWith('/commands/status.js')), 'the module hook saw nothing').toBe(true);
    expect(loaded.filter((u) => /\/node_modules\/(dockerode|docker-modem|pm2)\//.test(u))).toEqual([]);
  }, 60_000);
});
