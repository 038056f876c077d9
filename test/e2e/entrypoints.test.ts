import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot as repo } from '../helpers/cli.js';
import { hasCompose, hasJust, requireTool } from '../helpers/tools.js';

const just = 'just';
const built = fs.existsSync(cliPath);

/** Arguments that a shell would split, expand or execute if any entry point re-parsed them. */
const HOSTILE = `x"; touch ${path.join(os.tmpdir(), 'devslot-pwned')}; echo "$(id) \`id\` 'q' a b`;

describe.skipIf(!built || !requireTool(hasCompose, 'docker compose') || !requireTool(hasJust, 'just (npm i -g rust-just; .ci/setup installs it)'))('entry points pass arguments through unchanged', () => {
  it.each([
    ['just dev', just, ['dev']],
    ['npm run dev --', 'npm', ['run', '--silent', 'dev', '--']],
    ['the bin', process.execPath, [cliPath]],
  ])('%s', (_name, cmd, prefix) => {
    const marker = path.join(os.tmpdir(), 'devslot-pwned');
    fs.rmSync(marker, { force: true });
    const r = spawnSync(cmd as string, [...(prefix as string[]), '2', 'env', '--app', HOSTILE], { cwd: repo, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`devslot: no PM2 app ${JSON.stringify(HOSTILE)}`);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('devslot:') || l.startsWith('error:'))).toHaveLength(1);
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('just dev forwards output and the exit code', () => {
    const out = execFileSync(just, ['dev', '--version'], { cwd: repo, encoding: 'utf8' });
    expect(out.trim()).toBe(JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).version);
    expect(spawnSync(just, ['dev', 'nonsense'], { cwd: repo }).status).toBe(1);
  });
});

describe.skipIf(!built)('`ports` output in a real shell', () => {
  it('evals to the slot ports, and cannot replace PATH, HOME or a read-only variable', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-eval-'));
    try {
      fs.writeFileSync(path.join(dir, 'devslot.yaml'), 'name: evalme\nports:\n  web: 45003\n  path: 45000\n  home: 45001\n  uid: 45004\n');
      const script = `eval "$("${process.execPath}" "${cliPath}" 1 ports)" && printf '%s|%s|%s|%s|%s\\n' "$WEB" "$DEVSLOT_PORT_PATH" "$DEVSLOT_PORT_UID" "$PATH" "$HOME"`;
      const r = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: '/usr/bin:/bin', HOME: '/root-home' } });
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('45103|45100|45104|/usr/bin:/bin|/root-home');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
