import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotTree } from '../../scripts/adapters/fs.js';
import { devslot, tempProject } from '../helpers/project.js';
import { hasCompose, requireTool } from '../helpers/tools.js';

const files = {
  'devslot.yaml': `name: shop
compose:
  files: [compose.yml]
  profiles: [extra]
ports:
  api: 3211
env:
  api:
    set:
      API_SECRET: hunter2
      DB: "postgres://u:pw@localhost:{{ports.db}}/shop"
    apps: [api]
`,
  'compose.yml': `services:
  db:
    image: postgres:16
    ports: ["5432:5432"]
`,
  'pm2.config.cts': `export default ({ slot }: { slot: number }) => ({ apps: [{ name: 'api', script: 'api.js', env: { FROM_FN: String(slot) } }] });\n`,
};

describe.skipIf(!requireTool(hasCompose, 'docker compose'))('--dry-run prints the exact operations and changes nothing', () => {
  let p: ReturnType<typeof tempProject>;
  beforeAll(() => {
    p = tempProject(files);
  });
  afterAll(() => p.remove());

  it('start', async () => {
    const r = await devslot(p.root, ['3', 'start', '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('# start slot 3 (dry run: nothing is changed)');
    expect(lines[1]).toBe('write .instances/{instance-3/docker-compose.override.yml,instance-3/compose.env,instance-3/api.env,instance-3/slot.json,.config.json,instance-3/.plan.json}');
    expect(lines[2]).toBe(
      'docker compose -p shop-dev-3 --env-file .instances/instance-3/compose.env -f compose.yml -f .instances/instance-3/docker-compose.override.yml --profile extra up --detach --remove-orphans',
    );
    expect(lines[3]).toMatch(/^pm2 start-or-reload api-3 --namespace shop-dev-3 /);
    expect(lines[3]).toContain('"FROM_FN":"3"');
    expect(lines[3]).toContain('"DB":"postgres://u:********@localhost:5732/shop"');
    expect(lines[3]).toContain('"API_SECRET":"********"');
    expect(r.stdout).not.toContain('hunter2');
    expect(fs.existsSync(path.join(p.root, '.instances'))).toBe(false);
  });

  it('stop and clean, for one slot and as JSON', async () => {
    const stop = await devslot(p.root, ['stop', '1', '--dry-run']);
    expect(stop.stdout.trim().split('\n').slice(1)).toEqual([
      'pm2 delete api-1 (namespace shop-dev-1; by pm_id, if it runs)',
      'docker compose -p shop-dev-1 down --remove-orphans',
    ]);
    const clean = await devslot(p.root, ['clean', '1', '--dry-run', '--json']);
    const ops = JSON.parse(clean.stdout)[0].operations;
    expect(ops.map((o: { kind: string }) => o.kind)).toEqual(['pm2-delete', 'compose', 'remove-dir']);
    expect(ops[1].argv).toEqual(['docker', 'compose', '-p', 'shop-dev-1', 'down', '--remove-orphans', '--volumes']);
  });

  it('with all, covers every initialized slot', async () => {
    await devslot(p.root, ['0', 'init']);
    await devslot(p.root, ['2', 'init']);
    const before = snapshotTree(path.join(p.root, '.instances'));
    const r = await devslot(p.root, ['stop', 'all', '--dry-run']);
    expect(r.stdout.match(/^# stop slot \d+/gm)).toEqual(['# stop slot 0', '# stop slot 2']);
    expect(snapshotTree(path.join(p.root, '.instances'))).toEqual(before);
  });

  it('reveals secrets only with --show-secrets', async () => {
    const r = await devslot(p.root, ['3', 'start', '--dry-run', '--show-secrets']);
    expect(r.stdout).toContain('"API_SECRET":"hunter2"');
  });
});
