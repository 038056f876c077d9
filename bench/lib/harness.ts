/**
 * Timing and sampling: every process is spawned through the project's own runner (argv array, no
 * shell) and timed with performance.now() from spawn to exit; fast measures are interleaved
 * round-robin so drift hits all of them alike.
 */
import { performance } from 'node:perf_hooks';
import { run, type RunResult } from '../../scripts/adapters/process.js';
import { CLI, NODE, PM2_BIN, REPO } from './config.js';

/** The bench itself failed (exit 2): a failed command's time is not a measurement. */
export class BenchError extends Error {}
/** Ctrl-C or SIGTERM (exit 130). */
export class Interrupted extends Error {}

const interrupt = new AbortController();
export const isInterrupted = (): boolean => interrupt.signal.aborted;
/** SIGTERM every measured child still running; later calls reject unless they are cleanup. */
export const interruptAll = (): void => interrupt.abort();

export interface SpawnOptions {
  /** The child's whole environment. */
  env: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  /** Runs after an interrupt too, and is not killed by it. */
  forCleanup?: boolean;
}

export interface Timed extends RunResult {
  /** Wall time from spawn to exit. */
  ms: number;
}

export async function spawnTimed(cmd: string, args: readonly string[], opts: SpawnOptions): Promise<Timed> {
  if (isInterrupted() && !opts.forCleanup) throw new Interrupted('interrupted');
  const t0 = performance.now();
  const r = await run(cmd, args, {
    cwd: opts.cwd ?? REPO,
    env: opts.env,
    timeoutMs: opts.timeoutMs ?? 180_000,
    ...(opts.forCleanup ? {} : { signal: interrupt.signal }),
  });
  return { ...r, ms: performance.now() - t0 };
}

function describe(cmd: string, args: readonly string[]): string {
  const shown = cmd === NODE ? 'node' : cmd;
  return [shown, ...args.map((a) => (a === CLI ? 'dist/cli.js' : a === PM2_BIN ? 'pm2' : a))].join(' ');
}

/** spawnTimed(), and fail the bench when the command fails. */
export async function must(cmd: string, args: readonly string[], opts: SpawnOptions): Promise<Timed> {
  const r = await spawnTimed(cmd, args, opts);
  if (isInterrupted()) throw new Interrupted('interrupted');
  if (r.code !== 0) {
    const text = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-5).join('\n    ');
    const killed = r.timedOut ? ` (killed after ${opts.timeoutMs ?? 180_000} ms)` : '';
    throw new BenchError(`\`${describe(cmd, args)}\` exited ${r.code}${killed}:\n    ${text}`);
  }
  return r;
}

/** A measure: one run, returning its wall time in ms. */
export type Measure = () => Promise<number>;

export const timed = (cmd: string, args: readonly string[], opts: SpawnOptions): Measure => async () => (await must(cmd, args, opts)).ms;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export const summary = (xs: readonly number[]): Summary => ({ median: round(median(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)), runs: xs.map((x) => round(x)) });

/**
 * Interleaved sampling: one warm-up round, then `n` rounds; each round runs every measure once, in
 * the order of `measures`' keys.
 */
export async function sampleRounds<K extends string>(measures: Record<K, Measure>, n: number): Promise<Record<K, number[]>> {
  const entries = Object.entries(measures) as [K, Measure][];
  for (const [, fn] of entries) await fn();
  const out = Object.fromEntries(entries.map(([k]) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < n; i++) {
    for (const [k, fn] of entries) out[k].push(await fn());
  }
  return out;
}

export const T0 = performance.now();

export function progress(text: string): void {
  process.stderr.write(`[bench ${((performance.now() - T0) / 1000).toFixed(0).padStart(3)}s] ${text}\n`);
}
