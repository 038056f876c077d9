#!/usr/bin/env node
// devslot benchmark (issue 6). Run as `npm run bench` after `npm run build`.
//
// In one run it brings up K slots of a small stack (one busybox container and one PM2 app each) in a
// temp project with its own PM2 daemon, and prints medians of repeated runs beside their baselines:
//
//   1  devslot status all --json   vs  docker compose ls + `compose ps` per slot + pm2 jlist  ≥ 5× faster
//   2  devslot status all --json   vs  node -e 0 + one label-filtered docker ps             ≤ 1.5× their sum
//   3  devslot --version / 3 ports vs  node -e 0                                             ≤ 1.5× its time
//   4  devslot 3 start (no-op)     vs  compose up -d (no-op) + pm2 startOrReload (CLI)       ≤ 1.0× their time
//   5  devslot stop all            vs  K × devslot N stop, one after another                 ≥ 3× faster
//      (also measured: the engine floor, the same K downs sent straight to the engine API at once)
//   6  devslot N init, 50 slots of a 30-service compose file: per-slot time of 40–49 vs 0–9 ≤ 1.5×
//
// Every process is spawned with an argv array (no shell) and timed with performance.now() from spawn
// to exit. Each measure gets a warm-up run, then N runs; fast measures are interleaved round-robin so
// drift hits all of them alike. A command that fails aborts the bench (a failed run's time means
// nothing). Figures go to bench/results.json. Exit: 0 all goals met, 1 a goal missed (named),
// 2 the bench itself failed, 130 interrupted. Everything it creates is removed at the end, on
// failure and on Ctrl-C: its slots (`devslot clean all --yes`, then `compose down` of anything left),
// its PM2 daemon (`pm2 kill` with its own PM2_HOME) and its temp dirs.
//
// Environment: BENCH_RUNS (fast measures, default 15: the slots' healthchecks make single runs noisy), BENCH_SLOW_RUNS (rows 4–5, default 3),
// BENCH_KEEP=1 (keep the temp dirs and daemon for inspection; prints how to remove them).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const PM2_BIN = path.join(REPO, 'node_modules', 'pm2', 'bin', 'pm2');
const RESULTS = path.join(REPO, 'bench', 'results.json');
const NODE = process.execPath;

const K = 10;
const NAME = 'devslot-bench';
const INIT_NAME = 'devslot-bench-init';
const STRIDE = 10;
const SLOTS = 60;
const WEB_BASE = 20000;
const APP_BASE = 30000;
const INIT_SLOTS = 50;
const INIT_SERVICES = 30;
const INIT_BASE = 40000;
const INIT_STRIDE = 100;
const PROBE_SLOT = 3;
const START_PARALLEL = 4;
const RUNS = intEnv('BENCH_RUNS', 15);
const SLOW_RUNS = intEnv('BENCH_SLOW_RUNS', 3);
const KEEP = process.env.BENCH_KEEP === '1';

function intEnv(name, dflt) {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  if (!/^[1-9][0-9]*$/.test(v)) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return Number(v);
}

// ---------------------------------------------------------------------------------------------
// Processes

class BenchError extends Error {}
class Interrupted extends Error {}

const live = new Set();
let interrupted = false;
let signals = 0;

/** Spawn with an argv array (no shell); resolves { code, stdout, stderr, ms } where ms is spawn→close. */
function run(cmd, args, { cwd = REPO, env = baseEnv, timeoutMs = 180_000, forCleanup = false } = {}) {
  if (interrupted && !forCleanup) return Promise.reject(new Interrupted('interrupted'));
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, env, shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
    if (!forCleanup) live.add(child);
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      live.delete(child);
      reject(e);
    });
    child.on('close', (code, signal) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      live.delete(child);
      resolve({ code: code ?? 128, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms });
    });
  });
}

function describe(cmd, args) {
  const shown = cmd === NODE ? 'node' : cmd;
  return [shown, ...args.map((a) => (a === CLI ? 'dist/cli.js' : a === PM2_BIN ? 'pm2' : a))].join(' ');
}

/** run(), and fail the bench when the command fails: a failed run's time is not a measurement. */
async function must(cmd, args, opts) {
  const r = await run(cmd, args, opts);
  if (interrupted) throw new Interrupted('interrupted');
  if (r.code !== 0) {
    const text = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-5).join('\n    ');
    throw new BenchError(`\`${describe(cmd, args)}\` exited ${r.code}${r.signal ? ` (${r.signal})` : ''}:\n    ${text}`);
  }
  return r;
}

let baseEnv = { ...process.env };

const devslot = (args, opts = {}) => must(NODE, [CLI, ...args], { cwd: root, ...opts });
const pm2 = (args, opts = {}) => must(NODE, [PM2_BIN, ...args], opts);
const docker = (args, opts = {}) => must('docker', args, opts);

