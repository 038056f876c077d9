/** A row of the result table, and the two kinds of entry the row registry (rows/index.ts) holds. */
import type { BenchContext } from './context.js';
import type { Summary } from './harness.js';
import type { FastMeasure, FastSamples } from '../rows/fast-measures.js';

export interface Row {
  id: string;
  measure: string;
  baseline: string;
  devslotMs: number;
  baselineMs: number;
  ratio: number;
  /** 'speedup': baseline / devslot (higher is better); 'of baseline': devslot / baseline. */
  ratioKind: 'speedup' | 'of baseline';
  goal: string;
  pass: boolean;
  /** Why a row failed, when the ratio alone does not say. */
  why?: string;
  samples: Record<string, Summary | number | number[] | Record<string, number>>;
}

/**
 * A row judged from the fast measures, which every fast row shares in one interleaved sampling (so
 * drift hits its devslot run and its baseline alike): it names the measures it reads.
 */
export interface FastRow {
  kind: 'fast';
  /** The row number, as the table shows it (without a/b suffixes). */
  id: string;
  measures: readonly FastMeasure[];
  judge(samples: FastSamples, ctx: BenchContext): Row[];
}

/** A row with runs of its own: it starts from the state the row before it left. */
export interface StepRow {
  kind: 'step';
  id: string;
  /** Runs on projects of its own: needs none of the K slots (so BENCH_ROWS of such rows alone starts none). */
  standalone?: true;
  run(ctx: BenchContext): Promise<Row[]>;
}

export type BenchRow = FastRow | StepRow;
