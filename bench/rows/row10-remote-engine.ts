/**
 * Row 10 (issue 19): the same small stack (one busybox web container with a healthcheck and one PM2
 * app) written twice, once on this machine's engine and once with every slot on the remote engine
 * over ssh (`engines: { "0-1": ssh://devslot-remote }`, the second dockerd of .ci/remote-engine-setup),
 * measured in the same run, interleaved so drift hits both alike:
 * - 10a `status all` with both slots running: remote ≤ 3× local. The remote adds one ssh login (the
 *   key exchange and auth, ~0.2 s here) and tunnelled round trips to a command whose local time is
 *   ~0.3 s (node start included); before connection reuse the issue measured 4.5× (0.45 vs 0.10 s).
 * - 10b a slot's `start` from stopped (compose up re-creates the container, then health, the PM2 app
 *   and its probe): remote ≤ 2× local. Most of a start is waiting on the container and the app, the
 *   same on either engine; the remote adds the login, the image check and the port forward (the issue
 *   measured 3.2–3.9 s vs 1.15 s, ~3×, with one login per API call).
 * Logins per command are counted from the remote sshd's log where it is readable (a note).
 * Skipped, with a note saying why and how to enable it, when the remote engine is not set up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, NODE, RUNS, SLOW_RUNS } from '../lib/config.js';
import type { BenchContext } from '../lib/context.js';
import { median, must, progress, round, sampleRounds, spawnTimed, summary } from '../lib/harness.js';
import type { Row, StepRow } from '../lib/row.js';

/** What .ci/remote-engine-setup leaves (its DEVSLOT_REMOTE_DIR knob moves it). */
const SETUP = path.join(process.env.DEVSLOT_REMOTE_DIR ?? '/run/devslot-remote', 'env');
const HOST = 'devslot-remote';
/** Both projects' ports stay on this machine (the remote one's through its forward): kept apart. */
const PROJECTS = { local: { name: 'devslot-bench-local', web: 48100, api: 48110 }, remote: { name: 'devslot-bench-remote', web: 48300, api: 48310 } } as const;

const API = `import http from 'node:http';
http.createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
`;

function project(which: 'local' | 'remote'): string {
  const p = PROJECTS[which];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `${p.name}-`));
  // PM2 names are global per daemon: each project's app has its own name.
  const app = `api${which}`;
  fs.writeFileSync(path.join(root, 'devslot.yaml'), `name: ${p.name}
slots: 2
compose: { files: [compose.yml] }
ports: { api: ${p.api} }
env:
  api: { set: { PORT: "{{ports.api}}" }, apps: [${app}] }
health:
  ${app}: { http: "http://127.0.0.1:{{ports.api}}/" }
${which === 'remote' ? `engines:\n  "0-1": ssh://${HOST}\n` : ''}`);
  fs.writeFileSync(path.join(root, 'compose.yml'), `services:
  web:
    image: busybox:1.35
    command: [httpd, -f, -p, "80", -h, /etc]
    init: true
    ports: ["127.0.0.1:${p.web}:80"]
    healthcheck: { test: [CMD, wget, -q, -O, /dev/null, "http://127.0.0.1/hostname"], interval: 1s, timeout: 3s, retries: 30 }
`);
  fs.writeFileSync(path.join(root, 'api.mjs'), API);
  fs.writeFileSync(path.join(root, 'pm2.config.cts'), `export default { apps: [{ name: '${app}', script: 'api.mjs' }] };\n`);
  return root;
}

