import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

/** Runs right after the real load returns: an editor saving a file while jiti read the config. */
let afterLoad: (() => void) | undefined;
vi.mock('../../scripts/adapters/pm2-config.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../scripts/adapters/pm2-config.js')>();
  return {
    ...real,
    loadEcosystem: async (file: string, display: string) => {
      const value = await real.loadEcosystem(file, display);
      afterLoad?.();
      return value;
    },
  };
});
const { loadEcosystemCached } = await import('../../scripts/load/ecosystem-cache.js');

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-eco-race-'));
  fs.mkdirSync(path.join(root, '.instances', 'instance-1'), { recursive: true });
});
afterEach(() => {
  afterLoad = undefined;
  fs.rmSync(root, { recursive: true, force: true });
});

it('an import edited after jiti read it, before the key was made, does not let the old export stand for the new file', async () => {
  const write = (rel: string, text: string) => fs.writeFileSync(path.join(root, rel), text);
  write('apps.ts', `export const apps = [{ name: 'old', script: 'a.js' }];\n`);
  write('pm2.config.cts', `import { apps } from './apps';\nexport default { apps };\n`);
  const file = path.join(root, 'pm2.config.cts');
  const names = (v: unknown) => ((v as { default: { apps: { name: string }[] } }).default.apps).map((a) => a.name);
  afterLoad = () => write('apps.ts', `export const apps = [{ name: 'new', script: 'a.js' }];\n`);
  const first = await loadEcosystemCached(root, 1, file, 'pm2.config.cts', {});
  afterLoad = undefined;
  expect(names(first.value)).toEqual(['old']);
  if (first.save) fs.writeFileSync(path.join(root, first.save.path), first.save.content, { mode: first.save.mode });
  // apps.ts has said 'new' since: the next plan must not take the saved 'old'.
  expect(names((await loadEcosystemCached(root, 1, file, 'pm2.config.cts', {})).value)).toEqual(['new']);
});
