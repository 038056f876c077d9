/**
 * Row 11 (issue 18): `devslot status all --json` on Podman beside Docker, in the same run: the
 * bench's small stack (one busybox container with a healthcheck and one PM2 app per slot) written
 * twice, PODMAN_SLOTS slots up on each engine, both statuses sampled in interleaved rounds (with
 * each engine's own label-filtered `docker ps` as its floor, in a note). Goal: Podman's status
 * within 1.5× Docker's. Podman's socket is DEVSLOT_PODMAN_HOST, else the one .ci/podman-setup
 * makes. Without it the row is skipped with a note, except under CI=true, where it fails the bench
 * (as the Podman test tier does).
 */
import fs from 'node:fs';
import { LABEL_ROOT } from '../../scripts/names.js';
import { shiftPort } from '../../scripts/plan/ports.js';
import { CLI, NODE, RUNS, STRIDE } from '../lib/config.js';
import type { BenchContext } from '../lib/context.js';
import { BenchError, median, must, progress, round, sampleRounds, spawnTimed, summary, timed } from '../lib/harness.js';
import { writeSlotsProject, type SlotsShape } from '../lib/project.js';
import type { Row, StepRow } from '../lib/row.js';
import { expectAllUp, waitPort } from '../lib/slots.js';

export const PODMAN_HOST = process.env.DEVSLOT_PODMAN_HOST ?? 'unix:///run/devslot-podman/podman.sock';
const PODMAN_SLOTS = [0, 1, 2];
const GOAL = 1.5;
/**
 * The same stack on each engine; ports apart from every other row's (row 6 plans up to 44929), and
 * web and app 700 apart so no two of the 60 planned slots collide (stride 10).
 */
const SHAPES = {
  docker: { name: 'devslot-bench-on-docker', webBase: 46000, appBase: 46700, app: 'ondocker' },
  podman: { name: 'devslot-bench-on-podman', webBase: 47400, appBase: 48100, app: 'onpodman' },
} satisfies Record<string, SlotsShape>;

/** Why Podman cannot be measured here, or undefined when its socket answers as Podman. */
async function podmanMissing(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const socket = PODMAN_HOST.startsWith('unix://') ? PODMAN_HOST.slice('unix://'.length) : undefined;
  if (socket && !fs.existsSync(socket)) return `no Podman socket at ${PODMAN_HOST}`;
  const v = await spawnTimed('docker', ['version', '--format', '{{range .Server.Components}}{{.Name}} {{.Version}};{{end}}'], { env, timeoutMs: 15_000 });
  if (v.code !== 0) return `the engine at ${PODMAN_HOST} does not answer (${(v.stderr.trim().split('\n')[0] ?? '').slice(0, 200)})`;
  if (!/podman/i.test(v.stdout)) return `the engine at ${PODMAN_HOST} is not Podman (${v.stdout.trim()})`;
  if ((await spawnTimed('docker', ['image', 'inspect', 'busybox:1.35'], { env, timeoutMs: 15_000 })).code !== 0) return `Podman at ${PODMAN_HOST} has no busybox:1.35 image (.ci/podman-setup loads it)`;
  return undefined;
}

async function run(ctx: BenchContext): Promise<Row[]> {
  const podmanEnv = { ...ctx.env, DOCKER_HOST: PODMAN_HOST };
  const missing = await podmanMissing(podmanEnv);
  if (missing) {
    const fix = 'run .ci/podman-setup, or set DEVSLOT_PODMAN_HOST';
    if (process.env.CI === 'true') throw new BenchError(`row 11: ${missing} (${fix}); CI=true, so this is a failure`);
    progress(`row 11 skipped: ${missing}`);
    ctx.notes.push(`row 11 skipped: ${missing} (${fix})`);
    return [];
  }
  progress(`row 11: status on Podman (${PODMAN_HOST}) beside Docker, ${PODMAN_SLOTS.length} slots on each, ${RUNS} interleaved rounds`);
  const engines = {
    docker: { root: writeSlotsProject(SHAPES.docker), env: ctx.env, shape: SHAPES.docker },
    podman: { root: writeSlotsProject(SHAPES.podman), env: podmanEnv, shape: SHAPES.podman },
  };
  try {
    for (const e of Object.values(engines)) {
      for (const slot of PODMAN_SLOTS) await must(NODE, [CLI, String(slot), 'start', '--quiet'], { cwd: e.root, env: e.env, timeoutMs: 120_000 });
      await expectAllUp({ ...ctx, root: e.root, env: e.env }, PODMAN_SLOTS, e.shape.app);
      for (const slot of PODMAN_SLOTS) await waitPort(shiftPort(e.shape.webBase, slot, STRIDE));
    }
    const status = (e: (typeof engines)['docker']) => timed(NODE, [CLI, 'status', 'all', '--json'], { cwd: e.root, env: e.env });
    const ps = (e: (typeof engines)['docker']) => timed('docker', ['ps', '-a', '--filter', `label=${LABEL_ROOT}=${e.root}`, '--format', '{{json .}}'], { env: e.env });
    const s = await sampleRounds({ docker: status(engines.docker), podman: status(engines.podman), dockerPs: ps(engines.docker), podmanPs: ps(engines.podman) }, RUNS);
    const [d, p] = [median(s.docker), median(s.podman)];
    ctx.notes.push(`row 11: one label-filtered \`docker ps\` through each socket: Docker ${round(median(s.dockerPs), 0)} ms, Podman ${round(median(s.podmanPs), 0)} ms (medians of ${RUNS})`);
    return [{
      id: '11', measure: `status all --json on Podman (${PODMAN_SLOTS.length} slots)`, baseline: `the same on Docker (${PODMAN_SLOTS.length} slots)`,
      devslotMs: p, baselineMs: d, ratio: p / d, ratioKind: 'of baseline', goal: `≤ ${GOAL}× Docker's`, pass: p / d <= GOAL,
      samples: { podman: summary(s.podman), docker: summary(s.docker), podmanPs: summary(s.podmanPs), dockerPs: summary(s.dockerPs) },
    }];
  } finally {
    for (const e of Object.values(engines)) {
      const r = await spawnTimed(NODE, [CLI, 'clean', 'all', '--yes', '--quiet'], { cwd: e.root, env: e.env, forCleanup: true, timeoutMs: 180_000 });
      if (r.code !== 0) process.stderr.write(`[bench] cleanup: clean all of ${e.shape.name} exited ${r.code}: ${r.stderr.trim().split('\n').pop() ?? ''}\n`);
      fs.rmSync(e.root, { recursive: true, force: true });
    }
  }
}

export const row11: StepRow = { kind: 'step', id: '11', standalone: true, run };