/**
 * One call to the Docker engine's API over its unix socket (DOCKER_HOST=unix://… or the default
 * socket), for the engine floor of row 5: no CLI, no compose, no devslot in between.
 */
function engine(method, apiPath) {
  const host = baseEnv.DOCKER_HOST ?? '';
  if (host && !host.startsWith('unix://')) return Promise.reject(new BenchError(`the engine floor needs a unix socket, but DOCKER_HOST is ${host}`));
  const socketPath = host ? host.slice('unix://'.length) : '/var/run/docker.sock';
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path: apiPath }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        if ((res.statusCode ?? 500) >= 300 && res.statusCode !== 304) reject(new BenchError(`engine ${method} ${apiPath}: ${res.statusCode} ${body.trim()}`));
        else resolve(body ? JSON.parse(body) : undefined);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------
// Statistics and sampling

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const summary = (xs) => ({ median: round(median(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)), runs: xs.map((x) => round(x)) });

/**
 * Interleaved sampling: one warm-up round, then `n` rounds; each round runs every measure once, in
 * the given order. Each measure is an async function returning its wall time in ms.
 */
async function sampleRounds(measures, n) {
  for (const fn of Object.values(measures)) await fn();
  const out = Object.fromEntries(Object.keys(measures).map((k) => [k, []]));
  for (let i = 0; i < n; i++) {
    for (const [k, fn] of Object.entries(measures)) out[k].push(await fn());
  }
  return out;
}

const timed = (cmd, args, opts) => async () => (await must(cmd, args, opts)).ms;

function progress(text) {
  process.stderr.write(`[bench ${((performance.now() - T0) / 1000).toFixed(0).padStart(3)}s] ${text}\n`);
}

// ---------------------------------------------------------------------------------------------
// The temp projects

let root; // the K-slot project
let initRoot; // row 6's project
let pm2Home;
const T0 = performance.now();

function writeProject() {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-bench-'));
  initRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-bench-init-'));
  pm2Home = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-bench-pm2-'));
  const env = { ...process.env, PM2_HOME: pm2Home, NO_COLOR: '1' };
  for (const k of Object.keys(env)) {
    if (k.startsWith('DEVSLOT_') || k.startsWith('COMPOSE_')) delete env[k];
  }
  baseEnv = env;

  fs.writeFileSync(path.join(root, 'devslot.yaml'), `# devslot bench project (generated by bench/bench.mjs)
name: ${NAME}
stride: ${STRIDE}
slots: ${SLOTS}
compose:
  files: [compose.yml]
ports:
  app: ${APP_BASE}
env:
  app:
    set: { PORT: "{{ports.app}}" }
    apps: [app]
pm2:
  config: pm2.config.cts
health:
  app: { tcp: "{{ports.app}}" }
`);
  fs.writeFileSync(path.join(root, 'compose.yml'), `services:
  web:
    image: busybox:1.35
    command: ["httpd", "-f", "-p", "80", "-h", "/"]
    init: true
    ports:
      - "127.0.0.1:${WEB_BASE}:80"
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1/etc/hostname"]
      interval: 1s
      timeout: 3s
      retries: 30
`);
  fs.writeFileSync(path.join(root, 'pm2.config.cts'), `// PM2 apps of the devslot bench project (generated by bench/bench.mjs)
const config = {
  apps: [{ name: 'app', script: 'app.cjs', autorestart: true }],
};
export default config;
`);
  fs.writeFileSync(path.join(root, 'app.cjs'), `// A tiny HTTP server on $PORT (set per slot by devslot).
require('node:http').createServer((req, res) => res.end('ok\\n')).listen(Number(process.env.PORT), '127.0.0.1');
`);

  fs.writeFileSync(path.join(initRoot, 'devslot.yaml'), `# devslot bench project for init scaling (generated by bench/bench.mjs)
name: ${INIT_NAME}
stride: ${INIT_STRIDE}
slots: ${SLOTS}
compose:
  files: [compose.yml]
`);
  // Base ports INIT_BASE + i: their differences (< 30) are never a multiple of the stride, so no two
  // slots collide, and INIT_BASE + 29 + 59 × 100 stays far below 65535.
  const services = Array.from({ length: INIT_SERVICES }, (_, i) => `  svc${String(i).padStart(2, '0')}:
    image: busybox:1.35
    command: ["httpd", "-f", "-p", "80", "-h", "/"]
    ports:
      - "127.0.0.1:${INIT_BASE + i}:80"
`).join('');
  fs.writeFileSync(path.join(initRoot, 'compose.yml'), `services:\n${services}`);
}

