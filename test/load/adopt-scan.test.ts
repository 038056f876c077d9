/** adopt's reading and deciding over real temp trees: what each kind of repository yields. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanRepo, validateDraft } from '../../scripts/load/adopt-scan.js';
import { draftConfig, portIn, renderConfig } from '../../scripts/plan/adopt.js';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => fs.rmSync(t, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-adopt-scan-'));
  temps.push(root);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const svc = 'services:\n  redis:\n    image: redis:7\n    ports: ["${REDIS_PORT:-6379}:6379"]\n';

describe('adopt: scan and draft', () => {
  it('COMPOSE_FILE in .env wins over the default names, in its order', () => {
    const root = tree({ 'compose.yaml': svc, 'a.yml': svc, 'b/c.yml': svc, '.env': 'COMPOSE_FILE="a.yml:b/c.yml"\n' });
    const d = draftConfig(scanRepo(root, {}));
    expect(d.composeFiles).toEqual(['a.yml', 'b/c.yml']);
    expect(d.found[0]).toMatch(/COMPOSE_FILE \(\.env\)/);
  });

  it('docker/ holds the compose file; a template beside it becomes compose.envFiles when there is no .env', () => {
    const root = tree({ 'docker/docker-compose.yml': svc, 'docker/docker-compose.override.yml': 'services: {}\n', 'docker/.env.example': 'REDIS_PORT=6379\n' });
    const d = draftConfig(scanRepo(root, {}));
    expect(d.composeFiles).toEqual(['docker/docker-compose.yml', 'docker/docker-compose.override.yml']);
    expect(d.composeEnvFiles).toEqual(['docker/.env.example']);
    expect(d.undecided.join('\n')).toMatch(/template docker\/\.env\.example/);
  });

  it('a file another one includes or extends is not top-level; the dev-looking one is chosen, the rest named', () => {
    const root = tree({
      'docker-compose.base.yml': svc,
      'docker-compose.dev.yml': 'services:\n  web:\n    extends:\n      file: docker-compose.base.yml\n      service: redis\n',
      'docker-compose.prod.yml': svc,
    });
    const d = draftConfig(scanRepo(root, {}));
    expect(d.composeFiles).toEqual(['docker-compose.dev.yml']);
    expect(d.undecided.join('\n')).toMatch(/also found docker-compose\.prod\.yml/);
    expect(d.undecided.join('\n')).not.toMatch(/docker-compose\.base\.yml/);
  });

  it('app folders: env templates (.env first), dev-script ports, PM2 ecosystem files; what it cannot decide is said', async () => {
    const root = tree({
      'package.json': '{"name":"mono","scripts":{"dev":"turbo dev"}}',
      'apps/api/package.json': '{"scripts":{"dev":"PORT=3211 node server.js"}}',
      'apps/api/.env.example': 'PORT=3211\n',
      'apps/web/package.json': '{"scripts":{"dev":"vite"}}',
      'apps/web/.env.sample': 'X=1\n',
      'ecosystem.config.cjs': 'module.exports = { apps: [] };\n',
      'ecosystem.config.prod.cjs': 'module.exports = { apps: [] };\n',
    });
    const facts = scanRepo(root, {});
    const d = draftConfig(facts);
    expect(d.env.api!.from).toEqual(['apps/api/.env', 'apps/api/.env.example']);
    expect(d.env.web!.from).toEqual(['apps/web/.env', 'apps/web/.env.sample']);
    expect(d.ports.api!.port).toBe(3211);
    expect(d.pm2!.config).toBe('ecosystem.config.cjs');
    const undecided = d.undecided.join('\n');
    expect(undecided).toMatch(/apps\/web\/package\.json script `dev` \(vite\) names no port.*vite's default is 5173/);
    expect(undecided).toMatch(/also found ecosystem\.config\.prod\.cjs/);
    const text = renderConfig(d, { schema: './node_modules/devslot/scripts/config/devslot.schema.json' });
    const config = await validateDraft(text, root);
    expect(config.ports).toEqual({ api: 3211 });
    expect(config.pm2.config).toBe(path.join(root, 'ecosystem.config.cjs'));
    expect(config.env.api!.from).toEqual([path.join(root, 'apps/api/.env'), path.join(root, 'apps/api/.env.example')]);
  });

  it('ports in dev commands', () => {
    expect(portIn('vite --port 5174')).toBe(5174);
    expect(portIn('next dev -p 3001')).toBe(3001);
    expect(portIn('PORT=4000 node x')).toBe(4000);
    expect(portIn('node --inspect server.js')).toBeUndefined();
    expect(portIn('x --port=99999')).toBeUndefined();
  });
});
