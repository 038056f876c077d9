/**
 * Row 4: `devslot N start` on a running slot against what a person would run to make sure it is up:
 * `compose up -d` (a no-op on the same project and files) and `pm2 startOrReload` of the same app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectArgs } from '../../scripts/plan/compose-argv.js';
import { readSavedSlot } from '../../scripts/load/saved-slot.js';
import { pm2AppName } from '../../scripts/names.js';
import { appPort, CLI, NODE, PM2_BIN, PROBE_SLOT, project, SLOW_RUNS } from '../lib/config.js';
import { devslot, type BenchContext } from '../lib/context.js';
import { BenchError, median, progress, round, sampleRounds, summary, timed } from '../lib/harness.js';
import { containersOfRoot, rawPm2Apps, type RawPm2App } from '../lib/observe.js';
import type { StepRow } from '../lib/row.js';
import { waitPort } from '../lib/slots.js';

async function run(ctx: BenchContext) {
  progress(`row 4: ${PROBE_SLOT} start on a running slot, ${SLOW_RUNS} runs each (after a warm-up)`);
  const slot = PROBE_SLOT;
  const app = pm2AppName('app', slot);
  const containerId = async () => {
    const cs = (await containersOfRoot(ctx.root, false)).filter((c) => c.project === project(slot));
    if (cs.length !== 1) throw new BenchError(`slot ${slot}: expected one running container, found ${cs.length}`);
    return cs[0]!.id;
  };
  const appProc = async (): Promise<RawPm2App> => {
    const p = (await rawPm2Apps(ctx.env)).filter((x) => x.name === app && x.pm2_env.namespace === project(slot));
    if (p.length !== 1 || p[0]!.pm2_env.status !== 'online') throw new BenchError(`slot ${slot}: expected ${app} online once, found ${JSON.stringify(p.map((x) => x.pm2_env.status))}`);
    return p[0]!;
  };

  // devslot: a real no-op must keep the container and the app process as they are.
  const before = { container: await containerId(), pid: (await appProc()).pid };
  const s = await sampleRounds({ start: timed(NODE, [CLI, String(slot), 'start', '--quiet'], { cwd: ctx.root, env: ctx.env }) }, SLOW_RUNS);
  const after = { container: await containerId(), pid: (await appProc()).pid };
  const devslotNoop = before.container === after.container && before.pid === after.pid;
  if (!devslotNoop) ctx.notes.push(`row 4: \`devslot ${slot} start\` on a running slot was not a no-op: container ${before.container.slice(0, 12)}→${after.container.slice(0, 12)}, pid ${before.pid}→${after.pid}`);

  // Baseline: the same project, files and env files as devslot uses (from slot.json), so compose finds
  // nothing to change; and an ecosystem with the same name, namespace, script, cwd and env as the
  // running app, so PM2 reloads that app instead of starting a second one.
  const saved = readSavedSlot(ctx.root, slot);
  if (!saved) throw new BenchError(`slot ${slot}: no readable slot.json after start`);
  const upArgs = ['compose', ...projectArgs(saved.compose), 'up', '-d'];
  const proc = await appProc();
  const eco = path.join(ctx.pm2Home, `bench-ecosystem-${slot}.json`);
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
  const restartsBefore = proc.pm2_env.restart_time;
  const b = await sampleRounds({
    up: timed('docker', upArgs, { cwd: ctx.root, env: ctx.env }),
    reload: timed(NODE, [PM2_BIN, 'startOrReload', eco], { env: ctx.env }),
  }, SLOW_RUNS);
  const after2 = { container: await containerId(), proc: await appProc() };
  const composeNoop = after2.container === after.container;
  if (!composeNoop) ctx.notes.push(`row 4: the baseline \`docker compose up -d\` recreated slot ${slot}'s container, so it was not a no-op`);
  const reloads = after2.proc.pm2_env.restart_time - restartsBefore;
  ctx.notes.push(`row 4: baseline = compose up -d ${round(median(b.up), 0)} ms + pm2 startOrReload ${round(median(b.reload), 0)} ms (medians)`);
  ctx.notes.push(`row 4: the baseline's \`pm2 startOrReload\` reloads the running ${app} every time (${reloads} reloads in ${SLOW_RUNS + 1} calls; PM2 has no start-if-absent), and compose up -d ${composeNoop ? 'left the container as it was' : 'RECREATED the container'}; devslot start ${devslotNoop ? 'kept both (same container id and pid)' : 'did NOT keep them'}`);
  await waitPort(appPort(slot));

  // After the baseline's reloads, devslot must still recognise the app as its own and keep it.
  const pidBefore = after2.proc.pid;
  await devslot(ctx, [String(slot), 'start', '--quiet']);
  const pidAfter = (await appProc()).pid;
  if (pidAfter !== pidBefore) ctx.notes.push(`row 4: after the baseline reloads, devslot ${slot} start replaced ${app} (pid ${pidBefore}→${pidAfter})`);

  const sum = b.up.map((x, i) => x + b.reload[i]!);
  const d = median(s.start);
  const base = median(sum);
  return [{
    id: '4', measure: `devslot ${slot} start (running: no-op)`, baseline: 'compose up -d (no-op) + pm2 startOrReload',
    devslotMs: d, baselineMs: base, ratio: d / base, ratioKind: 'of baseline' as const, goal: '≤ 1.0× their time',
    pass: d / base <= 1.0 && devslotNoop, samples: { devslot: summary(s.start), baseline: summary(sum), composeUp: summary(b.up), pm2StartOrReload: summary(b.reload) },
    ...(devslotNoop ? {} : { why: 'not a no-op' }),
  }];
}

export const row4: StepRow = { kind: 'step', id: '4', run };
