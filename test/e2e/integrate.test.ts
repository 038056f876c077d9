/**
 * `devslot integrate RUNNER --write` with the real runners (just, npm, make, mise; Task when a go-task
 * binary is on PATH): `… dev 2 "a b" --json` reaches devslot as exactly those words, and so do words
 * a shell or the runner could mangle (`$(id)`, `*`, quotes, the empty word); a second run leaves the
 * file byte-identical; an existing file keeps every byte outside devslot's block; an entry the user
 * wrote is refused, not replaced. Task cannot be installed where CI runs (no registry it reaches ships
 * the binary: npm's @go-task/cli downloads it from GitHub at install time), so its test skips there;
 * its Taskfile is still parsed as YAML here. Turborepo's passThroughEnv entry, as devslot prints it,
 * is put in a turbo.json and run with the real turbo in strict env mode.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, cliPath, run, runCli } from '../helpers/cli.js';
import YAML from 'yaml';
import { hasJust, hasTask, requireTool, works } from '../helpers/tools.js';

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

/** mise's own state and caches go to a temp dir, never to ~ (mise writes there on every call). */
const miseHome = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-s5i-mise-'));
temps.push(miseHome);
const env = cleanEnv({ MISE_DATA_DIR: `${miseHome}/data`, MISE_STATE_DIR: `${miseHome}/state`, MISE_CACHE_DIR: `${miseHome}/cache`, MISE_CONFIG_DIR: `${miseHome}/config` });
const hasMise = works('mise', ['--version'], env);
/** devslot names the one word it could not read: `"a b"` arriving as one word, not two. */
const ARRIVED = /devslot: unknown action "a b";/;

/** make's ARGS is split by devslot as a shell would: each word single-quoted survives whole. */
const makeArgs = (words: readonly string[]) => words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');

/** How each runner is called with devslot's words (the first one being the slot). */
const runners = [
  { runner: 'just', ok: requireTool(hasJust, 'just'), file: 'justfile', call: (w: readonly string[]) => ['just', 'dev', ...w] },
  { runner: 'npm', ok: works('npm', ['--version']), file: 'package.json', call: (w: readonly string[]) => ['npm', 'run', '-s', 'dev', '--', ...w] },
  { runner: 'make', ok: requireTool(works('make', ['--version']), 'make'), file: 'Makefile', call: (w: readonly string[]) => ['make', '-s', 'dev', `SLOT=${w[0]}`, `ARGS=${makeArgs(w.slice(1))}`] },
  { runner: 'mise', ok: requireTool(hasMise, 'mise'), file: 'mise.toml', call: (w: readonly string[]) => ['mise', 'run', 'dev', ...w] },
  { runner: 'task', ok: hasTask, file: 'Taskfile.yml', call: (w: readonly string[]) => ['task', 'dev', '--', ...w] },
] as const;

