/**
 * The row registry, in run order. A new row is one file here and one line in this list: a FastRow
 * when it is judged from the shared interleaved measures (fast-measures.ts; a new measure is one
 * more entry there), a StepRow when it needs runs of its own. Rows run on the state the row before
 * left: the K slots are up until row 5, which leaves them stopped; rows 6 on are `standalone` (their
 * own projects), so `BENCH_ROWS=10` runs row 10 alone without starting the K slots.
 */
import type { BenchRow } from '../lib/row.js';
import { row1 } from './row1-status-vs-naive.js';
import { row2 } from './row2-status-floor.js';
import { row3 } from './row3-startup.js';
import { row4 } from './row4-noop-start.js';
import { row5 } from './row5-stop-all.js';
import { row6 } from './row6-init-scaling.js';
import { row7 } from './row7-check-corpus.js';
import { row8 } from './row8-clone-pause.js';
import { row9 } from './row9-shared-infra.js';
import { row10 } from './row10-remote-engine.js';
import { row11 } from './row11-status-podman.js';

export const ROWS: readonly BenchRow[] = [row1, row2, row3, row4, row5, row6, row7, row8, row9, row10, row11];