// ---------------------------------------------------------------------------------------------
// Checks on the state of the slots

const webPort = (slot) => WEB_BASE + slot * STRIDE;
const appPort = (slot) => APP_BASE + slot * STRIDE;
const project = (slot) => `${NAME}-dev-${slot}`;

function connects(port) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.setTimeout(1000);
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
    s.once('timeout', () => { s.destroy(); resolve(false); });
  });
}

async function waitPort(port, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await connects(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new BenchError(`port ${port} did not answer within ${ms / 1000}s`);
}

async function containersOfRoot(all = true) {
  const r = await docker(['ps', ...(all ? ['-a'] : []), '--filter', `label=dev.devslot.root=${root}`, '--format', '{{json .}}']);
  return r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

async function jlist() {
  const r = await pm2(['jlist']);
  const text = r.stdout.slice(r.stdout.indexOf('['));
  return JSON.parse(text);
}

/** Every slot's container running and its app online; returns { containers, apps } by slot. */
async function expectAllUp(slots) {
  const status = JSON.parse((await devslot(['status', 'all', '--json'])).stdout);
  for (const slot of slots) {
    const s = status.slots.find((x) => x.slot === slot);
    const web = s?.services.find((x) => x.name === 'web');
    const app = s?.services.find((x) => x.name === 'app');
    if (web?.state !== 'running' || app?.state !== 'online') {
      throw new BenchError(`slot ${slot} is not fully up after start: ${JSON.stringify(s?.services ?? null)}`);
    }
  }
  return status;
}

async function expectAllDown() {
  const left = await containersOfRoot(true);
  const apps = (await jlist()).filter((p) => String(p.pm2_env?.namespace ?? '').startsWith(`${NAME}-dev-`));
  if (left.length || apps.length) {
    throw new BenchError(`after stopping, ${left.length} container(s) and ${apps.length} PM2 app(s) are left: ${[...left.map((c) => c.Names), ...apps.map((a) => a.name)].join(', ')}`);
  }
}

async function startSlots(slots) {
  const queue = [...slots];
  const worker = async () => {
    while (queue.length) {
      const slot = queue.shift();
      await devslot([String(slot), 'start', '--quiet'], { timeoutMs: 90_000 });
    }
  };
  await Promise.all(Array.from({ length: Math.min(START_PARALLEL, slots.length) }, worker));
}

// ---------------------------------------------------------------------------------------------
// Rows

const rows = [];
const notes = [];
const slotList = Array.from({ length: K }, (_, i) => i);

function addRow(row) {
  rows.push(row);
}

/** Rows 1–3: every fast measure, interleaved. */
async function fastRows() {
  progress(`rows 1–3: ${RUNS} interleaved rounds (after a warm-up round)`);
  const naive = async () => {
    const t0 = performance.now();
    const ls = await docker(['compose', 'ls', '--format', 'json']);
    const projects = JSON.parse(ls.stdout).map((p) => p.Name).filter((n) => new RegExp(`^${NAME}-dev-\\d+$`).test(n));
    if (projects.length !== K) throw new BenchError(`naive status: compose ls shows ${projects.length} of our projects, expected ${K}`);
    for (const p of projects) await docker(['compose', '-p', p, 'ps', '--format', 'json']);
    await pm2(['jlist']);
    return performance.now() - t0;
  };
  const s = await sampleRounds({
    nodeNoop: timed(NODE, ['-e', '0']),
    dockerPs: timed('docker', ['ps', '-a', '--filter', `label=dev.devslot.root=${root}`, '--format', '{{json .}}']),
    version: timed(NODE, [CLI, '--version'], { cwd: root }),
    ports: timed(NODE, [CLI, String(PROBE_SLOT), 'ports'], { cwd: root }),
    status: timed(NODE, [CLI, 'status', 'all', '--json'], { cwd: root }),
    naive,
  }, RUNS);
  const med = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, median(v)]));
  addRow({
    id: '1', measure: 'devslot status all --json', baseline: `compose ls + ${K}× compose ps + pm2 jlist`,
    devslotMs: med.status, baselineMs: med.naive, ratio: med.naive / med.status, ratioKind: 'speedup', goal: '≥ 5× faster',
    pass: med.naive / med.status >= 5, samples: { devslot: summary(s.status), baseline: summary(s.naive) },
  });
  const floor = med.nodeNoop + med.dockerPs;
  addRow({
    id: '2', measure: 'devslot status all --json', baseline: 'node -e 0 + docker ps --filter label=…',
    devslotMs: med.status, baselineMs: floor, ratio: med.status / floor, ratioKind: 'of baseline', goal: '≤ 1.5× their sum',
    pass: med.status / floor <= 1.5, samples: { devslot: summary(s.status), nodeNoop: summary(s.nodeNoop), dockerPs: summary(s.dockerPs) },
  });
  addRow({
    id: '3a', measure: 'devslot --version', baseline: 'node -e 0',
    devslotMs: med.version, baselineMs: med.nodeNoop, ratio: med.version / med.nodeNoop, ratioKind: 'of baseline', goal: '≤ 1.5× its time',
    pass: med.version / med.nodeNoop <= 1.5, samples: { devslot: summary(s.version), baseline: summary(s.nodeNoop) },
  });
  addRow({
    id: '3b', measure: `devslot ${PROBE_SLOT} ports (initialized)`, baseline: 'node -e 0',
    devslotMs: med.ports, baselineMs: med.nodeNoop, ratio: med.ports / med.nodeNoop, ratioKind: 'of baseline', goal: '≤ 1.5× its time',
    pass: med.ports / med.nodeNoop <= 1.5, samples: { devslot: summary(s.ports), baseline: summary(s.nodeNoop) },
  });
}

