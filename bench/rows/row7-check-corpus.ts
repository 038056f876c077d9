/**
 * Row 7 (issue 14): `devslot check --json` over every project of ../shared/corpus, one CLI run each
 * after a warm-up, beside `docker compose config` of the same project (the resolution check cannot
 * do without). Goal: under 1 s per project. Skipped (with a note) where the corpus is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { run } from '../../scripts/adapters/process.js';
import { cleanEnv } from '../../test/helpers/cli.js';
import { composeArgv, copyProject, corpusCases, corpusDir } from '../../test/helpers/corpus.js';
import { timeCheck } from '../../test/helpers/check-timing.js';
import type { BenchContext } from '../lib/context.js';
import { median, progress, round } from '../lib/harness.js';
import type { Row, StepRow } from '../lib/row.js';

const GOAL_MS = 1000;

async function composeConfigMs(c: ReturnType<typeof corpusCases>[number]): Promise<number> {
  const { root, tmp } = copyProject(c);
  try {
    const env = cleanEnv(c.env);
    const argv = composeArgv({ project: `${c.name}-dev-0`, envFiles: c.envFiles, files: c.files, profiles: c.profiles });
    await run('docker', argv, { cwd: root, env, timeoutMs: 120_000 });
    const t0 = performance.now();
    await run('docker', argv, { cwd: root, env, timeoutMs: 120_000 });
    return performance.now() - t0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function runRow(ctx: BenchContext): Promise<Row[]> {
  if (!fs.existsSync(path.join(corpusDir, 'compose'))) {
    ctx.notes.push(`row 7 skipped: no corpus at ${corpusDir}`);
    return [];
  }
  const cases = corpusCases();
  progress(`row 7: check over ${cases.length} corpus projects`);
  const per: Record<string, number> = {};
  const floor: Record<string, number> = {};
  for (const c of cases) {
    const t = await timeCheck(c);
    if (t.parseError) continue; // a project compose cannot resolve here (INVOCATIONS' "if it resolves")
    per[c.id] = round(t.ms);
    floor[c.id] = round(await composeConfigMs(c));
  }
  const ids = Object.keys(per);
  const worst = ids.reduce((a, b) => (per[a]! >= per[b]! ? a : b));
  const ratios = ids.map((id) => per[id]! / floor[id]!);
  return [{
    id: '7', measure: `check --json, ${ids.length} corpus projects: slowest (${worst})`, baseline: 'docker compose config of it',
    devslotMs: per[worst]!, baselineMs: floor[worst]!, ratio: per[worst]! / floor[worst]!, ratioKind: 'of baseline',
    goal: `< ${GOAL_MS} ms per project`, pass: Math.max(...Object.values(per)) < GOAL_MS,
    ...(Math.max(...Object.values(per)) < GOAL_MS ? {} : { why: `${ids.filter((id) => per[id]! >= GOAL_MS).join(', ')} took ${GOAL_MS} ms or more` }),
    samples: { checkMs: per, composeConfigMs: floor, medianRatio: round(median(ratios), 2) },
  }];
}

export const row7: StepRow = { kind: 'step', id: '7', standalone: true, run: runRow };
