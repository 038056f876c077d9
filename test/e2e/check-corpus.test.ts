/**
 * `devslot check --json` on every project of ../shared/corpus: it completes, its JSON parses, and
 * slot 2's override (with the rewrites inside services) is still accepted by `docker compose
 * config`. Prints the per-project times (the bench row's budget is 1 s per project).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, run, runCli } from '../helpers/cli.js';
import { composeArgv, composeConfig, copyProject, corpusCases, corpusDir } from '../helpers/corpus.js';
import { timeCheck, type CheckTiming } from '../helpers/check-timing.js';
import { hasCompose, inCI } from '../helpers/tools.js';

const present = fs.existsSync(path.join(corpusDir, 'compose')) && hasCompose;
const times: CheckTiming[] = [];

describe.skipIf(!present && !inCI)('devslot check on the corpus', { timeout: 300_000 }, () => {
  afterAll(() => {
    const w = Math.max(7, ...times.map((t) => t.id.length));
    console.log(['', 'devslot check --json over the corpus (wall time of one CLI run, after a warm-up):', ...times.map((t) => `${t.id.padEnd(w)}  ${`${Math.round(t.ms)} ms`.padStart(8)}  exit ${t.code}  ${t.findings ?? '-'} findings`)].join('\n'));
  });

  it('has its prerequisites', () => {
    expect(present, `corpus at ${corpusDir} and docker compose`).toBe(true);
  });

  for (const c of present ? corpusCases() : []) {
    it(c.id, async (ctx) => {
      if (c.optional) {
        const copy = copyProject(c);
        const base = await composeConfig({ project: `${c.name}-dev-0`, envFiles: c.envFiles, files: c.files, profiles: c.profiles }, copy.root, cleanEnv(c.env));
        fs.rmSync(copy.tmp, { recursive: true, force: true });
        if (!base.ok) ctx.skip();
      }
      const t = await timeCheck(c);
      times.push(t);
      // Its JSON parses either way; a project devslot refuses (a real port collision, corpus.test.ts
      // verifies it is real) exits 1 with the error as JSON, and has no override to check.
      expect(t.parseError, t.run.stdout.slice(0, 300)).toBeUndefined();
      if (t.code === 1 && t.refused) return;
      expect(t.code, t.run.stderr).toBe(0);

      const { root, tmp } = copyProject(c);
      try {
        const env = cleanEnv(c.env);
        const init = await runCli(['2', 'init'], { cwd: root, env, timeoutMs: 120_000 });
        expect(init.code, init.stderr).toBe(0);
        const sj = JSON.parse(fs.readFileSync(path.join(root, '.instances', 'instance-2', 'slot.json'), 'utf8')) as { compose: { project: string; files: string[]; envFiles: string[]; profiles: string[] } };
        const r = await run('docker', composeArgv(sj.compose), { cwd: root, env, timeoutMs: 60_000 });
        expect(r.code, r.stderr).toBe(0);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  }
});
