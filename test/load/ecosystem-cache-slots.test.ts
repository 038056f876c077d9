import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { writeInstance } from '../../scripts/adapters/fs.js';
import { loadConfig } from '../../scripts/config/load.js';
import { readPlanCache } from '../../scripts/load/plan-cache.js';
import { planFresh } from '../../scripts/load/plan-fresh.js';
import { devslotVersion } from '../../scripts/version.js';

/**
 * The saved PM2 export (.instances/.pm2-config.json) is one file for every slot of the checkout;
 * each slot's saved plan has its own key for what the export depends on. One slot writing the
 * shared file must not make another slot's saved plan stop holding.
 */
let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-eco-slots-'));
  fs.writeFileSync(path.join(root, 'devslot.yaml'), 'name: eco-slots\nslots: 4\n');
  fs.writeFileSync(path.join(root, 'pm2.config.cts'), "export default { apps: [{ name: 'api', script: 'api.js', env: { MODE: process.env.MODE ?? 'dev' } }] };\n");
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

it("a slot planned with another value of a variable the PM2 config reads leaves the other slot's saved plan standing", async () => {
  const config = await loadConfig(root);
  const init = async (slot: number, env: NodeJS.ProcessEnv) => {
    const plan = await planFresh(config, slot, { env, isRoot: false });
    writeInstance(root, plan.dir, plan.files);
  };
  const holds = (slot: number, env: NodeJS.ProcessEnv) => readPlanCache(root, slot, env, false, devslotVersion(), config.path) !== undefined;
  await init(1, { MODE: 'a' });
  expect(holds(1, { MODE: 'a' })).toBe(true);
  await init(2, { MODE: 'b' });
  expect(fs.existsSync(path.join(root, '.instances', '.pm2-config.json'))).toBe(true);
  expect(holds(2, { MODE: 'b' })).toBe(true);
  expect(holds(1, { MODE: 'a' })).toBe(true);
  // Its own inputs still count: slot 1 with another MODE is planned afresh.
  expect(holds(1, { MODE: 'b' })).toBe(false);
});
