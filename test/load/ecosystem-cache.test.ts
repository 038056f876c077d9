import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ECOSYSTEM_CACHE, jsonExact, loadEcosystemCached } from '../../scripts/load/ecosystem-cache.js';

/**
 * The saved PM2 export (load/ecosystem-cache.ts) on a real file system, with the real jiti load:
 * used while its key holds, dropped the moment any input changes, never made for an export JSON
 * would change. "Used" is shown by a saved value that differs from what the file exports.
 */
describe('jsonExact: what JSON carries unchanged', () => {
  const rows: [string, unknown, boolean][] = [
    ['plain data', { apps: [{ name: 'a', instances: 2, watch: false, env: { A: 'x' }, args: null }] }, true],
    ['a module namespace shape (null prototype)', Object.assign(Object.create(null), { default: { apps: [] } }), true],
    ['a function of the slot', { default: () => ({ apps: [] }) }, false],
    ['an undefined value (process.env.UNSET)', { apps: [{ name: 'a', env: { X: undefined } }] }, false],
    ['a Date', { apps: [{ name: 'a', at: new Date(0) }] }, false],
    ['a RegExp', { apps: [{ name: 'a', ignore: /x/ }] }, false],
    ['NaN', { apps: [{ name: 'a', n: NaN }] }, false],
    ['a class instance', { apps: [new (class App { name = 'a'; })()] }, false],
    ['a hole-free array with undefined', { apps: [undefined] }, false],
    ['an array with a hole (JSON makes it null)', { apps: [{ name: 'a' }, , { name: 'b' }] }, false],
  ];
  it.each(rows)('%s', (_what, value, exact) => expect(jsonExact(value, 0)).toBe(exact));
});

