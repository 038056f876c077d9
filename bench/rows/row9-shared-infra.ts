/**
 * Row 9 (issue 12): shared infrastructure beside full copies, in the same run, on one small stack
 * (Postgres, Redis and one PM2 app) written twice: once with Postgres and Redis per slot, once with
 * them shared (`shared.services`, a database and a Redis DB per slot). Measures:
 * - memory: resident memory of every container process of three running slots (the infra included when shared);
 *   goal: shared ≤ 40% of full copies;
 * - start: a fresh slot's cold start on running infra, beside a full copy's cold start; goal ≥ 5×.
 *
 * A full copy is up when its Postgres and Redis pass their healthchecks, so its start depends on how
 * often those run (Docker 20.10 runs the first one `interval` after the start; `start_interval`
 * needs engine 25). The goal is judged on the stack with the healthchecks of a real project:
 * PostHog's docker-compose.base.yml (../shared/corpus), Postgres every 5 s and Redis every 3 s, the
 * shortest of the corpus's projects (frappe 5 s, neosync and zammad 10 s, Sentry 30 s). The same
 * stack with checks every second, faster than any of them and the fastest a full copy can be, is
 * measured and shown beside it (row 9c, no goal).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, NODE, SLOW_RUNS } from '../lib/config.js';
import type { BenchContext } from '../lib/context.js';
import { median, must, progress, round, spawnTimed, summary, type Summary } from '../lib/harness.js';
import type { Row, StepRow } from '../lib/row.js';

const API = `import http from 'node:http';
http.createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
`;

/** How often each service's healthcheck runs, and its timeout, in compose's notation. */
interface Checks {
  postgres: { interval: string; timeout: string };
  redis: { interval: string; timeout: string };
}
/** PostHog's docker-compose.base.yml: db (postgres) 5 s / 5 s, redis 3 s / 10 s. */
const POSTHOG_CHECKS: Checks = { postgres: { interval: '5s', timeout: '5s' }, redis: { interval: '3s', timeout: '10s' } };
const ONE_SECOND_CHECKS: Checks = { postgres: { interval: '1s', timeout: '3s' }, redis: { interval: '1s', timeout: '3s' } };

