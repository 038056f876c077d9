/**
 * Row 9 (issue 12): shared infrastructure beside full copies, in the same run, on one small stack
 * (Postgres, Redis and one PM2 app) written twice: once with Postgres and Redis per slot, once with
 * them shared (`shared.services`, a database and a Redis DB per slot). Measures:
 * - memory: resident memory of every container process of three running slots (the infra included when shared);
 *   goal: shared ≤ 40% of full copies;
 * - start: a fresh slot's cold start on running infra, beside a full copy's cold start; goal ≥ 5×.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, NODE, SLOW_RUNS } from '../lib/config.js';
import type { BenchContext } from '../lib/context.js';
import { median, must, progress, round, spawnTimed, summary } from '../lib/harness.js';
import type { Row, StepRow } from '../lib/row.js';

const API = `import http from 'node:http';
http.createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
`;
const compose = (pg: number, redis: number) => `services:
  postgres:
    image: postgres:15
    environment: { POSTGRES_PASSWORD: bench-pw }
    ports: ["127.0.0.1:${pg}:5432"]
    healthcheck: { test: [CMD, pg_isready, -U, postgres, -h, 127.0.0.1], interval: 1s, timeout: 3s, retries: 60 }
  redis:
    image: redis:7
    ports: ["127.0.0.1:${redis}:6379"]
    healthcheck: { test: [CMD, redis-cli, ping], interval: 1s, timeout: 3s, retries: 30 }
`;
const yaml = (name: string, api: number, shared: boolean, app: string) => `name: ${name}
slots: 8
compose: { files: [compose.yml] }
ports: { api: ${api} }
env:
  api:
    set: { PORT: "{{ports.api}}"${shared ? ', DATABASE_URL: "{{resources.db.url}}", REDIS_URL: "{{resources.cache.url}}"' : ''} }
    apps: [${app}]
health:
  ${app}: { http: "http://127.0.0.1:{{ports.api}}/" }
${shared ? `shared: { services: [postgres, redis] }
resources:
  db: { postgres: { admin: "postgres://postgres:bench-pw@127.0.0.1:{{ports.postgres}}/postgres" } }
  cache: { redis: { url: "redis://127.0.0.1:{{ports.redis}}" } }
` : ''}`;

function project(name: string, ports: { pg: number; redis: number; api: number }, shared: boolean): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  // PM2 names are global per daemon: each project's app has its own name.
  const app = shared ? 'apishared' : 'apifull';
  fs.writeFileSync(path.join(root, 'devslot.yaml'), yaml(name, ports.api, shared, app));
  fs.writeFileSync(path.join(root, 'compose.yml'), compose(ports.pg, ports.redis));
  fs.writeFileSync(path.join(root, 'api.mjs'), API);
  fs.writeFileSync(path.join(root, 'pm2.config.cts'), `export default { apps: [{ name: '${app}', script: 'api.mjs' }] };\n`);
  return root;
}

/**
 * MiB of resident memory of every process of every running container whose name starts with
 * `prefix` (`docker top … -eo pid,rss`): `docker stats` says 0B where the engine has no memory
 * cgroup accounting (this machine), the processes' RSS is there on every engine.
 */
async function memory(ctx: BenchContext, prefix: string): Promise<number> {
  const names = (await must('docker', ['ps', '--format', '{{.Names}}'], { env: ctx.env })).stdout.trim().split('\n').filter((n) => n.startsWith(prefix));
  let kib = 0;
  for (const n of names) {
    const out = (await must('docker', ['top', n, '-eo', 'pid,rss'], { env: ctx.env, timeoutMs: 60_000 })).stdout.trim().split('\n').slice(1);
    for (const line of out) kib += Number(line.trim().split(/\s+/)[1] ?? 0) || 0;
  }
  return kib / 1024;
}

async function run(ctx: BenchContext): Promise<Row[]> {
  progress(`row 9: shared infrastructure vs full copies (3 slots' memory; a cold slot start, ${SLOW_RUNS} runs)`);
  const full = project('devslot-bench-full', { pg: 42432, redis: 42379, api: 42010 }, false);
  const shared = project('devslot-bench-shared', { pg: 43432, redis: 43379, api: 43010 }, true);
  const ds = (root: string, args: string[]) => must(NODE, [CLI, ...args], { cwd: root, env: ctx.env, timeoutMs: 300_000 });
  try {
    for (const s of [1, 2, 3]) {
      await ds(full, [String(s), 'start', '--quiet']);
      await ds(shared, [String(s), 'start', '--quiet']);
    }
    // Let both settle the same time before the one `docker stats` sample.
    await new Promise((r) => setTimeout(r, 5000));
    const fullMiB = await memory(ctx, 'devslot-bench-full-');
    const sharedMiB = await memory(ctx, 'devslot-bench-shared-');
    const fullStart: number[] = [];
    const sharedStart: number[] = [];
    for (let i = 0; i <= SLOW_RUNS; i++) {
      const f = await ds(full, ['5', 'start', '--quiet']);
      const h = await ds(shared, ['5', 'start', '--quiet']);
      await ds(full, ['5', 'clean', '--yes', '--quiet']);
      await ds(shared, ['5', 'clean', '--yes', '--quiet']);
      if (i > 0) {
        fullStart.push(f.ms);
        sharedStart.push(h.ms);
      }
      progress(`  row 9 ${i === 0 ? 'warm-up' : `run ${i}`}: full copy ${round(f.ms, 0)} ms, on shared infra ${round(h.ms, 0)} ms`);
    }
    const speed = median(fullStart) / median(sharedStart);
    ctx.notes.push(`row 9: memory of 3 slots' containers, one sample of every container process's RSS: full copies ${round(fullMiB)} MiB, shared ${round(sharedMiB)} MiB (the infra included); PM2 apps are the same in both and not counted`);
    return [
      {
        id: '9a', measure: '3 slots\' container memory, shared infra', baseline: '3 full copies', devslotMs: sharedMiB, baselineMs: fullMiB,
        ratio: sharedMiB / fullMiB, ratioKind: 'of baseline', goal: '≤ 0.4×', pass: sharedMiB / fullMiB <= 0.4, samples: { sharedMiB: round(sharedMiB), fullMiB: round(fullMiB) },
      },
      {
        id: '9b', measure: 'cold start of a slot on running infra', baseline: 'cold start of a full copy', devslotMs: median(sharedStart), baselineMs: median(fullStart),
        ratio: speed, ratioKind: 'speedup', goal: '≥ 5×', pass: speed >= 5, samples: { shared: summary(sharedStart), full: summary(fullStart) },
      },
    ];
  } finally {
    for (const root of [full, shared]) {
      await spawnTimed(NODE, [CLI, 'clean', 'all', '--yes', '--quiet'], { cwd: root, env: ctx.env, forCleanup: true, timeoutMs: 300_000 });
      if (root === shared) await spawnTimed(NODE, [CLI, 'infra', 'clean', '--yes', '--quiet'], { cwd: root, env: ctx.env, forCleanup: true, timeoutMs: 120_000 });
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
}

export const row9: StepRow = { kind: 'step', id: '9', standalone: true, run };
