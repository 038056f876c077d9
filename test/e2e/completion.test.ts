/**
 * `devslot completion bash` in a real bash: the script is sourced, COMP_WORDS/COMP_CWORD are set as
 * bash sets them, the completer runs, and COMPREPLY is read back. Slots and services come from a
 * real `devslot 1 init` (the compose CLI, no engine); completing never starts Docker or PM2.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cliPath, run, runCli } from '../helpers/cli.js';
import { hasCompose, requireTool, works } from '../helpers/tools.js';

const ready = requireTool(hasCompose, '`docker compose`') && works('bash', ['--version']);
let tmp = '';
let root = '';
let env: NodeJS.ProcessEnv = {};

beforeAll(async () => {
  if (!ready) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-h17-completion-'));
  root = path.join(tmp, 'proj');
  const bin = path.join(tmp, 'bin');
  fs.mkdirSync(root);
  fs.mkdirSync(bin);
  // `devslot` on PATH, as an installed bin would be.
  fs.writeFileSync(path.join(bin, 'devslot'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} "$@"\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(root, 'compose.yaml'), 'services:\n  cache:\n    image: busybox:1.35\n    ports: ["32010:6379"]\n  queue:\n    image: busybox:1.35\n    ports: ["32011:5672"]\n');
  fs.writeFileSync(path.join(root, 'devslot.yaml'), 'name: h17-comp\nslots: 4\nstride: 100\ncompose:\n  files: [compose.yaml]\n');
  // Point DOCKER_HOST nowhere: completion must not need the engine.
  env = cleanEnv({ PATH: `${bin}:${process.env.PATH}` });
  const init = await runCli(['1', 'init'], { cwd: root, env });
  expect(init.code, init.stderr).toBe(0);
  env = { ...env, DOCKER_HOST: 'unix:///nonexistent/docker.sock', PM2_HOME: path.join(tmp, 'no-pm2') };
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** COMPREPLY after completing `words` with the cursor on the last one. */
async function complete(words: string[]): Promise<string[]> {
  const script = [
    'source <(devslot completion bash) || exit 9',
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    '_devslot',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const r = await run('bash', ['-c', script], { cwd: root, env, timeoutMs: 20_000 });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

describe.skipIf(!ready)('completion in a real bash', () => {
  it('devslot 2 lo → logs', async () => {
    expect(await complete(['devslot', '2', 'lo'])).toEqual(['logs']);
  });
  it('devslot st → start status stop', async () => {
    expect((await complete(['devslot', 'st'])).sort()).toEqual(['start', 'status', 'stop']);
  });
  it('devslot logs 1 --service → the slot\'s services, from its saved plan', async () => {
    expect((await complete(['devslot', 'logs', '1', '--service', ''])).sort()).toEqual(['cache', 'queue']);
  });
  it('devslot logs → the slots that exist, and all', async () => {
    expect((await complete(['devslot', 'logs', ''])).sort()).toEqual(['1', 'all']);
  });
  it('options of the action, tools and their words', async () => {
    expect(await complete(['devslot', '1', 'logs', '--no'])).toEqual(['--no-follow']);
    expect((await complete(['devslot', 'integrate', ''])).sort()).toEqual(['just', 'make', 'mise', 'npm', 'task']);
    expect(await complete(['devslot', 'completion', 'f'])).toEqual(['fish']);
  });
  it('zsh and fish scripts are printed', async () => {
    for (const shell of ['zsh', 'fish']) {
      const r = await runCli(['completion', shell], { cwd: root, env });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('devslot __complete');
    }
  });
});