/** Words a shell, a glob or a runner's own quoting would change; devslot names each one back. */
const HOSTILE = ['$(id)', '*', "'", '"', '', ' ', '\\', '`id`', '$HOME', '~', "it's \"x\""];
/** What devslot says when `2 WORD --json` reaches it with WORD intact. */
const named = (w: string) => (w === '' ? 'devslot: slot "" is not a slot' : `devslot: unknown action ${JSON.stringify(w)}`);

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
      const [cmd, ...args] = r.call(['2', 'a b', '--json']);
      const called = await run(cmd!, args, { cwd: root, env, timeoutMs: 60_000 });
      expect(called.stderr).toMatch(ARRIVED);
    }, 60_000);

    it.skipIf(!r.ok)(`${r.runner}: hostile words arrive as typed, and --json as devslot's option`, async () => {
      const root = project({ 'package.json': '{\n  "name": "p"\n}\n', 'a-file-a-glob-would-find': '' });
      expect((await runCli(['integrate', r.runner, '--write'], { cwd: root, env })).code).toBe(0);
      for (const w of HOSTILE) {
        const [cmd, ...args] = r.call(['2', w, '--json']);
        const called = await run(cmd!, args, { cwd: root, env, timeoutMs: 60_000 });
        expect(called.stderr, `${r.runner} with ${JSON.stringify(w)}`).toContain(named(w));
      }
      // No devslot.yaml here: with --json intact, the error comes back as JSON on stdout.
      const [cmd, ...args] = r.call(['2', 'status', '--json']);
      const status = await run(cmd!, args, { cwd: root, env, timeoutMs: 60_000 });
      expect(JSON.parse(status.stdout.trim())).toMatchObject({ error: { kind: 'config', exitCode: 1 } });
    }, 120_000);
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

  it.skipIf(!hasMise)('an existing mise.toml keeps every byte outside the block, and mise still reads all of it', async () => {
    const head = '# mine\r\n[env]\nGREETING = "héllo"   \n\n[tasks.build]\nrun = "echo built $GREETING"\n\n';
    const tail = '\n\n[tasks.after]\nrun = "echo after"\n';
    const stale = '# >>> devslot: written by `devslot integrate mise`; a second run replaces only this block >>>\n[tasks.dev]\nrun = "old stuff"\n# <<< devslot <<<';
    const root = project({ 'mise.toml': head + stale + tail });
    const w = await runCli(['integrate', 'mise', '--write'], { cwd: root, env });
    expect(w.code, w.stderr).toBe(0);
    const text = fs.readFileSync(path.join(root, 'mise.toml'), 'utf8');
    expect(text.startsWith(head)).toBe(true);
    expect(text.endsWith(tail)).toBe(true);
    expect(text).not.toContain('old stuff');
    const build = await run('mise', ['run', 'build'], { cwd: root, env, timeoutMs: 60_000 });
    expect(build.stdout).toContain('built héllo');
    const dev = await run('mise', ['run', 'dev', '2', 'a b', '--json'], { cwd: root, env, timeoutMs: 60_000 });
    expect(dev.stderr).toMatch(ARRIVED);
    // quiet = true: mise does not echo the command line with the words before devslot runs.
    expect(dev.stderr).not.toContain('[dev] $');
  }, 60_000);

  it.skipIf(!hasMise)('mise keeps a first -- for itself; a leading -- passes the second one on', async () => {
    const root = project({});
    expect((await runCli(['integrate', 'mise', '--write'], { cwd: root, env })).code).toBe(0);
    // devslot names an option it does not know: `--bogus` after `--` would be the command's, not devslot's.
    const eaten = await run('mise', ['run', 'dev', '2', 'exec', '--', '--bogus'], { cwd: root, env, timeoutMs: 60_000 });
    expect(eaten.stderr).toContain('unknown option --bogus');
    const kept = await run('mise', ['run', 'dev', '--', '2', 'exec', '--', '--bogus'], { cwd: root, env, timeoutMs: 60_000 });
    expect(kept.stderr).not.toContain('unknown option --bogus');
  }, 60_000);

  it('an existing Makefile and Taskfile keep every byte outside the block; the Taskfile is still YAML with the dev task', async () => {
    const makeHead = '# mine\nCC := gcc\n\nbuild:\n\techo "héllo"   \n\n';
    const makeTail = '\n\ntest:\n\techo t\n';
    const taskHead = "version: '3'\n\nvars:\n  X: y\n\ntasks:\n";
    const taskTail = '\n  build:\n    cmds:\n      - echo "héllo"   \n';
    const staleMake = '# >>> devslot: written by `devslot integrate make`; a second run replaces only this block >>>\nold stuff\n# <<< devslot <<<';
    const staleTask = '  # >>> devslot: written by `devslot integrate task`; a second run replaces only this block >>>\n  old-stuff: {}\n  # <<< devslot <<<';
    const root = project({ Makefile: makeHead + staleMake + makeTail, 'Taskfile.yml': taskHead + staleTask + taskTail });
    for (const [runner, file, head, tail] of [['make', 'Makefile', makeHead, makeTail], ['task', 'Taskfile.yml', taskHead, taskTail]] as const) {
      const w = await runCli(['integrate', runner, '--write'], { cwd: root, env });
      expect(w.code, w.stderr).toBe(0);
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      expect(text.startsWith(head)).toBe(true);
      expect(text.endsWith(tail)).toBe(true);
      expect(text).not.toMatch(/old.stuff/);
    }
    const taskfile = YAML.parse(fs.readFileSync(path.join(root, 'Taskfile.yml'), 'utf8')) as { tasks: Record<string, { cmds: string[]; interactive?: boolean }> };
    expect(Object.keys(taskfile.tasks)).toEqual(['dev', 'build']);
    expect(taskfile.tasks.dev).toEqual({ cmds: ['DEVSLOT_RUNNER=task ./node_modules/.bin/devslot {{.CLI_ARGS}}'], interactive: true });
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

describe('Turborepo: the passThroughEnv entry devslot prints, in a real turbo run in strict env mode', () => {
  const hasTurbo = requireTool(works('turbo', ['--version'], { ...env, TURBO_TELEMETRY_DISABLED: '1' }), 'turbo');
  it.skipIf(!hasTurbo)('without it the app sees no DEVSLOT_*; with it, it does', async () => {
    const npmVersion = execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim();
    const root = project({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'], packageManager: `npm@${npmVersion}` }),
      'turbo.json': JSON.stringify({ tasks: { dev: { cache: false } } }),
    });
    fs.mkdirSync(path.join(root, 'apps/a'), { recursive: true });
    fs.writeFileSync(path.join(root, 'apps/a/package.json'), JSON.stringify({ name: 'a', scripts: { dev: `node -e "console.log('seen:' + process.env.DEVSLOT_SLOT + ':' + process.env.DEVSLOT_PORT_WEB)"` } }));
    const printed = await runCli(['integrate', 'npm'], { cwd: root, env });
    const written = await runCli(['integrate', 'npm', '--write'], { cwd: root, env });
    expect(written.code, written.stderr).toBe(0);
    const entry = /"passThroughEnv": \[[^\]]*\]/.exec(printed.stderr)?.[0];
    expect(entry, printed.stderr).toBeDefined();
    expect(written.stdout).toContain(entry);

    // What a slot's app started through turbo would get: devslot's variables in the environment.
    const slotEnv = { ...env, DEVSLOT_SLOT: '2', DEVSLOT_PORT_WEB: '3100', TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
    const turbo = () => run('turbo', ['run', 'dev', '--env-mode=strict', '--log-prefix=none'], { cwd: root, env: slotEnv, timeoutMs: 120_000 });
    const before = await turbo();
    expect(before.stdout, before.stderr).toContain('seen:undefined:undefined');
    fs.writeFileSync(path.join(root, 'turbo.json'), JSON.stringify({ tasks: { dev: { cache: false, ...JSON.parse(`{${entry}}`) } } }));
    const after = await turbo();
    expect(after.stdout, after.stderr).toContain('seen:2:3100');
  }, 240_000);
});
