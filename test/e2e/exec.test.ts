import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanEnv, cliPath, repoRoot, runCli } from '../helpers/cli.js';
import { tempProject } from '../helpers/project.js';

/**
 * `exec`, `shell` and `env --format` (issue 13, DESIGN §10) on a project with only `ports:`, `env:`
 * and a PM2 config: no compose file, so no engine, and exec never talks to PM2 (its PM2_HOME must
 * stay empty). Ports 22010/22020, stride 100, slots 0–2: inside this file's range 22000–22999.
 */
const YAML = `name: ds-exec-e2e
slots: 3
ports:
  api: 22010
  db: 22020
env:
  api:
    from: [api/.env, api/.env.example]
    set:
      PORT: "{{ports.api}}"
      DATABASE_URL: "postgres://app:s3cr3t-pw@127.0.0.1:{{ports.db}}/app_{{slot}}"
    apps: [api]
`;
/** A template holding spaces, both quotes, $, backticks, newlines and = (each value as dotenv reads it). */
const EXAMPLE = [
  `GREETING='hello "world" \`tick\` $HOME a=b  '`,
  'MULTI="line1',
  `line2 it's $x = y"`,
  'PLAIN=a=b=c',
  'SPACED=Workflow engine',
  'API_TOKEN=tok-very-secret',
  '',
].join('\n');
const EXPECTED = {
  GREETING: 'hello "world" `tick` $HOME a=b  ',
  MULTI: "line1\nline2 it's $x = y",
  PLAIN: 'a=b=c',
  SPACED: 'Workflow engine',
  API_TOKEN: 'tok-very-secret',
};

// Each call is a node start (and a plan on a cache miss); generous bounds for a loaded machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let p: ReturnType<typeof tempProject>;
let pm2Home: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  p = tempProject({
    'devslot.yaml': YAML,
    'api/.env.example': EXAMPLE,
    'pm2.config.cts': "export default { apps: [{ name: 'api', script: 'server.js', env: { OWN: 'from pm2' } }] };\n",
  }, 'ds-exec-e2e-');
  pm2Home = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-exec-pm2-'));
  env = cleanEnv({ PM2_HOME: pm2Home, DEVSLOT_SLOT: '1', DEVSLOT_PORT_STALE: '1' });
});
// The saved plans make most calls skip loading the PM2 config; `init` touches no engine or PM2.
beforeAll(async () => {
  for (const slot of ['1', '2']) {
    const r = await cli([slot, 'init']);
    expect(r.code, r.stderr).toBe(0);
  }
});
afterAll(() => {
  // Nothing here may have started a PM2 daemon: exec reads the plan, never PM2.
  expect(fs.readdirSync(pm2Home)).toEqual([]);
  fs.rmSync(pm2Home, { recursive: true, force: true });
  p.remove();
});

const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: p.root, env: { ...env, ...extra } });
/** Prints the child's whole environment and cwd as JSON. */
const DUMP = ['node', '-e', 'process.stdout.write(JSON.stringify({ cwd: process.cwd(), env: process.env }))'];
const dump = async (args: string[]) => {
  const r = await cli([...args, '--', ...DUMP]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { cwd: string; env: Record<string, string> };
};

/** Spawn devslot with a piped stdin (not a terminal), as a supervisor or a script would. */
function spawnCli(args: string[]) {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: p.root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`devslot ${args.join(' ')} did not end within 20 s; stderr: ${stderr}`));
    }, 20_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

