import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotTree } from '../../scripts/adapters/fs.js';
import { cleanEnv, run, runCli } from '../helpers/cli.js';
import { jlist, privatePm2 } from '../helpers/pm2-home.js';
import { tempProject } from '../helpers/project.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Issue 4's hostile-input table: each case gives argv (and what it does to a good project first),
 * the exit code and a fragment of the one line devslot prints; every case also checks that
 * `.instances/`, this project's Docker resources and the PM2 daemon are exactly as before.
 * Config cases run `start`, so a config wrongly accepted would really create something.
 */
const NAME = 'devslot-hostile';
const CONFIG = `name: ${NAME}
slots: 4
compose:
  files: [compose.yml]
ports:
  api: 24211
env:
  api:
    from: api.env
    set:
      SELF: "http://127.0.0.1:{{ports.api}}"
    apps: [api]
health:
  api: { tcp: "{{ports.api}}" }
`;
const COMPOSE = `services:
  web:
    image: busybox:1.35
    command: ["httpd", "-f", "-p", "80", "-h", "/"]
    init: true
    ports: ["127.0.0.1:24080:80"]
`;
const FILES: Record<string, string> = {
  'devslot.yaml': CONFIG,
  'compose.yml': COMPOSE,
  'api.env': 'URL=http://localhost:24080\nTOKEN=t0k3n\n',
  'pm2.config.cts': "export default { apps: [{ name: 'api', script: 'api.js' }] };\n",
  'api.js': 'require("http").createServer((q, s) => s.end("ok")).listen(process.env.PORT);\n',
};

/** files: written over the good project after `1 init`; null removes that file. */
type Case = [name: string, argv: string[], code: number, message: string | RegExp, files?: Record<string, string | null>, env?: Record<string, string>];
const cfg = (from: string | RegExp, to: string): Record<string, string> => ({ 'devslot.yaml': CONFIG.replace(from, to) });