/** Row 4: `devslot 3 start` on a running slot against compose up -d + pm2 startOrReload. */
async function noopStartRow() {
  progress(`row 4: ${PROBE_SLOT} start on a running slot, ${SLOW_RUNS} runs each (after a warm-up)`);
  const slot = PROBE_SLOT;
  const app = `app-${slot}`;
  const containerId = async () => {
    const cs = (await containersOfRoot(false)).filter((c) => c.Labels.includes(`com.docker.compose.project=${project(slot)}`));
    if (cs.length !== 1) throw new BenchError(`slot ${slot}: expected one running container, found ${cs.length}`);
    return cs[0].ID;
  };
  const appProc = async () => {
    const p = (await jlist()).filter((x) => x.name === app && x.pm2_env?.namespace === project(slot));
    if (p.length !== 1 || p[0].pm2_env.status !== 'online') throw new BenchError(`slot ${slot}: expected ${app} online once, found ${JSON.stringify(p.map((x) => x.pm2_env?.status))}`);
    return p[0];
  };

  // devslot: a real no-op must keep the container and the app process as they are.
  const before = { container: await containerId(), pid: (await appProc()).pid };
  const s = await sampleRounds({ start: timed(NODE, [CLI, String(slot), 'start', '--quiet'], { cwd: root }) }, SLOW_RUNS);
  const after = { container: await containerId(), pid: (await appProc()).pid };
  const devslotNoop = before.container === after.container && before.pid === after.pid;
  if (!devslotNoop) notes.push(`row 4: \`devslot ${slot} start\` on a running slot was not a no-op: container ${before.container.slice(0, 12)}→${after.container.slice(0, 12)}, pid ${before.pid}→${after.pid}`);

  // Baseline: the same project, files and env files as devslot uses (from slot.json), so compose finds
  // nothing to change; and an ecosystem with the same name, namespace, script, cwd and env as the
  // running app, so PM2 reloads that app instead of starting a second one.
  const saved = JSON.parse(fs.readFileSync(path.join(root, '.instances', `instance-${slot}`, 'slot.json'), 'utf8'));
  const c = saved.compose;
  const upArgs = ['compose', '-p', c.project, ...c.envFiles.flatMap((f) => ['--env-file', f]), ...c.files.flatMap((f) => ['-f', f]), ...c.profiles.flatMap((p) => ['--profile', p]), 'up', '-d'];
  const proc = await appProc();
  const eco = path.join(pm2Home, `bench-ecosystem-${slot}.json`);
  fs.writeFileSync(eco, JSON.stringify({
    apps: [{
      name: proc.name,
      namespace: proc.pm2_env.namespace,
      script: proc.pm2_env.pm_exec_path,
      cwd: proc.pm2_env.pm_cwd,
      autorestart: true,
      log_date_format: proc.pm2_env.log_date_format,
      merge_logs: proc.pm2_env.merge_logs,
      env: proc.pm2_env.env,
    }],
  }, null, 2));
  // compose gets the environment devslot gives it (no DEVSLOT_*/COMPOSE_* from the caller).
  const composeEnv = baseEnv;
  const restartsBefore = proc.pm2_env.restart_time;
  const b = await sampleRounds({
    up: timed('docker', upArgs, { cwd: root, env: composeEnv }),
    reload: timed(NODE, [PM2_BIN, 'startOrReload', eco]),
  }, SLOW_RUNS);
  const after2 = { container: await containerId(), proc: await appProc() };
  const composeNoop = after2.container === after.container;
  if (!composeNoop) notes.push(`row 4: the baseline \`docker compose up -d\` recreated slot ${slot}'s container, so it was not a no-op`);
  const reloads = after2.proc.pm2_env.restart_time - restartsBefore;
  notes.push(`row 4: baseline = compose up -d ${round(median(b.up), 0)} ms + pm2 startOrReload ${round(median(b.reload), 0)} ms (medians)`);
  notes.push(`row 4: the baseline's \`pm2 startOrReload\` reloads the running ${app} every time (${reloads} reloads in ${SLOW_RUNS + 1} calls; PM2 has no start-if-absent), and compose up -d ${composeNoop ? 'left the container as it was' : 'RECREATED the container'}; devslot start ${devslotNoop ? 'kept both (same container id and pid)' : 'did NOT keep them'}`);
  await waitPort(appPort(slot));

  // After the baseline's reloads, devslot must still recognise the app as its own and keep it.
  const pidBefore = after2.proc.pid;
  await devslot([String(slot), 'start', '--quiet']);
  const pidAfter = (await appProc()).pid;
  if (pidAfter !== pidBefore) notes.push(`row 4: after the baseline reloads, devslot ${slot} start replaced ${app} (pid ${pidBefore}→${pidAfter})`);

  const sum = b.up.map((x, i) => x + b.reload[i]);
  const d = median(s.start);
  const base = median(sum);
  addRow({
    id: '4', measure: `devslot ${slot} start (running: no-op)`, baseline: 'compose up -d (no-op) + pm2 startOrReload',
    devslotMs: d, baselineMs: base, ratio: d / base, ratioKind: 'of baseline', goal: '≤ 1.0× their time',
    pass: d / base <= 1.0 && devslotNoop, samples: { devslot: summary(s.start), baseline: summary(sum), composeUp: summary(b.up), pm2StartOrReload: summary(b.reload) },
    ...(devslotNoop ? {} : { why: 'not a no-op' }),
  });
}

