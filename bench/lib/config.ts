/** The bench's fixed shape (K slots, ports, names) and the few knobs it reads from the environment. */
import path from 'node:path';
import { projectName } from '../../scripts/names.js';
import { shiftPort } from '../../scripts/plan/ports.js';
import { repoRoot } from '../../test/helpers/cli.js';

export const REPO = repoRoot;
/** Always this checkout's build, whatever DEVSLOT_E2E_CLI says: the figures are for `npm run build`. */
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const PM2_BIN = path.join(REPO, 'node_modules', 'pm2', 'bin', 'pm2');
export const NODE = process.execPath;

export const K = 10;
export const NAME = 'devslot-bench';
export const INIT_NAME = 'devslot-bench-init';
export const STRIDE = 10;
export const SLOTS = 60;
export const WEB_BASE = 20000;
export const APP_BASE = 30000;
export const INIT_SLOTS = 50;
export const INIT_SERVICES = 30;
export const INIT_BASE = 40000;
export const INIT_STRIDE = 100;
export const PROBE_SLOT = 3;
export const START_PARALLEL = 4;

function intEnv(name: string, dflt: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  if (!/^[1-9][0-9]*$/.test(v)) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return Number(v);
}

/** Fast measures: the slots' healthchecks make single runs noisy, hence 15. */
export const RUNS = intEnv('BENCH_RUNS', 15);
/** Rows 4–5, each run of which restarts slots. */
export const SLOW_RUNS = intEnv('BENCH_SLOW_RUNS', 3);
export const KEEP = process.env.BENCH_KEEP === '1';
/** BENCH_ROWS=7,10: run only these rows (by number: 9 runs 9a and 9b). Unset: every row. */
export const ONLY_ROWS: readonly string[] | undefined = process.env.BENCH_ROWS ? process.env.BENCH_ROWS.split(',').map((x) => x.trim()).filter(Boolean) : undefined;

export const SLOT_LIST: readonly number[] = Array.from({ length: K }, (_, i) => i);
export const webPort = (slot: number): number => shiftPort(WEB_BASE, slot, STRIDE);
export const appPort = (slot: number): number => shiftPort(APP_BASE, slot, STRIDE);
export const project = (slot: number): string => projectName(NAME, slot);
/** The label on row 5's own empty networks, so cleanup finds exactly them. */
export const benchNetworkLabel = (root: string): string => `dev.devslot.bench=${root}`;
/** A whole run's figures; a BENCH_ROWS run's go beside them (results-rows-7-10.json), never over them. */
export const RESULTS = path.join(REPO, 'bench', ONLY_ROWS ? `results-rows-${ONLY_ROWS.join('-')}.json` : 'results.json');