async function waitForFile(file: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') !== '') return fs.readFileSync(file, 'utf8');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${file} never appeared`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('devslot N exec', () => {
  it("runs in the project root with the app's slot-2 environment, secrets unmasked", async () => {
    const { cwd, env: e } = await dump(['2', 'exec', '--app', 'api']);
    expect(fs.realpathSync(cwd)).toBe(fs.realpathSync(p.root));
    expect(e).toMatchObject({
      ...EXPECTED,
      PORT: '22210',
      DATABASE_URL: 'postgres://app:s3cr3t-pw@127.0.0.1:22220/app_2',
      OWN: 'from pm2',
      DEVSLOT_SLOT: '2',
      DEVSLOT_PROJECT: 'ds-exec-e2e-dev-2',
      DEVSLOT_PORT_API: '22210',
      DEVSLOT_PORT_DB: '22220',
    });
    // DEVSLOT_* of the calling shell (slot 1) do not leak in; the rest of its environment does.
    expect(e.DEVSLOT_PORT_STALE).toBeUndefined();
    expect(e.PM2_HOME).toBe(pm2Home);
  });

  it('without --app: the union of the env entries', async () => {
    const { env: e } = await dump(['2', 'exec']);
    expect(e).toMatchObject({ ...EXPECTED, PORT: '22210', DEVSLOT_SLOT: '2' });
    expect(e.OWN).toBeUndefined(); // the PM2 app's own env belongs to --app api only
  });

  it.each([0, 3, 42])('exits with the child\'s code %i, adding nothing to its output', async (code) => {
    const r = await cli(['2', 'exec', '--app', 'api', '--', 'node', '-e', `console.log(process.env.PORT); process.exit(${code})`]);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('22210\n');
    expect(r.stderr).toBe('');
  });

  it('passes stdin through', async () => {
    const { child, done } = spawnCli(['2', 'exec', '--', 'node', '-e', 'process.stdin.pipe(process.stdout)']);
    child.stdin.end('line one\nline "two" $x\n');
    const r = await done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('line one\nline "two" $x\n');
  });

  it('slots 1 and 2 run in parallel, each with its own values', async () => {
    const [one, two] = await Promise.all([dump(['1', 'exec', '--app', 'api']), dump(['2', 'exec', '--app', 'api'])]);
    expect([one.env.DEVSLOT_SLOT, one.env.PORT, one.env.DATABASE_URL]).toEqual(['1', '22110', 'postgres://app:s3cr3t-pw@127.0.0.1:22120/app_1']);
    expect([two.env.DEVSLOT_SLOT, two.env.PORT, two.env.DATABASE_URL]).toEqual(['2', '22210', 'postgres://app:s3cr3t-pw@127.0.0.1:22220/app_2']);
  });

  it('SIGINT to devslot ends the child, and devslot exits 130', async () => {
    const pidFile = path.join(p.root, 'child-int.pid');
    const { child, done } = spawnCli(['2', 'exec', '--', 'node', '-e', `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`]);
    const pid = Number(await waitForFile(pidFile));
    expect(alive(pid)).toBe(true);
    child.kill('SIGINT');
    const r = await done;
    expect(r.stderr).toBe('');
    expect([r.code, r.signal]).toEqual([130, null]);
    expect(alive(pid)).toBe(false);
  });

  it('SIGINT reaches a child that handles it: its own exit code is devslot\'s', async () => {
    const pidFile = path.join(p.root, 'child-handles.pid');
    const script = `process.on('SIGINT', () => { console.log('child got SIGINT'); process.exit(7); }); require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`;
    const { child, done } = spawnCli(['2', 'exec', '--', 'node', '-e', script]);
    await waitForFile(pidFile);
    child.kill('SIGINT');
    const r = await done;
    expect(r.stdout).toBe('child got SIGINT\n');
    expect(r.code).toBe(7);
  });

  it('SIGTERM is forwarded too (exit 143, the child gone)', async () => {
    const pidFile = path.join(p.root, 'child-term.pid');
    const { child, done } = spawnCli(['2', 'exec', '--', 'node', '-e', `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`]);
    const pid = Number(await waitForFile(pidFile));
    child.kill('SIGTERM');
    const r = await done;
    expect([r.code, r.signal]).toEqual([143, null]);
    expect(alive(pid)).toBe(false);
  });

  it('shell opens $SHELL (else /bin/sh) the same way', async () => {
    const r = await cli(['2', 'shell', '--app', 'api', '--', '-c', 'printf "%s|%s|%s" "$PORT" "$DEVSLOT_SLOT" "$SPACED"; exit 4'], { SHELL: '/bin/bash' });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('22210|2|Workflow engine');
    const sh = await cli(['2', 'shell', '--', '-c', 'printf "%s" "$PORT"'], { SHELL: '' });
    expect([sh.code, sh.stdout]).toEqual([0, '22210']);
  });

  it.each([
    [['2', 'exec'], 'devslot: exec needs a command after --: devslot N exec [--app NAME] -- CMD ARGS…'],
    [['2', 'exec', '--app', 'nope', '--', 'true'], 'devslot: no PM2 app "nope" in this project; apps: api'],
    [['2', 'exec', '--', 'ds-exec-no-such-command'], 'devslot: cannot run "ds-exec-no-such-command": no such command on PATH'],
    [['2', 'env', '--format', 'xml'], 'devslot: --format "xml": give one of sh, json, dotenv'],
  ])('%j exits 1 with one line', async (args, line) => {
    const r = await cli(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${line}\n`);
    expect(r.stdout).toBe('');
  });
});

describe('env --format', () => {
  it('sh: bash `eval` reproduces exactly the values exec sees', async () => {
    const { env: seen } = await dump(['2', 'exec', '--app', 'api']);
    const keys = Object.keys(JSON.parse((await cli(['2', 'env', '--app', 'api', '--format', 'json'])).stdout) as Record<string, string>);
    expect(keys).toEqual(expect.arrayContaining([...Object.keys(EXPECTED), 'DATABASE_URL', 'PORT', 'DEVSLOT_SLOT', 'OWN']));
    const cmd = `eval "$(${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} 2 env --app api --format sh --show-secrets)" && for k in ${keys.join(' ')}; do printf '%s\\0' "\${!k}"; done`;
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', cmd], { cwd: p.root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(r.stderr).toBe('');
    const evaluated = Object.fromEntries(r.stdout.split('\0').slice(0, -1).map((v, i) => [keys[i]!, v]));
    expect(evaluated).toEqual(Object.fromEntries(keys.map((k) => [k, seen[k]])));
    expect(evaluated.DATABASE_URL).toContain('s3cr3t-pw');
  });

  it('masks secrets unless --show-secrets, like every printed view', async () => {
    for (const format of ['sh', 'json', 'dotenv']) {
      const r = await cli(['2', 'env', '--app', 'api', '--format', format]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toContain('s3cr3t-pw');
      expect(r.stdout).not.toContain('tok-very-secret');
      expect(r.stdout).toContain('22210');
    }
  });

  it('dotenv: one file dotenv reads back to exec\'s values', async () => {
    const { env: seen } = await dump(['2', 'exec', '--app', 'api']);
    const r = await cli(['2', 'env', '--app', 'api', '--format', 'dotenv', '--show-secrets']);
    const { default: dotenv } = await import('dotenv');
    const parsed = dotenv.parse(r.stdout);
    expect(parsed).toEqual(Object.fromEntries(Object.keys(parsed).map((k) => [k, seen[k]])));
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(Object.keys(EXPECTED)));
  });
});

describe('env.<key>.from as a list of fallbacks', () => {
  it('uses the first that exists, says which, and switches when the first choice appears', async () => {
    const explain = await cli(['2', 'env', '--app', 'api', '--explain']);
    expect(explain.stdout).toContain('# template: api/.env.example (api/.env does not exist)\n');
    expect((await cli(['2', 'init'])).code).toBe(0);
    // The saved plan holds the skipped first choice as "must stay absent".
    const saved = JSON.parse(fs.readFileSync(path.join(p.root, '.instances/instance-2/.plan.json'), 'utf8')) as { key: { files: Record<string, string | null> } };
    expect(saved.key.files['api/.env']).toBeNull();
    p.write('api/.env', 'SPACED=the real one\n');
    try {
      const { env: e } = await dump(['2', 'exec', '--app', 'api']);
      expect(e.SPACED).toBe('the real one');
      expect(e.GREETING).toBeUndefined();
      expect((await cli(['2', 'env', '--app', 'api', '--explain'])).stdout).toContain('# template: api/.env\n');
    } finally {
      fs.rmSync(path.join(p.root, 'api/.env'));
    }
  });

  it('exits 1 naming every candidate when none exists', async () => {
    const q = tempProject({ 'devslot.yaml': 'name: ds-exec-none\nenv:\n  api:\n    from: [backend/.env, backend/.env.example]\n' }, 'ds-exec-none-');
    try {
      const r = await runCli(['2', 'exec', '--', 'true'], { cwd: q.root, env });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('devslot: devslot.yaml: env.api.from: none of backend/.env, backend/.env.example exists; create one or remove `from`\n');
    } finally {
      q.remove();
    }
  });
});

describe('entry points keep the command\'s words', () => {
  it.each([
    ['just dev', 'just', ['dev']],
    ['npm run dev --', 'npm', ['run', '--silent', 'dev', '--']],
  ])('%s 2 exec -- CMD', (_name, cmd, prefix) => {
    const probe = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
    if (probe.error) return expect.soft(probe.error.message, `${cmd} is not installed`).toBe('');
    const r = spawnSync(cmd, [...prefix, '2', 'exec', '--config', path.join(p.root, 'devslot.yaml'), '--', 'node', '-e', 'console.log(JSON.stringify([process.argv.slice(1), process.env.PORT])); process.exit(3)', '--', 'a b', '$x', '--app'], { cwd: repoRoot, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(3);
    const [argv, port] = JSON.parse(r.stdout.trim()) as [string[], string];
    expect(port).toBe('22210');
    // npm keeps a second `--`; just drops the first one, so only then is the child's `--` kept too.
    expect(argv.slice(-3)).toEqual(['a b', '$x', '--app']);
  });
});