/**
 * The engine's own share of stopping K slots, asked all at once: list the root's containers and
 * networks, then per slot (all slots in parallel) stop and remove its containers and remove its
 * networks, straight through the engine API. No CLI, no compose, no devslot: no `stop all` can be
 * faster than this on this engine. PM2 apps are deleted first and not timed (in devslot they go
 * concurrently with compose, and are not what bounds it).
 */
async function engineFloorDown() {
  await pm2(['delete', 'all']); // the bench's private daemon (its own PM2_HOME) holds only its apps
  const filters = encodeURIComponent(JSON.stringify({ label: [`dev.devslot.root=${root}`] }));
  const t0 = performance.now();
  const [cs, ns] = await Promise.all([engine('GET', `/containers/json?all=1&filters=${filters}`), engine('GET', `/networks?filters=${filters}`)]);
  const inProject = (p) => (x) => (x.Labels ?? {})['com.docker.compose.project'] === p;
  await Promise.all(slotList.map(async (slot) => {
    await Promise.all(cs.filter(inProject(project(slot))).map(async (c) => {
      await engine('POST', `/containers/${c.Id}/stop`);
      await engine('DELETE', `/containers/${c.Id}?force=1`);
    }));
    for (const n of ns.filter(inProject(project(slot)))) await engine('DELETE', `/networks/${n.Id}`);
  }));
  return performance.now() - t0;
}

/**
 * K empty bridge networks removed with K API calls at once, and K more removed one after another:
 * whether the engine removes networks in parallel at all.
 */
async function emptyNetworksRemoval() {
  const label = `dev.devslot.bench=${root}`;
  const create = async (tag) => {
    const ids = [];
    for (let i = 0; i < K; i++) ids.push((await docker(['network', 'create', '--label', label, `${NAME}-floor-${process.pid}-${tag}${i}`])).stdout.trim());
    return ids;
  };
  const together = await create('p');
  let t0 = performance.now();
  await Promise.all(together.map((id) => engine('DELETE', `/networks/${id}`)));
  const parallelMs = performance.now() - t0;
  const oneByOne = await create('s');
  t0 = performance.now();
  for (const id of oneByOne) await engine('DELETE', `/networks/${id}`);
  return { parallelMs, sequentialMs: performance.now() - t0 };
}

