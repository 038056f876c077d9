/**
 * `devslot check --json` on one corpus project, timed: for the corpus check test and the bench row
 * ("check finishes in under 1 s per project"). Wall time of the whole CLI run, node start included.
 */
import fs from 'node:fs';
import { cleanEnv, runCli, type RunResult } from './cli.js';
import { copyProject, type CorpusCase } from './corpus.js';

export interface CheckTiming {
  id: string;
  ms: number;
  code: number;
  findings?: number;
  /** devslot refused the project (exit 1, `{ error }` as JSON). */
  refused?: boolean;
  /** Set when the output was not one JSON document. */
  parseError?: string;
  run: RunResult;
}

export async function timeCheck(c: CorpusCase, args: readonly string[] = ['check', '--json']): Promise<CheckTiming> {
  const { root, tmp } = copyProject(c);
  try {
    const env = cleanEnv(c.env);
    // A first run plans afresh and warms the compose CLI's own caches, as a user's second call would.
    await runCli(['ports'], { cwd: root, env, timeoutMs: 120_000 });
    const t0 = performance.now();
    const r = await runCli(args, { cwd: root, env, timeoutMs: 120_000 });
    const ms = performance.now() - t0;
    let findings: number | undefined;
    let refused: boolean | undefined;
    let parseError: string | undefined;
    try {
      const out = JSON.parse(r.stdout) as { findings?: unknown[]; error?: unknown };
      findings = out.findings?.length;
      refused = out.error !== undefined;
      if (findings === undefined && !refused) parseError = 'neither findings nor error';
    } catch (e) {
      parseError = (e as Error).message;
    }
    return { id: c.id, ms, code: r.code, findings, refused, parseError, run: r };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