describe('the saved PM2 export', () => {
  let root: string;
  const file = () => path.join(root, 'pm2.config.cts');
  const cachePath = (slot = 1) => path.join(root, '.instances', `instance-${slot}`, ECOSYSTEM_CACHE);
  const write = (rel: string, text: string) => fs.writeFileSync(path.join(root, rel), text);
  /** Load as planning does, and write the save the way write-files would. */
  const load = async (env: NodeJS.ProcessEnv = {}) => {
    const r = await loadEcosystemCached(root, 1, file(), 'pm2.config.cts', env);
    if (r.save) fs.writeFileSync(path.join(root, r.save.path), r.save.content, { mode: r.save.mode });
    return r;
  };
  /** Replace the saved value, keeping its key: a load that returns this used the saved export. */
  const forge = () => {
    const saved = JSON.parse(fs.readFileSync(cachePath(), 'utf8'));
    saved.value = { apps: [{ name: 'from-the-saved-export' }] };
    fs.writeFileSync(cachePath(), JSON.stringify(saved));
  };
  const names = (r: { value: unknown }) => {
    const v = r.value as { default?: { apps: { name: string }[] }; apps?: { name: string }[] };
    return (v.apps ?? v.default?.apps ?? []).map((a) => a.name);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-eco-cache-'));
    fs.mkdirSync(path.join(root, '.instances', 'instance-1'), { recursive: true });
    write('apps.ts', `export const apps = [{ name: 'api', script: 'api.js' }];\n`);
    write('pm2.config.cts', `import { apps } from './apps';\nexport default { apps: apps.map((a) => ({ ...a, env: { MODE: process.env.MODE ?? 'dev' } })) };\n`);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is saved 0600 after a load, and used while the file, what it imports and what it reads are unchanged', async () => {
    const first = await load({ MODE: 'a' });
    expect(names(first)).toEqual(['api']);
    expect(first.save?.mode).toBe(0o600);
    expect(fs.statSync(cachePath()).mode & 0o777).toBe(0o600);
    forge();
    expect(names(await load({ MODE: 'a' }))).toEqual(['from-the-saved-export']);
  });

  it('is dropped when the file changes, a file it imports changes, or a variable it reads changes', async () => {
    await load({ MODE: 'a' });
    forge();
    expect(names(await load({ MODE: 'b' }))).toEqual(['api']); // MODE changed
    forge();
    write('apps.ts', `export const apps = [{ name: 'api2', script: 'api.js' }];\n`);
    expect(names(await load({ MODE: 'b' }))).toEqual(['api2']); // an import changed
    forge();
    write('pm2.config.cts', `import { apps } from './apps';\nexport default { apps: [...apps, { name: 'worker', script: 'w.js' }] };\n`);
    expect(names(await load({ MODE: 'b' }))).toEqual(['api2', 'worker']); // the file changed
  });

  it('is never made for a config that reads the environment as a whole, or exports a function of the slot', async () => {
    write('pm2.config.cts', `export default { apps: [{ name: 'api', script: 'api.js', env: { ...process.env } }] };\n`);
    const volatile = await load({ MODE: 'a' });
    expect(volatile.deps.volatile).toBe(true);
    expect(volatile.save).toBeUndefined();
    write('pm2.config.cts', `export default (slot: { slot: number }) => ({ apps: [{ name: 'api', script: 'api.js', args: [String(slot.slot)] }] });\n`);
    const fn = await load();
    expect(fn.save).toBeUndefined();
    expect(fs.existsSync(cachePath())).toBe(false);
  });

  it('is never made for a config that requires a computed path (a file no hash follows)', async () => {
    // Node's own require cache would hide the edit within this one process; devslot runs a new
    // process each time, so what matters is that no saved export can stand for apps.json.
    write('apps.json', JSON.stringify([{ name: 'api', script: 'api.js' }]));
    write('pm2.config.cts', `const path = require('path');\nmodule.exports = { apps: require(path.join(__dirname, 'apps.json')) };\n`);
    const r = await load();
    expect(names(r)).toEqual(['api']);
    expect(r.deps.volatile).toBe(true);
    expect(r.save).toBeUndefined();
    expect(fs.existsSync(cachePath())).toBe(false);
  });

  it('is dropped when the index file of an imported folder changes (./apps is apps/index.cts)', async () => {
    fs.rmSync(path.join(root, 'apps.ts'));
    fs.mkdirSync(path.join(root, 'apps'));
    write('apps/index.cts', `export const apps = [{ name: 'api', script: 'api.js' }];\n`);
    write('pm2.config.cts', `import { apps } from './apps';\nexport default { apps };\n`);
    expect(names(await load())).toEqual(['api']);
    forge();
    write('apps/index.cts', `export const apps = [{ name: 'api2', script: 'api.js' }];\n`);
    expect(names(await load())).toEqual(['api2']);
    // A folder whose entry only its package.json names cannot be followed: loaded every time.
    fs.mkdirSync(path.join(root, 'lib'));
    write('lib/package.json', '{"main":"main.cts"}');
    write('lib/main.cts', `export const apps = [{ name: 'lib', script: 'api.js' }];\n`);
    write('pm2.config.cts', `const { apps } = require('./lib');\nmodule.exports = { apps };\n`);
    const viaMain = await load();
    expect(viaMain.deps.volatile).toBe(true);
    expect(viaMain.save).toBeUndefined();
  });

  it('a damaged or foreign saved file is ignored and the config loaded', async () => {
    for (const junk of ['', '{', 'null', '[]', '{"key":{},"value":{"apps":[{"name":"x"}]}}']) {
      fs.writeFileSync(cachePath(), junk, { mode: 0o600 });
      expect(names(await loadEcosystemCached(root, 1, file(), 'pm2.config.cts', {}))).toEqual(['api']);
    }
  });

  it('a saved export of the same project in another folder is not used (the key names the file)', async () => {
    await load();
    forge();
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-eco-copy-'));
    try {
      fs.cpSync(root, copy, { recursive: true });
      const r = await loadEcosystemCached(copy, 1, path.join(copy, 'pm2.config.cts'), 'pm2.config.cts', {});
      expect(names(r)).toEqual(['api']);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