/** Row 5: `devslot stop all` against K `devslot N stop` one after another, each from K running slots. */
async function stopRow() {
  progress(`row 5: stop all vs ${K} × stop, and the engine floor, ${SLOW_RUNS} runs each (slots restarted before every run)`);
  const samples = { all: [], seq: [], floor: [] };
  const kinds = {
    all: async () => (await devslot(['stop', 'all', '--quiet'], { timeoutMs: 300_000 })).ms,
    seq: async () => {
      const t0 = performance.now();
      for (const slot of slotList) await devslot([String(slot), 'stop', '--quiet'], { timeoutMs: 120_000 });
      return performance.now() - t0;
    },
    floor: engineFloorDown,
  };
  const label = { all: 'stop all', seq: `${K} × stop`, floor: 'engine floor' };
  // The first round is the warm-up and is not counted; the order rotates between rounds.
  for (let i = 0; i <= SLOW_RUNS; i++) {
    const names = Object.keys(kinds);
    const order = names.map((_, j) => names[(i + j) % names.length]);
    for (const kind of order) {
      // Slots that are already up are a no-op start, so only the stopped ones cost time here.
      await startSlots(slotList);
      await expectAllUp(slotList);
      const ms = await kinds[kind]();
      await expectAllDown();
      if (i > 0) samples[kind].push(ms);
      progress(`  row 5 ${i === 0 ? 'warm-up' : `run ${i}`}: ${label[kind]} ${round(ms, 0)} ms`);
    }
  }
  const networks = await emptyNetworksRemoval();
  const a = median(samples.all);
  const q = median(samples.seq);
  const f = median(samples.floor);
  const pass = q / a >= 3;
  const bound = q / f;
  notes.push(`row 5: engine floor = the same ${K} slots' containers and networks stopped and removed straight through the engine API, all at once, no compose and no devslot: ${round(f, 0)} ms (median). No stop all can beat it, so the best possible speed-up here is ${round(q, 0)} / ${round(f, 0)} = ${bound.toFixed(2)}×; devslot's stop all takes ${(a / f).toFixed(2)}× the floor`);
  notes.push(`row 5: this engine removed ${K} empty networks in ${round(networks.parallelMs, 0)} ms when asked all at once, and in ${round(networks.sequentialMs, 0)} ms one after another (${round(networks.sequentialMs / K, 0)} ms each)`);
  addRow({
    id: '5', measure: `devslot stop all (${K} slots)`, baseline: `${K} × devslot N stop, in sequence`,
    devslotMs: a, baselineMs: q, ratio: q / a, ratioKind: 'speedup', goal: '≥ 3× faster',
    pass, samples: { devslot: summary(samples.all), baseline: summary(samples.seq), engineFloor: summary(samples.floor), emptyNetworksRemoval: { parallelMs: round(networks.parallelMs), sequentialMs: round(networks.sequentialMs) } },
    ...(pass ? {} : { why: bound < 3 ? `engine floor allows ${bound.toFixed(2)}×` : `devslot at ${(a / f).toFixed(2)}× the engine floor` }),
  });
}

/** Row 6: `devslot N init` for slots 0..49 of a 30-service compose file; per-slot time must stay flat. */
async function initRow() {
  progress(`row 6: init ${INIT_SLOTS} slots of a ${INIT_SERVICES}-service compose file`);
  const init = (slot) => must(NODE, [CLI, String(slot), 'init', '--quiet'], { cwd: initRoot });
  await init(SLOTS - 1); // warm-up, on a slot outside 0..49, removed again
  fs.rmSync(path.join(initRoot, '.instances', `instance-${SLOTS - 1}`), { recursive: true, force: true });
  const per = [];
  for (let slot = 0; slot < INIT_SLOTS; slot++) per.push((await init(slot)).ms);
  const overrides = fs.readdirSync(path.join(initRoot, '.instances')).filter((d) => /^instance-[0-9]+$/.test(d)).length;
  if (overrides !== INIT_SLOTS) throw new BenchError(`row 6: expected ${INIT_SLOTS} instance dirs, found ${overrides}`);
  const early = median(per.slice(0, 10));
  const late = median(per.slice(40, 50));
  addRow({
    id: '6', measure: `init, ${INIT_SLOTS} slots × ${INIT_SERVICES} services: slots 40–49`, baseline: 'slots 0–9 (per slot)',
    devslotMs: late, baselineMs: early, ratio: late / early, ratioKind: 'of baseline', goal: 'flat: ≤ 1.5×',
    pass: late / early <= 1.5, samples: { perSlot: per.map((x) => round(x)), slots0to9: summary(per.slice(0, 10)), slots40to49: summary(per.slice(40, 50)), total: round(per.reduce((x, y) => x + y, 0)) },
  });
}

// ---------------------------------------------------------------------------------------------
// Output

