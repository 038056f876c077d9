/**
 * The install story (issue 17): `npm pack` → install the tarball into a fresh project → the bin
 * answers, `adopt` writes a modeline whose schema path resolves there, and a pm2.config.cts typed
 * with the exported Pm2Config typechecks (and a wrong one does not). Needs npm and its cache or
 * registry for devslot's dependencies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, repoRoot, run } from '../helpers/cli.js';
import { hasCompose, requireTool, works } from '../helpers/tools.js';

const ready = requireTool(works('npm', ['--version']), 'npm') && hasCompose;
let tmp = '';
let proj = '';
const env = cleanEnv();

beforeAll(async () => {
  if (!ready) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-h17-install-'));
  proj = path.join(tmp, 'proj');
  fs.mkdirSync(proj);
  const pack = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp], { cwd: repoRoot, env, timeoutMs: 120_000 });
  expect(pack.code, pack.stderr).toBe(0);
  const tgz = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'))!;
  fs.writeFileSync(path.join(proj, 'package.json'), '{"name":"h17-install","private":true}\n');
  const tsVersion = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/typescript/package.json'), 'utf8')).version as string;
  const inst = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(tmp, tgz), `typescript@${tsVersion}`], { cwd: proj, env, timeoutMs: 300_000 });
  expect(inst.code, inst.stderr).toBe(0);
}, 400_000);
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!ready)('installed from a packed tarball', () => {
  it('npx devslot --version', async () => {
    const r = await run('npx', ['--no-install', 'devslot', '--version'], { cwd: proj, env, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
  });

  it('adopt writes a $schema modeline that resolves in the installed package', async () => {
    fs.writeFileSync(path.join(proj, 'compose.yaml'), 'services:\n  web:\n    image: busybox:1.35\n    ports: ["32500:80"]\n');
    const r = await run('npx', ['--no-install', 'devslot', 'adopt'], { cwd: proj, env, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const m = /^# yaml-language-server: \$schema=(\S+)$/m.exec(fs.readFileSync(path.join(proj, 'devslot.yaml'), 'utf8'));
    expect(m).not.toBeNull();
    const schema = JSON.parse(fs.readFileSync(path.resolve(proj, m![1]!), 'utf8')) as { title: string };
    expect(schema.title).toBe('devslot.yaml');
  }, 120_000);

  it('a pm2.config.cts using the exported Pm2Config typechecks; a wrong one does not', async () => {
    fs.writeFileSync(path.join(proj, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['pm2.config.cts'] }));
    fs.writeFileSync(path.join(proj, 'pm2.config.cts'), "import type { Pm2Config } from 'devslot';\nconst config: Pm2Config = ({ slot, ports }) => ({ apps: [{ name: 'api', script: 'api.js', env: { PORT: String(ports.web), SLOT: String(slot) } }] });\nexport default config;\n");
    const ok = await run('npx', ['--no-install', 'tsc', '-p', '.'], { cwd: proj, env, timeoutMs: 120_000 });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    fs.writeFileSync(path.join(proj, 'pm2.config.cts'), "import type { Pm2Config } from 'devslot';\nconst config: Pm2Config = (s) => ({ apps: s.nope });\nexport default config;\n");
    const bad = await run('npx', ['--no-install', 'tsc', '-p', '.'], { cwd: proj, env, timeoutMs: 120_000 });
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/nope/);
  }, 120_000);
});
