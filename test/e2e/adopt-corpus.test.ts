/**
 * `devslot adopt` over every project of the real-world corpus (issue 17): in a temp copy with no
 * devslot.yaml, adopt writes one that `devslot 0 init` and `devslot 3 init` accept unedited, or it
 * stops with exit 1 naming a collision that really is in the compose model; a second run changes
 * nothing; an existing devslot.yaml is never touched. Needs the compose CLI, not the engine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { checkRefusal, composeConfig, corpusDir, INVOCATIONS, snapshot } from '../helpers/corpus.js';
import { hasCompose, inCI } from '../helpers/tools.js';

const corpusPresent = fs.existsSync(path.join(corpusDir, 'compose'));
const missing = !corpusPresent ? `corpus not found at ${corpusDir}` : !hasCompose ? '`docker compose` is not available' : undefined;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

/** A writable copy of corpus/compose/<dir> as `<tmp>/h17-adopt-<n>/`, with no devslot.yaml. */
function copy(dir: string, n: number): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-adopt-'));
  temps.push(tmp);
  const root = path.join(tmp, `h17-adopt-${n}`);
  fs.cpSync(path.join(corpusDir, 'compose', dir), root, { recursive: true });
  const writable = (p: string) => {
    const st = fs.statSync(p);
    fs.chmodSync(p, st.mode | 0o200 | (st.isDirectory() ? 0o100 : 0));
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) writable(path.join(p, e));
  };
  writable(root);
  return root;
}

if (missing) {
  describe('adopt over the corpus', () => {
    if (inCI) it('has its prerequisites', () => { throw new Error(`${missing}; this test cannot be skipped when CI=true`); });
    else it.skip(`skipped: ${missing} (this fails instead when CI=true)`, () => {});
  });
}

// One project per corpus folder, with the environment INVOCATIONS gives its first invocation.
const projects = [...new Map(INVOCATIONS.map((i) => [i.dir, i])).values()];

describe.skipIf(missing !== undefined)('adopt over the corpus', () => {
  projects.forEach((inv, n) => {
    it(inv.dir, async () => {
      const root = copy(inv.dir, n);
      const env = cleanEnv(inv.env);
      const before = snapshot(root);
      const r = await runCli(['adopt'], { cwd: root, env, timeoutMs: 120_000 });
      const file = path.join(root, 'devslot.yaml');
      if (r.code !== 0) {
        // Stopped: exit 1, one line, a real collision (or other refusal) of the base model, nothing written.
        expect(r.code, r.stderr).toBe(1);
        expect(fs.existsSync(file)).toBe(false);
        expect(snapshot(root)).toEqual(before);
        const line = r.stderr.trim();
        expect(line.split('\n')).toHaveLength(1);
        const model = await composeConfig({ project: `h17-adopt-${n}`, files: [], envFiles: [], profiles: [] }, root, env);
        expect(model.ok).toBe(true);
        if (!model.ok) return;
        const subnet = /network (\S+) has a fixed subnet/.exec(line);
        if (subnet) {
          // No stride fixes a fixed subnet; the network really has one.
          const nets = Object.values(model.model.networks ?? {}).filter((n) => n?.name === subnet[1] || JSON.stringify(n).includes(subnet[1]!));
          expect(JSON.stringify(nets)).toMatch(/subnet/);
          return;
        }
        expect(line).toMatch(/stride/);
        const verdict = checkRefusal(line, model.model, { stride: 100, slots: 10, isRoot });
        expect(verdict.real, verdict.why).toBe(true);
        return;
      }
      expect(r.stdout).toMatch(/^wrote devslot\.yaml/);
      const text = fs.readFileSync(file, 'utf8');
      expect(text).toMatch(/^# yaml-language-server: \$schema=\.\/node_modules\/devslot\/scripts\/config\/devslot\.schema\.json$/m);
      for (const slot of ['0', '3']) {
        const init = await runCli([slot, 'init'], { cwd: root, env, timeoutMs: 120_000 });
        expect(init.code, `devslot ${slot} init: ${init.stderr}`).toBe(0);
      }
      // Twice: nothing changes, and it says the file is left as it is.
      const mid = snapshot(root);
      const again = await runCli(['adopt'], { cwd: root, env, timeoutMs: 120_000 });
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(/already exists.*left as it is/);
      expect(snapshot(root)).toEqual(mid);
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
    }, 300_000);
  });

  it('never touches an existing devslot.yaml, even with --dry-run', async () => {
    const root = copy(projects[0]!.dir, 99);
    const mine = '# mine\nname: mine\n';
    fs.writeFileSync(path.join(root, 'devslot.yaml'), mine, { mode: 0o600 });
    const before = snapshot(root);
    for (const args of [['adopt'], ['adopt', '--dry-run'], ['adopt', '--json']]) {
      const r = await runCli(args, { cwd: root, env: cleanEnv(), timeoutMs: 60_000 });
      expect(r.code).toBe(0);
      expect(snapshot(root)).toEqual(before);
    }
    expect(fs.readFileSync(path.join(root, 'devslot.yaml'), 'utf8')).toBe(mine);
  });

  it('--dry-run prints the file and writes nothing', async () => {
    const inv = INVOCATIONS.find((i) => i.dir === 'deviantony__docker-elk')!;
    const root = copy(inv.dir, 98);
    const before = snapshot(root);
    const r = await runCli(['adopt', '--dry-run'], { cwd: root, env: cleanEnv(inv.env), timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^create devslot\.yaml .*# adopt:/);
    expect(r.stdout).toContain('--- devslot.yaml\n# Written by `devslot adopt`');
    // 9200 and 9300 meet at stride 100 (elasticsearch in slot 1 = slot 0's transport port): the stride that fixes it is written.
    expect(r.stdout).toMatch(/stride 100 would collide: .*elasticsearch.*9300/);
    expect(r.stdout).toMatch(/^stride: (?!100\b)\d+/m);
    expect(snapshot(root)).toEqual(before);
  });
});
