import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { devslot, tempProject } from '../helpers/project.js';
import { hasCompose, requireTool } from '../helpers/tools.js';

/** `ports`, `info` and `env` answer from the saved plan only while every input is unchanged. */
describe.skipIf(!requireTool(hasCompose, 'docker compose'))('the saved plan', () => {
  let p: ReturnType<typeof tempProject>;
  beforeAll(async () => {
    p = tempProject({
      'devslot.yaml': 'name: cache\ncompose:\n  files: [compose.yml]\nenv:\n  api:\n    from: api.env\n',
      'compose.yml': 'include:\n  - extra.yml\nservices:\n  web:\n    image: busybox:1.35\n    ports: ["${WEB_PORT:-8080}:80"]\n',
      'extra.yml': 'services:\n  cache:\n    image: redis:7\n    ports: ["6379:6379"]\n',
      'api.env': 'URL=http://localhost:8080\n',
    });
    expect((await devslot(p.root, ['2', 'init'])).code).toBe(0);
  });
  afterAll(() => p.remove());
  const ports = async (env: Record<string, string> = {}) => JSON.parse((await devslot(p.root, ['2', 'ports', '--json'], env)).stdout) as Record<string, number>;
  const envOf = async () => JSON.parse((await devslot(p.root, ['2', 'env', '--json'])).stdout)[0].env as Record<string, string>;

  it('is used when nothing changed (the compose CLI is not even needed)', async () => {
    expect(await ports({ PATH: '/nonexistent' })).toMatchObject({ web: 8280, cache: 6579 });
  });

  it('is dropped when a variable the compose files interpolate changes', async () => {
    expect(await ports({ WEB_PORT: '9000' })).toMatchObject({ web: 9200 });
    expect(await ports()).toMatchObject({ web: 8280 });
  });

  it('is dropped when an included compose file changes', async () => {
    p.write('extra.yml', 'services:\n  cache:\n    image: redis:7\n    ports: ["6380:6379"]\n');
    expect(await ports()).toMatchObject({ cache: 6580 });
  });

  it('is dropped when a template changes, or a generated file was edited by hand', async () => {
    p.write('api.env', 'URL=http://localhost:8080\nNEW=1\n');
    expect(await envOf()).toMatchObject({ NEW: '1' });
    expect((await devslot(p.root, ['2', 'init'])).code).toBe(0);
    fs.appendFileSync(path.join(p.root, '.instances/instance-2/api.env'), 'HAND=edited\n');
    // Planning afresh would take the saved compose model: without it, only the saved plan could
    // answer without compose.
    for (const d of fs.readdirSync(path.join(p.root, '.instances')).filter((n) => n.startsWith('instance-'))) fs.rmSync(path.join(p.root, '.instances', d, '.compose-model.json'), { force: true });
    const r = await devslot(p.root, ['2', 'ports'], { PATH: '/nonexistent' });
    expect(r.code, r.stderr).toBe(2); // the saved plan no longer holds, so it needs compose again
    expect(r.stderr).toMatch(/Docker Compose v2 was not found|could not run docker compose: ENOENT/);
  });

  it('is dropped when a local override appears', async () => {
    expect((await devslot(p.root, ['2', 'init'])).code).toBe(0);
    p.write('.instances/instance-2/api.local.env', 'URL=mine\n');
    expect((await envOf()).URL).toBe('mine');
  });
  it('is dropped when a COMPOSE_-named variable the compose files interpolate changes', async () => {
    p.write('compose.yml', 'include:\n  - extra.yml\nservices:\n  web:\n    image: busybox:1.35\n    ports: ["${COMPOSE_WEB_PORT:-8080}:80"]\n');
    expect((await devslot(p.root, ['2', 'init'])).code).toBe(0);
    expect(await ports({ COMPOSE_WEB_PORT: '9050' })).toMatchObject({ web: 9250 });
  });

  it('belongs to the config it came from: --config other.yaml is another plan', async () => {
    p.write('other.yaml', 'name: other\nports:\n  side: 45000\n');
    expect((await devslot(p.root, ['2', 'init', '--config', 'other.yaml'])).code).toBe(0);
    expect(await ports()).toMatchObject({ web: 8280 });
    expect(await ports()).not.toHaveProperty('side');
    const other = JSON.parse((await devslot(p.root, ['2', 'ports', '--json', '--config', 'other.yaml'])).stdout);
    expect(other).toEqual({ side: 45200 });
  });

  it('is dropped when a file the PM2 config imports, or a variable it reads, changes', async () => {
    p.write('devslot.yaml', 'name: cache\ncompose:\n  files: [compose.yml]\nenv:\n  api:\n    from: api.env\n    apps: [api]\n');
    p.write('pm2.config.cts', "import { extra } from './pm2-extra.cts';\nconst apps = require('./apps.json');\nexport default { apps: [{ name: 'api', script: apps.script, env: { MODE: process.env.MYMODE ?? 'dev', ...extra } }] };\n");
    p.write('pm2-extra.cts', "export const extra = { EXTRA: 'a' };\n");
    p.write('apps.json', '{ "script": "a.js" }\n');
    expect((await devslot(p.root, ['2', 'init'])).code).toBe(0);
    const appEnv = async (env: Record<string, string> = {}) => JSON.parse((await devslot(p.root, ['2', 'env', '--app', 'api', '--json'], env)).stdout)[0].env as Record<string, string>;
    expect(await appEnv()).toMatchObject({ MODE: 'dev', EXTRA: 'a' });
    p.write('pm2-extra.cts', "export const extra = { EXTRA: 'b' };\n");
    expect(await appEnv()).toMatchObject({ EXTRA: 'b' });
    // The PM2 config reads the real process environment, so this one runs the CLI as a process.
    const prod = await runCli(['2', 'env', '--app', 'api', '--json'], { cwd: p.root, env: cleanEnv({ MYMODE: 'prod' }) });
    expect(JSON.parse(prod.stdout)[0].env).toMatchObject({ MODE: 'prod' });
    const script = async () => {
      const ops = JSON.parse((await runCli(['2', 'start', '--dry-run', '--json'], { cwd: p.root, env: cleanEnv() })).stdout)[0].operations as { kind: string; options?: { script?: string } }[];
      return ops.find((o) => o.kind === 'pm2-start')?.options?.script;
    };
    expect(await script()).toMatch(/a\.js$/);
    p.write('apps.json', '{ "script": "b.js" }\n');
    expect(await script()).toMatch(/b\.js$/);
  });
});
