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
    // Reads no list can follow: the export must be loaded anew (a saved one would go stale).
    ['a require of a computed path', "const path = require('path'); module.exports = { apps: require(path.join(__dirname, 'apps.json')) };", [], [], true],
    ['a require of a template literal', 'module.exports = { apps: require(`./apps.json`) };', [], [], true],
    ['a require of a concatenation', "module.exports = { apps: require(__dirname + '/apps.json') };", [], [], true],
    ['a dynamic import of a variable', "const f = './apps.json'; export default await import(f);", [], [], true],
    ['the working directory', "export default { apps: [{ name: 'a', script: 'a.js', cwd: process.cwd() }] };", [], [], true],
    ['Date() without new', "export default { apps: [{ name: 'a', script: 'a.js', env: { AT: Date() } }] };", [], [], true],
    ['a random value from the global crypto', "export default { apps: [{ name: 'a', script: 'a.js', env: { S: crypto.randomUUID() } }] };", [], [], true],
    ['process[\'env\']', "export default { apps: [{ name: 'a', script: 'a.js', env: { P: process['env'].PORT } }] };", [], [], true],
    ['process.loadEnvFile reads .env', "process.loadEnvFile(); export default { apps: [{ name: 'a', script: 'a.js', env: { P: process.env.PORT } }] };", [], ['PORT'], true],
    ['a builtin module reached without an import', "const fs = process.getBuiltinModule('fs'); export default { apps: fs.existsSync('x') ? [] : [] };", [], [], true],
    ['the command line', "export default { apps: [{ name: 'a', script: 'a.js', args: process.argv.slice(2) }] };", [], [], true],
    ['os.homedir and os.tmpdir read HOME and TMPDIR', "import os from 'os'; export default { apps: [{ name: 'a', script: 'a.js', cwd: os.homedir(), env: { T: os.tmpdir() } }] };", [], ['HOME', 'TEMP', 'TMP', 'TMPDIR'], false],
    ['os.cpus and a literal require stay saved', "const os = require('os'); module.exports = { apps: [{ name: 'a', script: 'a.js', instances: os.cpus().length }] };", [], [], false],
    ['named env reads', "const p = process.env.PORT ?? process.env['API_KEY'];", [], ['API_KEY', 'PORT'], false],
    ['a spread of the environment', 'const env = { ...process.env };', [], [], true],
    ['a computed key', 'const v = process.env[name];', [], [], true],
    ['named and spread', 'const a = process.env.A; const e = { ...process.env };', [], ['A'], true],
  ])('%s', (_name, text, specifiers, vars, volatile) => {
    expect(ecosystemInputs(text)).toEqual({ specifiers, vars, volatile });
  });
});
