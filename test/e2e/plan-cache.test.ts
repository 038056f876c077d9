import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const r = await devslot(p.root, ['2', 'ports'], { PATH: '/nonexistent' });
    expect(r.code, r.stderr).toBe(2); // the cache no longer holds, so it needs compose again
    expect(r.stderr).toMatch(/Docker Compose v2 was not found|could not run docker compose: ENOENT/);
  });

  it('is dropped when a local override appears', async () => {
    expect((await devslot(p.root, ['2', 'init'])).code).toBe(0);
    p.write('.instances/instance-2/api.local.env', 'URL=mine\n');
    expect((await envOf()).URL).toBe('mine');
  });
});
