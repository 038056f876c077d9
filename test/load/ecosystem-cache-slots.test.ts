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
 * The saved PM2 export (.instances/instance-N/.pm2-config.json) is each slot's own copy, and a slot
 * planned afresh takes another slot's whose key holds. One slot planned with other inputs must not
 * make another slot's saved plan stop holding; clean takes the copy with the slot.
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
  expect(fs.existsSync(path.join(root, '.instances', 'instance-2', '.pm2-config.json'))).toBe(true);
  expect(holds(2, { MODE: 'b' })).toBe(true);
  expect(holds(1, { MODE: 'a' })).toBe(true);
  // Its own inputs still count: slot 1 with another MODE is planned afresh.
  expect(holds(1, { MODE: 'b' })).toBe(false);
});

it("a slot planned afresh takes another slot's saved export, and clean takes each slot's copy with it", async () => {
  const { removeInstanceDir } = await import('../../scripts/adapters/fs.js');
  const config = await loadConfig(root);
  const env = { MODE: 'a' };
  const one = await planFresh(config, 1, { env, isRoot: false });
  writeInstance(root, one.dir, one.files);
  // Forge slot 1's saved value (same key): slot 3, never planned, must take it.
  const saved = path.join(root, '.instances', 'instance-1', '.pm2-config.json');
  const forged = JSON.parse(fs.readFileSync(saved, 'utf8'));
  forged.value = { default: { apps: [{ name: 'from-slot-1', script: 'api.js' }] } };
  fs.writeFileSync(saved, JSON.stringify(forged));
  const three = await planFresh(config, 3, { env, isRoot: false });
  expect(three.apps.map((a) => a.name)).toEqual(['from-slot-1-3']);
  expect(removeInstanceDir(root, 1)).toEqual({ kept: [], foreign: [] });
  expect(fs.existsSync(path.join(root, '.instances', 'instance-1'))).toBe(false);
});
