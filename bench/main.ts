/**
 * devslot benchmark (issue 6). Run as `npm run bench` after `npm run build`.
 *
 * In one run it brings up K slots of a small stack (one busybox container and one PM2 app each) in
 * a temp project with its own PM2 daemon, and prints medians of repeated runs beside their
 * baselines. The rows, one file each under rows/ (rows/index.ts is the registry):
 *
 *   1  devslot status all --json   vs  docker compose ls + `compose ps` per slot + pm2 jlist  ≥ 5× faster
 *   2  devslot status all --json   vs  node -e 0 + one label-filtered docker ps             ≤ 1.5× their sum
 *   3  devslot --version / 3 ports vs  node -e 0                                             ≤ 1.5× its time
 *   4  devslot 3 start (no-op)     vs  compose up -d (no-op) + pm2 startOrReload (CLI)       ≤ 1.0× their time
 *   5  devslot stop all            vs  K × devslot N stop, one after another                 ≥ 3× faster
 *      (also measured: the engine floor, the same K downs sent straight to the engine API at once)
 *   6  devslot N init, 50 slots of a 30-service compose file: per-slot time of 40–49 vs 0–9 ≤ 1.5×
 *  10  status all / a slot's start on the remote engine (engines: ssh://…)  vs  the same locally  ≤ 3× / ≤ 2×
 *      (skipped with a note unless .ci/remote-engine-setup has been run)
 *
 * Every process is spawned with an argv array (no shell) and timed from spawn to exit. Each measure
 * gets a warm-up run, then N runs; fast measures are interleaved round-robin so drift hits all of
 * them alike. A command that fails aborts the bench (a failed run's time means nothing). Figures go
 * to bench/results.json. Exit: 0 all goals met, 1 a goal missed (named), 2 the bench itself failed,
 * 130 interrupted. Everything it creates is removed at the end, on failure and on Ctrl-C
 * (lib/cleanup.ts).
 *
 * Environment: BENCH_RUNS (fast measures, default 15), BENCH_SLOW_RUNS (rows 4–5, default 3),
 * BENCH_KEEP=1 (keep the temp dirs and daemon for inspection; prints how to remove them),
 * BENCH_ROWS=7,10 (only these rows; the K slots are started only when one of them needs them),
 * DEVSLOT_PODMAN_HOST (row 10's Podman socket; default the one .ci/podman-setup makes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isPortFree } from '../scripts/adapters/ports.js';
import { slotOfProject } from '../scripts/names.js';
import { cleanEnv } from '../test/helpers/cli.js';
import { privatePm2 } from '../test/helpers/pm2-home.js';
import { cleanup, type Created } from './lib/cleanup.js';
import { APP_BASE, CLI, K, NAME, ONLY_ROWS, REPO, RESULTS, RUNS, SLOT_LIST, SLOW_RUNS, START_PARALLEL, STRIDE, WEB_BASE, appPort, webPort } from './lib/config.js';
import { pm2, type BenchContext } from './lib/context.js';
import { BenchError, interruptAll, Interrupted, isInterrupted, progress, round, spawnTimed, T0 } from './lib/harness.js';
import { composeProjects } from './lib/observe.js';
import { writeInitProject, writeSlotsProject } from './lib/project.js';
import { machine, table, writeResults } from './lib/report.js';
import { runRows, selectRows } from './lib/run-rows.js';
import { expectAllUp, startSlots, waitPort } from './lib/slots.js';
import { ROWS } from './rows/index.js';

const created: Created = { env: { ...process.env } };
let signals = 0;

function onSignal(signal: NodeJS.Signals): void {
  if (++signals > 1) {
    process.stderr.write(`[bench] ${signal} again: exiting without finishing cleanup (temp dirs: ${created.root}, ${created.initRoot}; PM2_HOME=${created.pm2Home})\n`);
    process.exit(130);
  }
  process.stderr.write(`[bench] ${signal}: stopping and cleaning up (again to exit at once)\n`);
  interruptAll();
}
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

function newestTs(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newestTs(p) : e.name.endsWith('.ts') ? fs.statSync(p).mtimeMs : 0);
  }, 0);
}

async function preflight(env: NodeJS.ProcessEnv, needsSlots: boolean): Promise<void> {
  if (!fs.existsSync(CLI)) throw new BenchError(`${path.relative(process.cwd(), CLI)} is missing: build first (npm run build)`);
  if (newestTs(path.join(REPO, 'scripts')) > fs.statSync(CLI).mtimeMs) {
    process.stderr.write('[bench] warning: scripts/ has changes newer than dist/cli.js; these figures are for the last build (npm run build)\n');
  }
  const ping = await spawnTimed('docker', ['info', '--format', '{{.ServerVersion}}'], { env });
  if (ping.code !== 0) throw new BenchError(`the Docker engine does not answer (docker info: ${ping.stderr.trim().split('\n')[0]})`);
  for (const image of ['busybox:1.35']) {
    if ((await spawnTimed('docker', ['image', 'inspect', image], { env })).code !== 0) throw new BenchError(`image ${image} is missing (run .ci/setup or .ci/images.sh)`);
  }
  if (!needsSlots) return;
  const ours = (await composeProjects()).filter((p) => slotOfProject(NAME, p) !== undefined);
  if (ours.length) {
    throw new BenchError(`compose projects from an earlier bench run are still there (${ours.join(', ')}); remove them first: ${ours.map((p) => `docker compose -p ${p} down --volumes`).join('; ')}`);
  }
  for (const port of [...SLOT_LIST.map(webPort), ...SLOT_LIST.map(appPort)]) {
    if (!(await isPortFree(port))) throw new BenchError(`port ${port} is already in use; the bench needs ${WEB_BASE}+N×${STRIDE} and ${APP_BASE}+N×${STRIDE} for N < ${K}`);
  }
}

async function bench(): Promise<number> {
  const selected = selectRows(ROWS, ONLY_ROWS);
  await preflight(created.env, selected.needsSlots);
  created.root = writeSlotsProject();
  created.initRoot = writeInitProject();
  const daemon = privatePm2();
  created.pm2Home = daemon.home;
  created.killPm2 = daemon.kill;
  created.env = cleanEnv({ PM2_HOME: daemon.home });
  // pm2.ts's API fallback still reads process.env (until its env parameter lands everywhere):
  // point it at the private daemon too, never at the user's.
  process.env.PM2_HOME = daemon.home;
  const ctx: BenchContext = { root: created.root, initRoot: created.initRoot, pm2Home: daemon.home, env: created.env, notes: [] };

  // Start the private PM2 daemon first, as a user's normal daemon would already be running:
  // parallel devslot starts that find no daemon each spawn one, and the losers are left orphaned
  // with a devslot process waiting on them.
  await pm2(ctx, ['ping']);
  if (selected.needsSlots) {
    progress(`project ${ctx.root}, PM2_HOME ${ctx.pm2Home}; starting ${K} slots (${START_PARALLEL} at a time)`);
    const t = performance.now();
    await startSlots(ctx, SLOT_LIST);
    await expectAllUp(ctx, SLOT_LIST);
    for (const slot of SLOT_LIST) {
      await waitPort(webPort(slot));
      await waitPort(appPort(slot));
    }
    progress(`${K} slots up in ${((performance.now() - t) / 1000).toFixed(1)}s`);
  } else progress(`BENCH_ROWS=${ONLY_ROWS?.join(',')}: standalone rows only, the ${K} slots are not started`);

  const rows = await runRows(ctx, selected.rows);

  const benchSeconds = round((performance.now() - T0) / 1000);
  const failed = rows.filter((r) => !r.pass);
  process.stdout.write(`\ndevslot bench: K=${K} slots, medians of ${RUNS} runs (rows 1–3) and ${SLOW_RUNS} runs (rows 4–5), after a warm-up\n\n${table(rows)}\n\n`);
  for (const n of ctx.notes) process.stdout.write(`note: ${n}\n`);
  const m = await machine(ctx.env);
  process.stdout.write(`machine: ${m.cpus} × ${m.cpuModel}, node ${m.node}, docker ${m.docker}, compose ${m.compose}, pm2 ${m.pm2}\n`);
  writeResults(rows, ctx.notes, m, benchSeconds);
  process.stdout.write(`figures written to ${path.relative(process.cwd(), RESULTS) || RESULTS}\n`);
  if (failed.length) {
    process.stdout.write(`\nFAIL: goal missed in row${failed.length > 1 ? 's' : ''} ${failed.map((r) => `${r.id} (${r.measure}: ${r.ratio.toFixed(2)}×, goal ${r.goal})`).join('; ')}\n`);
    return 1;
  }
  process.stdout.write('\nPASS: every goal met\n');
  return 0;
}

async function main(): Promise<void> {
  let code: number;
  try {
    code = await bench();
  } catch (e) {
    if (e instanceof Interrupted || isInterrupted()) {
      process.stderr.write('[bench] interrupted\n');
      code = 130;
    } else {
      process.stderr.write(`[bench] failed: ${e instanceof BenchError ? e.message : (e as Error).stack}\n`);
      code = 2;
    }
  } finally {
    progress('cleaning up');
    await cleanup(created);
    progress(`done in ${((performance.now() - T0) / 1000).toFixed(1)}s`);
  }
  process.exitCode = code;
}

await main();
