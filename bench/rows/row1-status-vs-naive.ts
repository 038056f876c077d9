/** Row 1: `devslot status all --json` against what a person would type: compose ls, compose ps per slot, pm2 jlist. */
import { performance } from 'node:perf_hooks';
import { slotOfProject } from '../../scripts/names.js';
import { K, NAME } from '../lib/config.js';
import { docker, pm2, type BenchContext } from '../lib/context.js';
import { BenchError, median, summary, type Measure } from '../lib/harness.js';
import type { FastRow } from '../lib/row.js';

/** The baseline, timed as a whole: `compose ls`, then one `compose ps` per slot, then `pm2 jlist`. */
export const naiveStatus = (ctx: BenchContext): Measure => async () => {
  const t0 = performance.now();
  const ls = await docker(ctx, ['compose', 'ls', '--format', 'json']);
  const projects = (JSON.parse(ls.stdout) as { Name: string }[]).map((p) => p.Name).filter((n) => slotOfProject(NAME, n) !== undefined);
  if (projects.length !== K) throw new BenchError(`naive status: compose ls shows ${projects.length} of our projects, expected ${K}`);
  for (const p of projects) await docker(ctx, ['compose', '-p', p, 'ps', '--format', 'json']);
  await pm2(ctx, ['jlist']);
  return performance.now() - t0;
};

export const row1: FastRow = {
  kind: 'fast',
  id: '1',
  measures: ['status', 'naive'],
  judge: (s) => {
    const status = median(s.status);
    const naive = median(s.naive);
    return [{
      id: '1', measure: 'devslot status all --json', baseline: `compose ls + ${K}× compose ps + pm2 jlist`,
      devslotMs: status, baselineMs: naive, ratio: naive / status, ratioKind: 'speedup', goal: '≥ 5× faster',
      pass: naive / status >= 5, samples: { devslot: summary(s.status), baseline: summary(s.naive) },
    }];
  },
};
