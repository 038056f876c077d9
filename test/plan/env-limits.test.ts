import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../scripts/errors.js';
import { MAX_ENV_STRING, refuseUnpassable } from '../../scripts/plan/pm2-apps.js';
import { devslot, tempProject } from '../helpers/project.js';

/**
 * Issue 11: values PM2 cannot pass to a process (a NUL byte, past the OS limit) are refused at plan
 * time with exit 1 naming the key, before anything is started, instead of an app that PM2 shows
 * "online" and then loses.
 */
describe('refuseUnpassable', () => {
  it.each([
    ['a NUL byte in a value', { A: 'x\0y' }, /A.* holds a NUL byte/],
    ['a NUL byte in a key', { 'A\0B': 'x' }, /holds a NUL byte/],
    ['one value past 128 KiB', { BIG: 'x'.repeat(MAX_ENV_STRING) }, /BIG is \d+ bytes, over the 131072-byte limit/],
    ['many values past 1 MiB together', Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`V${i}`, 'x'.repeat(100_000)])), /its environment is \d+ bytes, over 1048576/],
  ])('refuses %s', (_name, env, re) => {
    expect(() => refuseUnpassable('api', env)).toThrow(ConfigError);
    expect(() => refuseUnpassable('api', env)).toThrow(re);
  });

  it.each([
    ['an ordinary env', { A: '1', B: 'two words', C: '' }],
    ['a value just under the limit', { OK: 'x'.repeat(MAX_ENV_STRING - 10) }],
  ])('accepts %s', (_name, env) => {
    expect(() => refuseUnpassable('api', env)).not.toThrow();
  });
});

describe('a slot whose app env cannot be passed', { timeout: 60_000 }, () => {
  const project = (set: string) =>
    tempProject({
      'devslot.yaml': `name: ds-limits\nports:\n  api: 26500\nenv:\n  api:\n    set:\n${set}    apps: [api]\npm2:\n  config: pm2.config.cts\n`,
      'pm2.config.cts': "export default { apps: [{ name: 'api', script: 'api.js' }] };\n",
    });

  it.each([
    ['a NUL byte', '      NUL_VALUE: "a\\0b"\n', /app api: "NUL_VALUE" holds a NUL byte/],
    ['a 5 MB value', `      HUGE: "${'x'.repeat(5_000_000)}"\n`, /app api: HUGE is \d+ bytes, over the 131072-byte limit/],
  ])('%s: start and init exit 1 with one line, nothing written', async (_name, set, re) => {
    const p = project(set);
    try {
      for (const argv of [['1', 'start'], ['1', 'init']]) {
        const r = await devslot(p.root, argv);
        const lines = r.stderr.split('\n').filter((l) => l.startsWith('devslot:'));
        expect(lines, r.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(re);
        expect(r.code).toBe(1);
      }
      expect(fs.existsSync(path.join(p.root, '.instances/instance-1'))).toBe(false);
    } finally {
      p.remove();
    }
  });
});