// The checks' commands are the bench images' (CMD form: the local images have no shell); the
// retries only let a slow machine's first start through, they change no timing of a healthy one.
const compose = (pg: number, redis: number, c: Checks) => `services:
  postgres:
    image: postgres:15
    environment: { POSTGRES_PASSWORD: bench-pw }
    ports: ["127.0.0.1:${pg}:5432"]
    healthcheck: { test: [CMD, pg_isready, -U, postgres, -h, 127.0.0.1], interval: ${c.postgres.interval}, timeout: ${c.postgres.timeout}, retries: 60 }
  redis:
    image: redis:7
    ports: ["127.0.0.1:${redis}:6379"]
    healthcheck: { test: [CMD, redis-cli, ping], interval: ${c.redis.interval}, timeout: ${c.redis.timeout}, retries: 30 }
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

interface Stack {
  /** Project names and PM2 app names are `devslot-bench-<tag>-full` and so on: each stack its own. */
  tag: string;
  checks: Checks;
  full: { pg: number; redis: number; api: number };
  shared: { pg: number; redis: number; api: number };
}

function project(stack: Stack, shared: boolean): string {
  const name = `devslot-bench-${stack.tag}-${shared ? 'shared' : 'full'}`;
  const ports = shared ? stack.shared : stack.full;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  // PM2 names are global per daemon: each project's app has its own name.
  const app = `api${stack.tag}${shared ? 'shared' : 'full'}`;
  fs.writeFileSync(path.join(root, 'devslot.yaml'), yaml(name, ports.api, shared, app));
  fs.writeFileSync(path.join(root, 'compose.yml'), compose(ports.pg, ports.redis, stack.checks));
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

interface Measured {
  fullMiB: number;
  sharedMiB: number;
  full: Summary;
  shared: Summary;
  speed: number;
}

/**
 * Three slots of each form running (the load a team's machine has), their memory sampled once,
 * then SLOW_RUNS rounds of a fresh slot 5's cold start in each form, alternating, each cleaned
 * before the next round.
 */
async function measure(ctx: BenchContext, stack: Stack): Promise<Measured> {
  const full = project(stack, false);
  const shared = project(stack, true);
  const ds = (root: string, args: string[]) => must(NODE, [CLI, ...args], { cwd: root, env: ctx.env, timeoutMs: 300_000 });
  try {
    for (const s of [1, 2, 3]) {
      await ds(full, [String(s), 'start', '--quiet']);
      await ds(shared, [String(s), 'start', '--quiet']);
    }
    // Let both settle the same time before the one `docker stats` sample.
    await new Promise((r) => setTimeout(r, 5000));
    const fullMiB = await memory(ctx, `devslot-bench-${stack.tag}-full-`);
    const sharedMiB = await memory(ctx, `devslot-bench-${stack.tag}-shared-`);
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
      progress(`  row 9 (${stack.tag}) ${i === 0 ? 'warm-up' : `run ${i}`}: full copy ${round(f.ms, 0)} ms, on shared infra ${round(h.ms, 0)} ms`);
    }
    return { fullMiB, sharedMiB, full: summary(fullStart), shared: summary(sharedStart), speed: median(fullStart) / median(sharedStart) };
  } finally {
    for (const root of [full, shared]) {
      await spawnTimed(NODE, [CLI, 'clean', 'all', '--yes', '--quiet'], { cwd: root, env: ctx.env, forCleanup: true, timeoutMs: 300_000 });
      if (root === shared) await spawnTimed(NODE, [CLI, 'infra', 'clean', '--yes', '--quiet'], { cwd: root, env: ctx.env, forCleanup: true, timeoutMs: 120_000 });
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
}

async function run(ctx: BenchContext): Promise<Row[]> {
  progress(`row 9: shared infrastructure vs full copies (3 slots' memory; a cold slot start, ${SLOW_RUNS} runs), healthchecks as PostHog's, then every second`);
  const real = await measure(ctx, { tag: 'posthog', checks: POSTHOG_CHECKS, full: { pg: 42432, redis: 42379, api: 42010 }, shared: { pg: 43432, redis: 43379, api: 43010 } });
  const fast = await measure(ctx, { tag: 'onesec', checks: ONE_SECOND_CHECKS, full: { pg: 44432, redis: 44379, api: 44010 }, shared: { pg: 45432, redis: 45379, api: 45010 } });
  ctx.notes.push(`row 9: memory of 3 slots' containers, one sample of every container process's RSS: full copies ${round(real.fullMiB)} MiB, shared ${round(real.sharedMiB)} MiB (the infra included); PM2 apps are the same in both and not counted`);
  ctx.notes.push(`row 9c: the same stack with healthchecks every second (faster than any corpus project's; the fastest a full copy can be): no goal, shown beside 9b`);
  return [
    {
      id: '9a', measure: '3 slots\' container memory, shared infra', baseline: '3 full copies', devslotMs: real.sharedMiB, baselineMs: real.fullMiB,
      ratio: real.sharedMiB / real.fullMiB, ratioKind: 'of baseline', goal: '≤ 0.4×', pass: real.sharedMiB / real.fullMiB <= 0.4, samples: { sharedMiB: round(real.sharedMiB), fullMiB: round(real.fullMiB) },
    },
    {
      id: '9b', measure: 'cold start of a slot on running infra (healthchecks as PostHog\'s)', baseline: 'cold start of a full copy', devslotMs: real.shared.median, baselineMs: real.full.median,
      ratio: real.speed, ratioKind: 'speedup', goal: '≥ 5×', pass: real.speed >= 5, samples: { shared: real.shared, full: real.full },
    },
    {
      id: '9c', measure: 'the same, healthchecks every second', baseline: 'cold start of a full copy', devslotMs: fast.shared.median, baselineMs: fast.full.median,
      ratio: fast.speed, ratioKind: 'speedup', goal: '– (shown)', pass: true, samples: { shared: fast.shared, full: fast.full, sharedMiB: round(fast.sharedMiB), fullMiB: round(fast.fullMiB) },
    },
  ];
}

export const row9: StepRow = { kind: 'step', id: '9', standalone: true, run };