function table() {
  const head = ['#', 'measure', 'devslot ms', 'baseline', 'baseline ms', 'ratio', 'goal', 'result'];
  const body = rows.map((r) => [
    r.id,
    r.measure,
    r.devslotMs.toFixed(0),
    r.baseline,
    r.baselineMs.toFixed(0),
    `${r.ratio.toFixed(2)}× ${r.ratioKind === 'speedup' ? 'faster' : ''}`.trim(),
    r.goal,
    r.pass ? 'PASS' : `FAIL${r.why ? ` (${r.why})` : ''}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const right = new Set([2, 4, 5]);
  const line = (cells) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function machine() {
  const v = async (cmd, args) => (await run(cmd, args).catch(() => ({ stdout: '?' }))).stdout.trim();
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memGiB: round(os.totalmem() / 2 ** 30),
    node: process.version,
    docker: await v('docker', ['version', '--format', '{{.Server.Version}}']),
    compose: await v('docker', ['compose', 'version', '--short']),
    pm2: JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', 'pm2', 'package.json'), 'utf8')).version,
    devslot: JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version,
  };
}

// ---------------------------------------------------------------------------------------------
// Cleanup

let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    if (KEEP) {
      process.stderr.write(`[bench] BENCH_KEEP=1: kept ${root}, ${initRoot} and the PM2 daemon at PM2_HOME=${pm2Home}\n`);
      return;
    }
    const step = async (what, fn) => {
      try {
        await fn();
      } catch (e) {
        process.stderr.write(`[bench] cleanup: ${what} failed: ${e.message}\n`);
      }
    };
    if (root && fs.existsSync(CLI)) {
      await step('devslot clean all', () => run(NODE, [CLI, 'clean', 'all', '--yes', '--quiet'], { cwd: root, timeoutMs: 180_000, forCleanup: true }));
    }
    if (initRoot && fs.existsSync(CLI)) {
      await step('devslot clean all (init project)', () => run(NODE, [CLI, 'clean', 'all', '--yes', '--quiet'], { cwd: initRoot, timeoutMs: 60_000, forCleanup: true }));
    }
    if (root) {
      // Whatever clean left behind (e.g. a broken build): compose down every project of our root.
      await step('compose down of leftovers', async () => {
        const r = await run('docker', ['ps', '-a', '--filter', `label=dev.devslot.root=${root}`, '--format', '{{.Label "com.docker.compose.project"}}'], { forCleanup: true });
        const projects = [...new Set(r.stdout.split('\n').filter(Boolean))];
        for (const p of projects) {
          process.stderr.write(`[bench] cleanup: ${p} was still there; compose down\n`);
          await run('docker', ['compose', '-p', p, 'down', '--volumes', '--remove-orphans'], { cwd: os.tmpdir(), timeoutMs: 120_000, forCleanup: true });
        }
      });
    }
    if (root) {
      await step('networks of the engine floor', async () => {
        const r = await run('docker', ['network', 'ls', '-q', '--filter', `label=dev.devslot.bench=${root}`], { forCleanup: true });
        const ids = r.stdout.split('\n').filter(Boolean);
        if (ids.length) await run('docker', ['network', 'rm', ...ids], { forCleanup: true });
      });
    }
    if (pm2Home && fs.existsSync(path.join(pm2Home, 'rpc.sock'))) {
      await step('pm2 kill', () => run(NODE, [PM2_BIN, 'kill'], { env: { ...baseEnv, PM2_HOME: pm2Home }, timeoutMs: 60_000, forCleanup: true }));
    }
    if (pm2Home) {
      // Safety net: any PM2 daemon still serving our PM2_HOME (e.g. an orphan from a start race),
      // found by its exact process title and ended by pid.
      await step('orphan PM2 daemons', async () => {
        const title = `God Daemon (${pm2Home})`;
        const daemons = () => fs.readdirSync('/proc').filter((d) => /^[0-9]+$/.test(d)).filter((pid) => {
          try {
            return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(title);
          } catch {
            return false;
          }
        });
        // `pm2 kill` returns before its daemon has quite gone: give it a moment first.
        let left = daemons();
        for (let i = 0; i < 30 && left.length; i++) {
          await new Promise((r) => setTimeout(r, 100));
          left = daemons();
        }
        for (const pid of left) {
          process.stderr.write(`[bench] cleanup: PM2 daemon pid ${pid} for ${pm2Home} was still running; killing it\n`);
          try {
            process.kill(Number(pid), 'SIGTERM');
          } catch {}
        }
      });
    }
    for (const dir of [root, initRoot, pm2Home]) {
      if (dir) await step(`rm ${dir}`, async () => fs.rmSync(dir, { recursive: true, force: true }));
    }
  })();
  return cleaning;
}

function onSignal(signal) {
  if (++signals > 1) {
    process.stderr.write(`[bench] ${signal} again: exiting without finishing cleanup (temp dirs: ${root}, ${initRoot}; PM2_HOME=${pm2Home})\n`);
    process.exit(130);
  }
  interrupted = true;
  process.stderr.write(`[bench] ${signal}: stopping and cleaning up (again to exit at once)\n`);
  for (const child of live) child.kill('SIGTERM');
}
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

// ---------------------------------------------------------------------------------------------
// Main

async function preflight() {
  if (!fs.existsSync(CLI)) throw new BenchError(`${path.relative(process.cwd(), CLI)} is missing: build first (npm run build)`);
  const newest = (dir) => fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? fs.statSync(p).mtimeMs : 0);
  }, 0);
  if (newest(path.join(REPO, 'scripts')) > fs.statSync(CLI).mtimeMs) {
    process.stderr.write('[bench] warning: scripts/ has changes newer than dist/cli.js; these figures are for the last build (npm run build)\n');
  }
  const ping = await run('docker', ['info', '--format', '{{.ServerVersion}}']);
  if (ping.code !== 0) throw new BenchError(`the Docker engine does not answer (docker info: ${ping.stderr.trim().split('\n')[0]})`);
  for (const image of ['busybox:1.35']) {
    if ((await run('docker', ['image', 'inspect', image])).code !== 0) throw new BenchError(`image ${image} is missing (run .ci/setup or .ci/images.sh)`);
  }
  const stale = await run('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project`, '--format', '{{.Label "com.docker.compose.project"}}']);
  const ours = [...new Set(stale.stdout.split('\n').filter((p) => p.startsWith(`${NAME}-dev-`)))];
  if (ours.length) {
    throw new BenchError(`compose projects from an earlier bench run are still there (${ours.join(', ')}); remove them first: ${ours.map((p) => `docker compose -p ${p} down --volumes`).join('; ')}`);
  }
  for (const port of [...slotList.map(webPort), ...slotList.map(appPort)]) {
    if (await connects(port)) throw new BenchError(`port ${port} is already in use; the bench needs ${WEB_BASE}+N×${STRIDE} and ${APP_BASE}+N×${STRIDE} for N < ${K}`);
  }
}

