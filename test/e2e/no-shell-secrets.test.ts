import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cliPath, run, runCli, type RunResult } from '../helpers/cli.js';
import { jlist, privatePm2 } from '../helpers/pm2-home.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Issue 4: text that a shell would execute reaches compose and PM2 literally (in the project's
 * path, a compose file name, an env value and an app name), and secret values are masked
 * everywhere unless --show-secrets.
 */
const MARK = `pwn3d-${process.pid}`;
const EVIL = (n: string) => `$(touch ${MARK}-${n}) ; \`touch ${MARK}-${n}b\` 'q' "dq"`;
const SECRETS = ['hunter2-secret', 'pw-secret-9', 'tok-secret'];

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('no shell, and masked secrets, on a real engine and PM2', () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home });
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-noshell-'));
  const root = path.join(base, `sp ace ${EVIL('dir')}`);
  const composeFile = `my compose ${EVIL('file')}.yml`;
  const appName = `api ${EVIL('app')}`;
  // dotenv has no quoting for ', " and ` in one value (devslot refuses such a value in one line),
  // so the env values carry them in two values.
  const value = `$(touch ${MARK}-env) ; \`touch ${MARK}-envb\` "dq" | & \\ end`;
  const value2 = `it's $(touch ${MARK}-env2); "x"`;
  const cli = (args: string[]): Promise<RunResult> => runCli(args, { cwd: root, env, timeoutMs: 180_000 });
  const markers = () => [base, root, os.tmpdir(), process.cwd(), pm2.home].flatMap((d) => (fs.existsSync(d) ? fs.readdirSync(d).filter((f) => f.startsWith(MARK)) : []));

  beforeAll(() => {
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'devslot.yaml'), [
      'name: devslot-noshell',
      'slots: 3',
      'compose:',
      `  files: [${JSON.stringify(composeFile)}]`,
      'ports:',
      '  api: 25211',
      'env:',
      '  api:',
      '    from: api.env',
      '    set:',
      `      EVIL: ${JSON.stringify(value)}`,
      `      EVIL2: ${JSON.stringify(value2)}`,
      `      API_SECRET: ${SECRETS[0]}`,
      '      DATABASE_URL: "postgres://app:pw-secret-9@localhost:25432/app"',
      '      PORT: "{{ports.api}}"',
      `    apps: [${JSON.stringify(appName)}]`,
      'health:',
      `  ${JSON.stringify(appName)}: { tcp: "{{ports.api}}" }`,
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(root, composeFile), 'services:\n  web:\n    image: busybox:1.35\n    command: ["httpd", "-f", "-p", "80", "-h", "/"]\n    init: true\n    ports: ["127.0.0.1:25080:80"]\n');
    fs.writeFileSync(path.join(root, 'api.env'), `TOKEN=${SECRETS[2]}\n`);
    fs.writeFileSync(path.join(root, 'api.js'), 'require("http").createServer((q, s) => s.end("ok")).listen(process.env.PORT, "127.0.0.1");\n');
    fs.writeFileSync(path.join(root, 'pm2.config.cts'), `export default { apps: [{ name: ${JSON.stringify(appName)}, script: 'api.js' }] };\n`);
  });

  afterAll(async () => {
    await cli(['clean', 'all', '--yes']);
    await pm2.kill();
    fs.rmSync(base, { recursive: true, force: true });
  }, 180_000);

  it('starts with every hostile string passed literally, and nothing executed', async () => {
    const r = await cli(['1', 'start']);
    expect(r.code, r.stderr).toBe(0);
    const labels = JSON.parse(execFileSync('docker', ['ps', '--filter', 'label=com.docker.compose.project=devslot-noshell-dev-1', '--format', '{{json .Labels}}'], { encoding: 'utf8' }).trim());
    expect(labels).toContain(`dev.devslot.root=${root}`);
    const app = (await jlist(pm2.pm2)).find((p) => p.pm2_env.namespace === 'devslot-noshell-dev-1');
    expect(app?.name).toBe(`${appName}-1`);
    const appEnv = (app as unknown as { pm2_env: { env: Record<string, string> } }).pm2_env.env;
    expect(appEnv.EVIL).toBe(value);
    expect(appEnv.EVIL2).toBe(value2);
    const shown = await cli(['1', 'env', '--app', appName, '--json']);
    expect(JSON.parse(shown.stdout)[0].env.EVIL).toBe(value);
    expect(markers()).toEqual([]);
  }, 240_000);

  it('masks secret values in start, info, status, env, --explain and --dry-run output', async () => {
    const outputs = await Promise.all([
      cli(['1', 'start']),
      cli(['1', 'info']),
      cli(['1', 'info', '--json']),
      cli(['1', 'status', '--json']),
      cli(['1', 'env']),
      cli(['1', 'env', '--explain', '--json']),
      cli(['1', 'env', '--app', appName, '--explain']),
      cli(['1', 'start', '--dry-run']),
      cli(['1', 'start', '--dry-run', '--json']),
    ]);
    for (const r of outputs) {
      expect(r.code, r.stderr).toBe(0);
      for (const secret of SECRETS) expect(r.stdout + r.stderr).not.toContain(secret);
    }
    expect(outputs[4]!.stdout).toContain('API_SECRET=********');
    expect(outputs[4]!.stdout).toContain('DATABASE_URL=postgres://app:********@localhost:25432/app');
    const shown = await cli(['1', 'env', '--show-secrets']);
    for (const secret of SECRETS) expect(shown.stdout).toContain(secret);
  }, 240_000);

  it('writes env files 0600 even under umask 000', async () => {
    fs.rmSync(path.join(root, '.instances/instance-2'), { recursive: true, force: true });
    const r = await run('/bin/sh', ['-c', 'umask 000 && exec "$0" "$@"', process.execPath, cliPath, '2', 'init'], { cwd: root, env, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.statSync(path.join(root, '.instances/instance-2/api.env')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(root, '.instances/instance-2/api.env'), 'utf8')).toContain(SECRETS[0]);
  });
});
