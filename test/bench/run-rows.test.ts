/**
 * The bench's run order, with fake measures: rows 1–3 share one interleaved sampling in the
 * original order, step rows run in registry order, and each row's goal decides PASS/FAIL.
 */
import { describe, expect, it } from 'vitest';
import type { BenchContext } from '../../bench/lib/context.js';
import { RUNS } from '../../bench/lib/config.js';
import type { Measure } from '../../bench/lib/harness.js';
import type { BenchRow, Row, StepRow } from '../../bench/lib/row.js';
import { runRows, selectRows } from '../../bench/lib/run-rows.js';
import { FAST_MEASURES, type FastMeasure } from '../../bench/rows/fast-measures.js';
import { ROWS } from '../../bench/rows/index.js';
import { row1 } from '../../bench/rows/row1-status-vs-naive.js';
import { row2 } from '../../bench/rows/row2-status-floor.js';
import { row3 } from '../../bench/rows/row3-startup.js';

const ctx: BenchContext = { root: '/nonexistent', initRoot: '/nonexistent', pm2Home: '/nonexistent', env: {}, notes: [] };

/** Fake measures that log each call and return a fixed time. */
function fakes(ms: Record<FastMeasure, number>) {
  const calls: FastMeasure[] = [];
  const measures = Object.fromEntries(FAST_MEASURES.map((m) => [m, (async () => (calls.push(m), ms[m])) as Measure])) as Record<FastMeasure, Measure>;
  return { calls, measuresOf: () => measures };
}

const step = (id: string, log: string[]): StepRow => ({
  kind: 'step',
  id,
  run: async () => {
    log.push(id);
    return [{ id, measure: id, baseline: '', devslotMs: 1, baselineMs: 1, ratio: 1, ratioKind: 'of baseline', goal: '', pass: true, samples: {} }];
  },
});

const byId = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.id, r]));

describe('bench run order', () => {
  it('registers rows 1 to 10 in that order', () => {
    expect(ROWS.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
  });

  it('samples rows 1–3 once: a warm-up round and RUNS rounds, each in the original order', async () => {
    const f = fakes({ nodeNoop: 50, dockerPs: 30, version: 60, ports: 70, status: 100, naive: 600 });
    const log: string[] = [];
    const rows = await runRows(ctx, [row1, row2, row3, step('4', log)], f.measuresOf);
    const round = ['nodeNoop', 'dockerPs', 'version', 'ports', 'status', 'naive'];
    expect(f.calls).toEqual(Array.from({ length: RUNS + 1 }, () => round).flat());
    expect(rows.map((r) => r.id)).toEqual(['1', '2', '3a', '3b', '4']);
    expect(log).toEqual(['4']);
    const r = byId(rows);
    expect([r['1']!.ratio, r['1']!.pass]).toEqual([6, true]);
    expect([r['2']!.ratio, r['2']!.pass]).toEqual([100 / 80, true]);
    expect([r['3a']!.ratio, r['3b']!.ratio]).toEqual([60 / 50, 70 / 50]);
  });

  it('fails a row that misses its goal, and keeps the others', async () => {
    const f = fakes({ nodeNoop: 50, dockerPs: 30, version: 80, ports: 70, status: 130, naive: 600 });
    const r = byId(await runRows(ctx, [row1, row2, row3], f.measuresOf));
    expect([r['1']!.pass, r['2']!.pass, r['3a']!.pass, r['3b']!.pass]).toEqual([false, false, false, true]);
  });

  it('samples only the measures its fast rows read, and runs the group where the first fast row stands', async () => {
    const f = fakes({ nodeNoop: 50, dockerPs: 30, version: 60, ports: 70, status: 100, naive: 600 });
    const log: string[] = [];
    const registry: BenchRow[] = [step('0', log), row3, step('9', log)];
    const rows = await runRows(ctx, registry, f.measuresOf);
    expect(new Set(f.calls)).toEqual(new Set(['nodeNoop', 'version', 'ports']));
    expect(rows.map((x) => x.id)).toEqual(['0', '3a', '3b', '9']);
  });

  it('BENCH_ROWS: only the rows named, in registry order; the K slots only when a chosen row reads them', () => {
    const ids = (only: string[] | undefined) => {
      const s = selectRows(ROWS, only);
      return [s.rows.map((r) => r.id), s.needsSlots];
    };
    expect(ids(undefined)).toEqual([ROWS.map((r) => r.id), true]);
    expect(ids(['11'])).toEqual([['11'], false]);
    expect(ids(['11', '10', '7'])).toEqual([['7', '10', '11'], false]);
    expect(ids(['2', '11'])).toEqual([['2', '11'], true]);
    expect(ids(['4'])).toEqual([['4'], true]);
    expect(() => selectRows(ROWS, ['12'])).toThrow(/BENCH_ROWS names no such row: 12/);
  });
});