/** Why the remote engine cannot be used here, or undefined when it answers over ssh. */
async function notReady(ctx: BenchContext): Promise<string | undefined> {
  if (!fs.existsSync(SETUP)) return `${SETUP} is missing`;
  const r = await spawnTimed('ssh', ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', HOST, 'docker', 'version', '--format', '{{.Server.Version}}'], { env: { ...ctx.env, SSH_AUTH_SOCK: '' }, timeoutMs: 20_000 });
  return r.code === 0 ? undefined : `\`ssh ${HOST} docker version\` failed: ${(r.stderr.trim() || r.stdout.trim()).split('\n')[0]}`;
}

/** Successful ssh logins so far per the remote sshd's log (undefined: not readable here). */
function logins(): number | undefined {
  try {
    const file = /^DEVSLOT_REMOTE_SSHD_LOG=(.*)$/m.exec(fs.readFileSync(SETUP, 'utf8'))?.[1];
    return file ? (fs.readFileSync(file, 'utf8').match(/Accepted publickey/g) ?? []).length : undefined;
  } catch {
    return undefined;
  }
}

async function run(ctx: BenchContext): Promise<Row[]> {
  const why = await notReady(ctx);
  if (why) {
    ctx.notes.push(`row 10 (remote engine) skipped: ${why}; run \`sudo bash .ci/remote-engine-setup\` (a second dockerd behind sshd on this machine) and the bench again`);
    progress(`row 10: skipped (${why})`);
    return [];
  }
  progress(`row 10: remote engine over ssh vs local: status all (${RUNS} runs), a slot's start from stopped (${SLOW_RUNS} runs)`);
  const roots = { local: project('local'), remote: project('remote') };
  // The remote slots are named by `engines:`; DOCKER_HOST stays the bench's own (this machine's engine).
  const ds = (which: 'local' | 'remote', args: string[]) => must(NODE, [CLI, ...args], { cwd: roots[which], env: ctx.env, timeoutMs: 300_000 });
  try {
    for (const which of ['local', 'remote'] as const) for (const slot of ['0', '1']) await ds(which, [slot, 'start', '--quiet']);
    const statusLogins: number[] = [];
    const status = (which: 'local' | 'remote') => async () => {
      const before = logins();
      const r = await ds(which, ['status', 'all', '--json']);
      const after = logins();
      if (which === 'remote' && before !== undefined && after !== undefined) statusLogins.push(after - before);
      return r.ms;
    };
    const st = await sampleRounds({ local: status('local'), remote: status('remote') }, RUNS);
    const startLogins: number[] = [];
    const localStart: number[] = [];
    const remoteStart: number[] = [];
    for (let i = 0; i <= SLOW_RUNS; i++) {
      const times: Record<string, number> = {};
      for (const which of ['local', 'remote'] as const) {
        await ds(which, ['1', 'stop', '--quiet']);
        const before = logins();
        times[which] = (await ds(which, ['1', 'start', '--quiet'])).ms;
        const after = logins();
        if (which === 'remote' && i > 0 && before !== undefined && after !== undefined) startLogins.push(after - before);
      }
      if (i > 0) {
        localStart.push(times.local!);
        remoteStart.push(times.remote!);
      }
      progress(`  row 10 ${i === 0 ? 'warm-up' : `run ${i}`}: start local ${round(times.local!, 0)} ms, remote ${round(times.remote!, 0)} ms`);
    }
    const stLocal = median(st.local!);
    const stRemote = median(st.remote!);
    const sLocal = median(localStart);
    const sRemote = median(remoteStart);
    const most = (xs: number[]) => (xs.length ? Math.max(...xs) : undefined);
    ctx.notes.push(`row 10: remote engine = a second dockerd behind sshd on this machine (no network latency: the ratios are devslot's own cost of ssh); ssh logins per remote command, most seen: status all ${most(statusLogins) ?? '?'}, start ${most(startLogins) ?? '?'}`);
    return [
      {
        id: '10a', measure: 'status all, 2 slots on the remote engine', baseline: 'the same on the local engine', devslotMs: stRemote, baselineMs: stLocal,
        ratio: stRemote / stLocal, ratioKind: 'of baseline', goal: '≤ 3×', pass: stRemote / stLocal <= 3,
        samples: { remote: summary(st.remote!), local: summary(st.local!), loginsPerStatus: statusLogins },
      },
      {
        id: '10b', measure: 'start of a stopped slot on the remote engine', baseline: 'the same on the local engine', devslotMs: sRemote, baselineMs: sLocal,
        ratio: sRemote / sLocal, ratioKind: 'of baseline', goal: '≤ 2×', pass: sRemote / sLocal <= 2,
        samples: { remote: summary(remoteStart), local: summary(localStart), loginsPerStart: startLogins },
      },
    ];
  } finally {
    for (const root of Object.values(roots)) {
      await spawnTimed(NODE, [CLI, 'clean', 'all', '--yes', '--quiet'], { cwd: root, env: ctx.env, forCleanup: true, timeoutMs: 300_000 });
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
}

export const row10: StepRow = { kind: 'step', id: '10', standalone: true, run };
