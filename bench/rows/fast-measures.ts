/**
 * The fast measures, which the fast rows (1–3) share: one warm-up round, then RUNS rounds, each
 * running every measure once in this order. The order is part of the measurement (each measure
 * runs after the same neighbours every round), so it lives here rather than in any one row.
 */
import { CLI, NODE, PROBE_SLOT } from '../lib/config.js';
import type { BenchContext } from '../lib/context.js';
import { timed, type Measure } from '../lib/harness.js';
import { LABEL_ROOT } from '../../scripts/names.js';
import { naiveStatus } from './row1-status-vs-naive.js';

export const FAST_MEASURES = ['nodeNoop', 'dockerPs', 'version', 'ports', 'status', 'naive'] as const;
export type FastMeasure = (typeof FAST_MEASURES)[number];
export type FastSamples = Record<FastMeasure, number[]>;

export const fastMeasures = (ctx: BenchContext): Record<FastMeasure, Measure> => ({
  nodeNoop: timed(NODE, ['-e', '0'], { env: ctx.env }),
  dockerPs: timed('docker', ['ps', '-a', '--filter', `label=${LABEL_ROOT}=${ctx.root}`, '--format', '{{json .}}'], { env: ctx.env }),
  version: timed(NODE, [CLI, '--version'], { cwd: ctx.root, env: ctx.env }),
  ports: timed(NODE, [CLI, String(PROBE_SLOT), 'ports'], { cwd: ctx.root, env: ctx.env }),
  status: timed(NODE, [CLI, 'status', 'all', '--json'], { cwd: ctx.root, env: ctx.env }),
  naive: naiveStatus(ctx),
});
