/**
 * `devslot integrate RUNNER --write` with the real runners (just, npm, make): `… dev 2 "a b" --json`
 * reaches devslot as exactly those words; a second run leaves the file byte-identical; a justfile
 * keeps every byte outside devslot's block; an entry the user wrote is refused, not replaced.
 * Taskfile and mise are not installed here (see the report): their snippets are tested as text in
 * test/plan/integrate.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, cliPath, run, runCli } from '../helpers/cli.js';
import { hasJust, requireTool, works } from '../helpers/tools.js';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => fs.rmSync(t, { recursive: true, force: true })));

/** A project whose node_modules/.bin/devslot is this build, as `npm install devslot` would leave it. */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-h17-integrate-'));
  temps.push(root);
  fs.mkdirSync(path.join(root, 'node_modules/.bin'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules/.bin/devslot'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} "$@"\n`, { mode: 0o755 });
  for (const [f, t] of Object.entries(files)) fs.writeFileSync(path.join(root, f), t);
  return root;
}

const env = cleanEnv();
/** devslot names the one word it could not read: `"a b"` arriving as one word, not two. */
const ARRIVED = /devslot: unknown action "a b";/;

const runners = [
  { runner: 'just', ok: requireTool(hasJust, 'just'), file: 'justfile', call: ['just', 'dev', '2', 'a b', '--json'] },
  { runner: 'npm', ok: works('npm', ['--version']), file: 'package.json', call: ['npm', 'run', '-s', 'dev', '--', '2', 'a b', '--json'] },
  { runner: 'make', ok: requireTool(works('make', ['--version']), 'make'), file: 'Makefile', call: ['make', '-s', 'dev', 'SLOT=2', 'ARGS="a b" --json'] },
] as const;

describe('integrate with the real runners', () => {
  for (const r of runners) {
    it.skipIf(!r.ok)(`${r.runner}: write twice byte-identical, words arrive unsplit`, async () => {
      const root = project({ 'package.json': '{\n  "name": "p",\n  "scripts": {\n    "build": "tsc"\n  }\n}\n' });
      const w1 = await runCli(['integrate', r.runner, '--write'], { cwd: root, env });
      expect(w1.code, w1.stderr).toBe(0);
      const first = fs.readFileSync(path.join(root, r.file));
      const w2 = await runCli(['integrate', r.runner, '--write'], { cwd: root, env });
      expect(w2.code, w2.stderr).toBe(0);
      expect(w2.stdout).toMatch(/already integrated, unchanged/);
      expect(fs.readFileSync(path.join(root, r.file)).equals(first)).toBe(true);
      const called = await run(r.call[0], r.call.slice(1), { cwd: root, env, timeoutMs: 60_000 });
      expect(called.stderr).toMatch(ARRIVED);
    }, 60_000);
  }

  it.skipIf(!hasJust)('an existing justfile keeps every byte outside the block, also when an old block is replaced', async () => {
    const head = '# mine\r\nset shell := ["bash", "-c"]\n\nbuild:\n    echo "héllo"   \n\n';
    const tail = '\n\n# after\ntest:\n\techo t\n';
    const stale = '# >>> devslot: written by `devslot integrate just`; a second run replaces only this block >>>\nold stuff\n# <<< devslot <<<';
    const root = project({ justfile: head + stale + tail });
    const w = await runCli(['integrate', 'just', '--write'], { cwd: root, env });
    expect(w.code, w.stderr).toBe(0);
    const text = fs.readFileSync(path.join(root, 'justfile'), 'utf8');
    expect(text.startsWith(head)).toBe(true);
    expect(text.endsWith(tail)).toBe(true);
    expect(text).not.toContain('old stuff');
    expect(text).toContain('dev *args:');
  });

  it('refuses to replace a dev entry the user wrote, and leaves the file alone', async () => {
    const mine = 'dev:\n    echo mine\n';
    const root = project({ justfile: mine, Makefile: 'dev:\n\techo mine\n' });
    for (const [runner, file] of [['just', 'justfile'], ['make', 'Makefile']]) {
      const before = fs.readFileSync(path.join(root, file!), 'utf8');
      const r = await runCli(['integrate', runner!, '--write'], { cwd: root, env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/already has a dev recipe; rename or remove it/);
      expect(fs.readFileSync(path.join(root, file!), 'utf8')).toBe(before);
    }
  });

  it('without --write it prints and writes nothing', async () => {
    const root = project({});
    const r = await runCli(['integrate', 'just'], { cwd: root, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dev *args:');
    expect(fs.existsSync(path.join(root, 'justfile'))).toBe(false);
  });
});
