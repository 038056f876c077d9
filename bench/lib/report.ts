/** The result table on stdout and bench/results.json. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { K, REPO, RESULTS, RUNS, SLOW_RUNS } from './config.js';
import { round, spawnTimed } from './harness.js';
import type { Row } from './row.js';

export function table(rows: readonly Row[]): string {
  const head = ['#', 'measure', 'devslot ms', 'baseline', 'baseline ms', 'ratio', 'goal', 'result'];
  const body = rows.map((r) => [
    r.id,
    r.measure,
    r.devslotMs.toFixed(0),
    r.baseline,
    r.baselineMs.toFixed(0),
    `${r.ratio.toFixed(2)}× ${r.ratioKind === 'speedup' ? 'faster' : ''}`.trim(),
    r.goal,
    r.pass ? 'PASS' : `FAIL${r.why ? ` (${r.why})` : ''}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const right = new Set([2, 4, 5]);
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export interface Machine {
  cpus: number;
  cpuModel: string | undefined;
  memGiB: number;
  node: string;
  docker: string;
  compose: string;
  pm2: string;
  devslot: string;
}

const versionOf = (file: string): string => (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;

export async function machine(env: NodeJS.ProcessEnv): Promise<Machine> {
  const v = async (args: string[]) => (await spawnTimed('docker', args, { env }).catch(() => ({ stdout: '?' }))).stdout.trim();
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memGiB: round(os.totalmem() / 2 ** 30),
    node: process.version,
    docker: await v(['version', '--format', '{{.Server.Version}}']),
    compose: await v(['compose', 'version', '--short']),
    pm2: versionOf(path.join(REPO, 'node_modules', 'pm2', 'package.json')),
    devslot: versionOf(path.join(REPO, 'package.json')),
  };
}

export function writeResults(rows: readonly Row[], notes: readonly string[], m: Machine, benchSeconds: number): void {
  const failed = rows.filter((r) => !r.pass);
  fs.writeFileSync(RESULTS, `${JSON.stringify({
    date: new Date().toISOString(),
    machine: m,
    k: K,
    runs: { fast: RUNS, slow: SLOW_RUNS },
    rows: rows.map((r) => ({ ...r, devslotMs: round(r.devslotMs), baselineMs: round(r.baselineMs), ratio: round(r.ratio, 2) })),
    notes,
    benchSeconds,
    pass: failed.length === 0,
    failed: failed.map((r) => r.id),
  }, null, 2)}\n`);
}
