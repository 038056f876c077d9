/**
 * Run the built CLI (dist/cli.js) or any other command with an argv array: never through a shell,
 * so no argument is re-split or interpreted. A non-zero exit is a result, not an exception.
 */
import { run as runProcess } from '../../scripts/adapters/process.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** The child's whole environment (not merged with process.env). */
  env?: NodeJS.ProcessEnv;
  /** Kill the child after this many ms; the result then has code 124 and a note on stderr. */
  timeoutMs?: number;
}

/** The repository root: the folder above test/. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The CLI under test: the built one, or DEVSLOT_E2E_CLI (e.g. a deliberately broken copy, to test the tests). */
export const cliPath = process.env.DEVSLOT_E2E_CLI ? path.resolve(process.env.DEVSLOT_E2E_CLI) : path.join(repoRoot, 'dist', 'cli.js');

export async function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const r = await runProcess(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, timeoutMs: opts.timeoutMs });
  return r.timedOut ? { code: 124, stdout: r.stdout, stderr: `${r.stderr}\n[killed after ${opts.timeoutMs} ms]` } : { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** `node dist/cli.js ARGS…` in `cwd`. Fails loudly when dist/ has not been built. */
export function runCli(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  if (!fs.existsSync(cliPath)) {
    throw new Error(`${cliPath} does not exist: build first with \`npx tsc -p ${repoRoot}\``);
  }
  return run(process.execPath, [cliPath, ...args], { timeoutMs: 60_000, ...opts });
}

/**
 * process.env without the variables that would silently change what devslot or compose resolve:
 * DEVSLOT_* and COMPOSE_* (project name, files, profiles, env files), plus `extra` on top.
 */
export function cleanEnv(extra: Record<string, string> = {}, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (k.startsWith('DEVSLOT_') || k.startsWith('COMPOSE_')) continue;
    out[k] = v;
  }
  return { ...out, NO_COLOR: '1', ...extra };
}
