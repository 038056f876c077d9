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

describe.skipIf(!requireTool(hasCompose, 'docker compose'))('--dry-run prints the exact operations and changes nothing', { timeout: 60_000 }, () => {
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
    expect(lines.shift()).toBe('# start slot 3 (dry run: nothing is changed)');
    // The engine claim comes first: one checkout at a time holds a slot (issue 11).
    expect(lines.shift()).toMatch(/^claim shop-dev-3 on the Docker engine for .* \(volume shop-dev-3-devslot-claim\) {2}# one checkout at a time holds a slot/);
    lines.unshift('# start slot 3 (dry run: nothing is changed)');
    expect(lines[1]).toBe('check ports free: api=3511, db=5732  # before anything is created, every port this slot does not hold must be free');
    expect(lines[2]).toBe('write .instances/{instance-3/docker-compose.override.yml,instance-3/compose.env,instance-3/api.env,instance-3/slot.json,.config.json,instance-3/.compose-model.json,instance-3/.plan.json}  # the slot files are regenerated from their templates on every start');
    expect(lines[3]).toBe(
      'docker compose -p shop-dev-3 --env-file .instances/instance-3/compose.env -f compose.yml -f .instances/instance-3/docker-compose.override.yml --profile extra up --detach --remove-orphans  # no container of shop-dev-3 exists yet',
    );
    expect(lines[4]).toBe('wait until up: db (compose project shop-dev-3)  # start means up: every service running, healthy where it has a healthcheck');
    expect(lines[5]).toMatch(/^pm2 start api-3 --namespace shop-dev-3 merge_logs=true script=api\.js .*log_date_format=YYYY-MM-DDTHH:mm:ss\.SSSZ {2}# api-3 is not running$/);
    // An app's environment shows as its keys; values only on request (--explain), masked.
    expect(lines[6]).toMatch(/^ {4}env FROM_FN DEVSLOT_SLOT .*\bAPI_SECRET\b.*\bDB\b.*DEVSLOT_FINGERPRINT$/);
    expect(r.stdout).not.toContain('hunter2');
    expect(lines[7]).toMatch(/^wait until up: api-3 {2}# start means up/);
    expect(lines[8]).toBe('record the plan as applied (.instances/instance-3/.applied)  # the next start compares against it to know there is nothing to do');
    const values = await devslot(p.root, ['3', 'start', '--dry-run', '--explain']);
    expect(values.stdout).toContain('    env FROM_FN="3"');
    expect(values.stdout).toContain('    env DB="postgres://u:********@localhost:5732/shop"');
    expect(values.stdout).toContain('    env API_SECRET="********"');
    expect(values.stdout).not.toContain('hunter2');
    expect(fs.existsSync(path.join(p.root, '.instances'))).toBe(false);
  });

  it('stop and clean of a slot that never ran: nothing to do, and JSON says so', async () => {
    const stop = await devslot(p.root, ['stop', '1', '--dry-run']);
    expect(stop.stdout.trim().split('\n')).toEqual(['# stop slot 1 (dry run: nothing is changed)', '# nothing to do: slot 1 is already as planned']);
    const clean = await devslot(p.root, ['clean', '1', '--dry-run', '--json']);
    expect(JSON.parse(clean.stdout)).toEqual([{ slot: 1, operations: [] }]);
    const start = JSON.parse((await devslot(p.root, ['1', 'start', '--dry-run', '--json'])).stdout);
    expect(start[0].operations.map((o: { kind: string }) => o.kind)).toEqual(['claim-slot', 'check-ports', 'write-files', 'compose-up', 'wait-containers', 'pm2-start', 'wait-apps', 'record-applied']);
    expect(start[0].operations[5].options.env.API_SECRET).toBe('********');
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
    const r = await devslot(p.root, ['3', 'start', '--dry-run', '--explain', '--show-secrets']);
    expect(r.stdout).toContain('    env API_SECRET="hunter2"');
  });
});
