/** Row 6: `devslot N init` for slots 0..49 of a 30-service compose file; the per-slot time must stay flat. */
import fs from 'node:fs';
import path from 'node:path';
import { INSTANCES_DIR, instanceDirName } from '../../scripts/names.js';
import { CLI, INIT_SERVICES, INIT_SLOTS, NODE, SLOTS } from '../lib/config.js';
import type { BenchContext } from '../lib/context.js';
import { BenchError, median, must, progress, round, summary } from '../lib/harness.js';
import type { Row, StepRow } from '../lib/row.js';

async function run(ctx: BenchContext): Promise<Row[]> {
  progress(`row 6: init ${INIT_SLOTS} slots of a ${INIT_SERVICES}-service compose file`);
  const init = (slot: number) => must(NODE, [CLI, String(slot), 'init', '--quiet'], { cwd: ctx.initRoot, env: ctx.env });
  await init(SLOTS - 1); // warm-up, on a slot outside 0..49, removed again
  fs.rmSync(path.join(ctx.initRoot, INSTANCES_DIR, instanceDirName(SLOTS - 1)), { recursive: true, force: true });
  const per: number[] = [];
  for (let slot = 0; slot < INIT_SLOTS; slot++) per.push((await init(slot)).ms);
  const made = fs.readdirSync(path.join(ctx.initRoot, INSTANCES_DIR)).filter((d) => /^instance-[0-9]+$/.test(d)).length;
  if (made !== INIT_SLOTS) throw new BenchError(`row 6: expected ${INIT_SLOTS} instance dirs, found ${made}`);
  const early = median(per.slice(0, 10));
  const late = median(per.slice(40, 50));
  return [{
    id: '6', measure: `init, ${INIT_SLOTS} slots × ${INIT_SERVICES} services: slots 40–49`, baseline: 'slots 0–9 (per slot)',
    devslotMs: late, baselineMs: early, ratio: late / early, ratioKind: 'of baseline', goal: 'flat: ≤ 1.5×',
    pass: late / early <= 1.5, samples: { perSlot: per.map((x) => round(x)), slots0to9: summary(per.slice(0, 10)), slots40to49: summary(per.slice(40, 50)), total: round(per.reduce((x, y) => x + y, 0)) },
  }];
}

export const row6: StepRow = { kind: 'step', id: '6', standalone: true, run };