/** Slot numbers, actions, option values. */
const ARGV_CASES: Case[] = [
  ['negative slot', ['-1', 'start'], 1, 'slot "-1" is not a slot'],
  ['fractional slot', ['1.5'], 1, 'slot "1.5" is not a slot'],
  ['word for a slot', ['abc'], 1, 'unknown action "abc"'],
  ['exponent slot', ['start', '1e3'], 1, 'slot "1e3" is not a slot'],
  ['empty slot', ['', 'start'], 1, 'slot "" is not a slot'],
  ['slot ≥ slots', ['99', 'start'], 1, 'slot 99 is out of range: devslot.yaml allows slots 0..3'],
  ['slot ≥ slots for stop', ['9', 'stop'], 1, 'slot 9 is out of range'],
  ['bad DEVSLOT_SLOT', ['start'], 1, 'DEVSLOT_SLOT "two" is not a slot', undefined, { DEVSLOT_SLOT: 'two' }],
  ['unknown action', ['1', 'deploy'], 1, 'unknown action "deploy"'],
  ['all with init', ['init', 'all'], 1, 'init takes one slot, not all'],
  ['all with start', ['start', 'all'], 1, 'start takes one slot, not all'],
  ['--timeout abc', ['1', 'start', '--timeout', 'abc'], 1, '--timeout "abc"'],
  ['--timeout -3', ['1', 'start', '--timeout', '-3'], 1, '--timeout "-3"'],
  ['--lines -5', ['1', 'logs', '--lines', '-5'], 1, '--lines "-5"'],
  ['unknown flag', ['1', 'start', '--detach'], 1, 'unknown option --detach'],
  ['flag for another action', ['1', 'start', '--lines', '3'], 1, '--lines does not apply to start'],
  ['missing --config file', ['1', 'start', '--config', 'nope.yaml'], 1, '--config nope.yaml: no such file'],
];
/** Config contents. */
const CONFIG_CASES: Case[] = [
  ['wrong type: slots', ['1', 'start'], 1, 'devslot.yaml:2: slots: expected the number of slots', cfg('slots: 4', 'slots: four')],
  ['wrong type: files', ['1', 'start'], 1, 'compose.files: expected a list of strings', cfg('files: [compose.yml]', 'files: compose.yml')],
  ['wrong type: port', ['1', 'start'], 1, 'ports.api: expected a port number', cfg('api: 24211', 'api: "24211x"')],
  ['wrong type: env set', ['1', 'start'], 1, 'env.api.set.SELF: expected a string, number or boolean', cfg('SELF: "http://127.0.0.1:{{ports.api}}"', 'SELF: [1, 2]')],
  ['unknown key', ['1', 'start'], 1, 'devslot.yaml:2: slot: unknown key (did you mean `slots`?)', cfg('slots: 4', 'slot: 4')],
  ['unknown nested key', ['1', 'start'], 1, 'env.api.form: unknown key (did you mean `from`?)', cfg('from: api.env', 'form: api.env')],
  ['YAML syntax: unclosed', ['1', 'start'], 1, /devslot\.yaml:\d+: invalid YAML: .*flow/i, cfg('files: [compose.yml]', 'files: [compose.yml')],
  ['YAML syntax: indentation', ['1', 'start'], 1, /devslot\.yaml:\d+: invalid YAML/, cfg('  files: [compose.yml]', ' files: [compose.yml]\n   bad: x')],
  ['YAML duplicate key', ['1', 'start'], 1, 'devslot.yaml:7: invalid YAML: Map keys must be unique', cfg('  api: 24211', '  api: 24211\n  api: 24212')],
  ['duplicate port names', ['1', 'start'], 1, 'both become DEVSLOT_PORT_WEB_UI', cfg('  api: 24211', '  api: 24211\n  web-ui: 24300\n  web_ui: 24400')],
  ['port name taken by a service', ['1', 'start'], 1, 'duplicate port name `web`', cfg('  api: 24211', '  api: 24211\n  web: 24500')],
  ['invalid project name', ['1', 'start'], 1, '"My App" is not a valid compose project name', cfg(`name: ${NAME}`, 'name: My App')],
  ['project name with a dash first', ['1', 'start'], 1, '"-app" is not a valid compose project name', cfg(`name: ${NAME}`, 'name: "-app"')],
  ['template names an unknown port', ['1', 'start'], 1, '{{ports.apy}} names an unknown port `apy` (did you mean `api`?)', cfg('{{ports.api}}"\n    apps', '{{ports.apy}}"\n    apps')],
  ['health names an unknown port', ['1', 'start'], 1, 'health.api: {{ports.nope}} names an unknown port', cfg('tcp: "{{ports.api}}"', 'tcp: "{{ports.nope}}"')],
  ['unknown placeholder', ['1', 'start'], 1, 'unknown placeholder {{slots}}', cfg('http://127.0.0.1:{{ports.api}}', 'http://127.0.0.1:{{slots}}')],
  ['port overflow', ['1', 'start'], 1, 'port overflow: ports.api publishes 65500', cfg('api: 24211', 'api: 65500')],
  ['ports collide between slots', ['1', 'start'], 1, 'port collision between slots', cfg('api: 24211', 'api: 24180')],
  ['invalid health URL', ['1', 'start'], 1, 'is not a valid http(s) URL', cfg('{ tcp: "{{ports.api}}" }', '{ http: "http://[{{ports.api}}/" }')],
  ['missing compose file', ['1', 'start'], 1, 'compose.files: gone.yml does not exist', cfg('[compose.yml]', '[gone.yml]')],
  ['invalid compose file', ['1', 'start'], 1, 'compose could not resolve', { 'compose.yml': 'services:\n  web: [\n' }],
];
/** Env templates and the PM2 ecosystem. */
const ECOSYSTEM_CASES: Case[] = [
  ['env template with an invalid line', ['1', 'start'], 1, 'api.env:2: not a KEY=VALUE line', { 'api.env': 'URL=x\nthis line has no equals sign\n' }],
  ['env template missing', ['1', 'start'], 1, 'env.api.from: missing.env does not exist', cfg('from: api.env', 'from: missing.env')],
  ['PM2 config with a syntax error', ['1', 'start'], 1, 'pm2.config.cts: cannot load it', { 'pm2.config.cts': 'export default { apps: [ { name: "api", } ;\n' }],
  ['PM2 app without a name', ['1', 'start'], 1, 'apps[0] has no name', { 'pm2.config.cts': "export default { apps: [{ script: 'api.js' }] };\n" }],
  ['env template is a folder', ['1', 'start'], 1, 'env.api.from: adir is a folder', { ...cfg('from: api.env', 'from: adir'), 'adir/keep': '' }],
  ['compose file is a folder', ['1', 'start'], 1, 'compose.files: adir is a folder', { ...cfg('[compose.yml]', '[adir]'), 'adir/keep': '' }],
  ['PM2 config is a folder', ['1', 'start'], 1, 'pm2.config: adir is a folder', { ...cfg('health:', 'pm2:\n  config: adir\nhealth:'), 'adir/keep': '' }],
  ['PM2 config function throws', ['1', 'start'], 1, 'pm2.config.cts: its exported function failed for slot 1: boom', { 'pm2.config.cts': "export default () => { throw new Error('boom'); };\n" }],
  ['health probe without a PM2 config', ['1', 'start'], 1, 'health.api probes a PM2 app, but there is no PM2 config', { ...cfg('    apps: [api]\n', ''), 'pm2.config.cts': null }],
  ['env.apps names an unknown app', ['1', 'start'], 1, 'env.api.apps names "api", which pm2.config.cts does not define', { 'pm2.config.cts': "export default { apps: [{ name: 'web', script: 'api.js' }] };\n" }],
];
const CASES: Case[] = [...ARGV_CASES, ...CONFIG_CASES, ...ECOSYSTEM_CASES];

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('hostile input: one line, the documented exit code, nothing changed', () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home });
  afterAll(() => pm2.kill(), 60_000);

  const dockerState = async (root: string) => {
    const q = async (args: string[]) => (await run('docker', args, { env, timeoutMs: 30_000 })).stdout.trim();
    return {
      containers: await q(['ps', '-a', '--filter', `label=dev.devslot.root=${root}`, '--format', '{{.ID}} {{.Names}} {{.State}}']),
      networks: await q(['network', 'ls', '--filter', `name=${NAME}`, '--format', '{{.ID}} {{.Name}}']),
      volumes: await q(['volume', 'ls', '--filter', `name=${NAME}`, '--format', '{{.Name}}']),
    };
  };
  const pm2State = async () => (fs.existsSync(path.join(pm2.home, 'rpc.sock')) ? (await jlist(pm2.pm2)).map((p) => `${p.name} ${p.pm_id} ${p.pm2_env.status}`) : 'no daemon');

  // The table is fixed, so its size is exact: a case lost in a merge or an edit fails here, and
  // one removed on purpose is removed here too. Names and messages are distinct, so a case pasted
  // over another (same check twice, one gone) fails too.
  it('keeps every case of each group, each one distinct', () => {
    expect({ argv: ARGV_CASES.length, config: CONFIG_CASES.length, ecosystem: ECOSYSTEM_CASES.length }).toEqual({ argv: 17, config: 21, ecosystem: 10 });
    expect(new Set(CASES.map((c) => c[0])).size).toBe(CASES.length);
    expect(new Set(CASES.map((c) => String(c[3]))).size).toBe(CASES.length);
  });

  it.each(CASES)('%s', async (_name, argv, code, message, files, extraEnv) => {
    const p = tempProject(FILES, 'devslot-hostile-');
    try {
      const init = await runCli(['1', 'init'], { cwd: p.root, env });
      expect(init.code, init.stderr).toBe(0);
      p.write('.instances/instance-1/api.local.env', 'MINE=1\n');
      for (const [rel, text] of Object.entries(files ?? {})) {
        if (text === null) fs.rmSync(path.join(p.root, rel));
        else p.write(rel, text);
      }
      const before = { files: snapshotTree(path.join(p.root, '.instances')), docker: await dockerState(p.root), pm2: await pm2State() };
      const r = await runCli(argv, { cwd: p.root, env: { ...env, ...extraEnv }, timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(code);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]!.startsWith('devslot: ')).toBe(true);
      if (typeof message === 'string') expect(lines[0]).toContain(message);
      else expect(lines[0]).toMatch(message);
      expect(r.stdout).toBe('');
      expect({ files: snapshotTree(path.join(p.root, '.instances')), docker: await dockerState(p.root), pm2: await pm2State() }).toEqual(before);
    } finally {
      p.remove();
    }
  }, 90_000);

  it('says there is no devslot.yaml when none is found upwards', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-noconfig-'));
    try {
      const r = await runCli(['1', 'start'], { cwd: dir, env });
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(`devslot: no devslot.yaml in ${dir} or any folder above it; create one (see README) or pass --config PATH`);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