async function main() {
  let code = 0;
  try {
    await preflight();
    writeProject();
    // Start the private PM2 daemon first, as a user's normal daemon would already be running:
    // parallel devslot starts that find no daemon each spawn one (see the report), and the losers
    // are left orphaned with a devslot process waiting on them.
    await pm2(['ping']);
    progress(`project ${root}, PM2_HOME ${pm2Home}; starting ${K} slots (${START_PARALLEL} at a time)`);
    const t = performance.now();
    await startSlots(slotList);
    await expectAllUp(slotList);
    for (const slot of slotList) {
      await waitPort(webPort(slot));
      await waitPort(appPort(slot));
    }
    progress(`${K} slots up in ${((performance.now() - t) / 1000).toFixed(1)}s`);

    await fastRows();
    await noopStartRow();
    await stopRow();
    await initRow();

    const totalSeconds = round((performance.now() - T0) / 1000);
    const failed = rows.filter((r) => !r.pass);
    process.stdout.write(`\ndevslot bench: K=${K} slots, medians of ${RUNS} runs (rows 1–3) and ${SLOW_RUNS} runs (rows 4–5), after a warm-up\n\n${table()}\n\n`);
    for (const n of notes) process.stdout.write(`note: ${n}\n`);
    const m = await machine();
    process.stdout.write(`machine: ${m.cpus} × ${m.cpuModel}, node ${m.node}, docker ${m.docker}, compose ${m.compose}, pm2 ${m.pm2}\n`);
    fs.writeFileSync(RESULTS, `${JSON.stringify({
      date: new Date().toISOString(),
      machine: m,
      k: K,
      runs: { fast: RUNS, slow: SLOW_RUNS },
      rows: rows.map((r) => ({ ...r, devslotMs: round(r.devslotMs), baselineMs: round(r.baselineMs), ratio: round(r.ratio, 2) })),
      notes,
      benchSeconds: totalSeconds,
      pass: failed.length === 0,
      failed: failed.map((r) => r.id),
    }, null, 2)}\n`);
    process.stdout.write(`figures written to ${path.relative(process.cwd(), RESULTS) || RESULTS}\n`);
    if (failed.length) {
      process.stdout.write(`\nFAIL: goal missed in row${failed.length > 1 ? 's' : ''} ${failed.map((r) => `${r.id} (${r.measure}: ${r.ratio.toFixed(2)}×, goal ${r.goal})`).join('; ')}\n`);
      code = 1;
    } else {
      process.stdout.write('\nPASS: every goal met\n');
    }
  } catch (e) {
    if (e instanceof Interrupted || interrupted) {
      process.stderr.write('[bench] interrupted\n');
      code = 130;
    } else {
      process.stderr.write(`[bench] failed: ${e instanceof BenchError ? e.message : e.stack}\n`);
      code = 2;
    }
  } finally {
    progress('cleaning up');
    await cleanup();
    progress(`done in ${((performance.now() - T0) / 1000).toFixed(1)}s`);
  }
  process.exitCode = code;
}

await main();
