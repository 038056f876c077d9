/** Runs the registry: every FastRow from one interleaved sampling (where the first one stands), then each StepRow. */
import { fastMeasures, FAST_MEASURES, type FastMeasure } from '../rows/fast-measures.js';
import { RUNS } from './config.js';
import type { BenchContext } from './context.js';
import { BenchError, progress, sampleRounds, type Measure } from './harness.js';
import type { BenchRow, FastRow, Row } from './row.js';

type MeasuresOf = (ctx: BenchContext) => Record<FastMeasure, Measure>;

async function runFast(ctx: BenchContext, rows: readonly FastRow[], measuresOf: MeasuresOf): Promise<Row[]> {
  const ids = rows.map((r) => r.id);
  progress(`${ids.length > 1 ? `rows ${ids[0]}–${ids[ids.length - 1]}` : `row ${ids[0]}`}: ${RUNS} interleaved rounds (after a warm-up round)`);
  const all = measuresOf(ctx);
  // Only what some row reads, always in the table's order.
  const wanted = FAST_MEASURES.filter((m) => rows.some((r) => r.measures.includes(m)));
  const picked = Object.fromEntries(wanted.map((m) => [m, all[m]])) as Record<FastMeasure, Measure>;
  const samples = await sampleRounds(picked, RUNS);
  return rows.flatMap((r) => r.judge(samples, ctx));
}

/** `measuresOf` is the real fast measures but for tests of the run order. */
export async function runRows(ctx: BenchContext, registry: readonly BenchRow[], measuresOf: MeasuresOf = fastMeasures): Promise<Row[]> {
  const fast = registry.filter((r): r is FastRow => r.kind === 'fast');
  const out: Row[] = [];
  let fastDone = false;
  for (const row of registry) {
    if (row.kind === 'step') out.push(...(await row.run(ctx)));
    else if (!fastDone) {
      fastDone = true;
      out.push(...(await runFast(ctx, fast, measuresOf)));
    }
  }
  return out;
}

/**
 * The rows BENCH_ROWS names (all when unset), in registry order, and whether any of them needs the
 * K slots up (a fast row, or a step row that is not standalone).
 */
export function selectRows(registry: readonly BenchRow[], only: readonly string[] | undefined): { rows: BenchRow[]; needsSlots: boolean } {
  const unknown = (only ?? []).filter((id) => !registry.some((r) => r.id === id));
  if (unknown.length) throw new BenchError(`BENCH_ROWS names no such row: ${unknown.join(', ')} (rows: ${registry.map((r) => r.id).join(', ')})`);
  const rows = only ? registry.filter((r) => only.includes(r.id)) : [...registry];
  return { rows, needsSlots: rows.some((r) => r.kind === 'fast' || !r.standalone) };
}
