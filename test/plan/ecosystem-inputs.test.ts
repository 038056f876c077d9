import { describe, expect, it } from 'vitest';
import { ecosystemInputs } from '../../scripts/load/plan-cache.js';

/** What a PM2 ecosystem file reads besides itself, so the saved plan is dropped when it changes. */
describe('ecosystemInputs', () => {
  it.each([
    ['import from', "import { a } from './a.cts';", ['./a.cts'], [], false],
    ['side-effect import', "import './setup.js';", ['./setup.js'], [], false],
    ['require and dynamic import', "const x = require('../apps.json'); const y = await import(\"./y\");", ['../apps.json', './y'], [], false],
    ['a package or node:fs can read what no list follows', "import pm2 from 'pm2'; const fs = require('node:fs');", [], [], true],
    ['dotenv reads .env behind the config', "import 'dotenv/config'; const p = process.env.PORT;", [], ['PORT'], true],
    ['path, os, url and util read nothing', "import path from 'node:path'; const os = require('os'); import { fileURLToPath } from 'url';", [], [], false],
    ['a file read, a command, the clock', "const t = require('./a.json'); const v = readFileSync('x'); ", ['./a.json'], [], true],
    ['Date.now', 'const stamp = Date.now();', [], [], true],
    ['a type-only import of a package is gone at run time', "import type { StartOptions } from 'pm2';\nexport default { apps: [] as StartOptions[] };", [], [], false],
    ['named env reads', "const p = process.env.PORT ?? process.env['API_KEY'];", [], ['API_KEY', 'PORT'], false],
    ['a spread of the environment', 'const env = { ...process.env };', [], [], true],
    ['a computed key', 'const v = process.env[name];', [], [], true],
    ['named and spread', 'const a = process.env.A; const e = { ...process.env };', [], ['A'], true],
  ])('%s', (_name, text, specifiers, vars, volatile) => {
    expect(ecosystemInputs(text)).toEqual({ specifiers, vars, volatile });
  });
});
