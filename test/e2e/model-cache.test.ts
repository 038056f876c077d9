/**
 * A slot planned afresh takes the compose model another slot saved, and spawns no `docker` at all
 * for it (neither `compose config` nor `compose version`), seen through a `docker` on PATH that
 * logs its argv and runs the real one. Any input compose reads changing (an included file, a
 * service's env_file) makes it resolve again; the saved plan's key holds env_file files too.
 *
 * Needs Docker Compose (`config` only; no container is started). Project `ds-mc-spawn`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeInstanceDir } from '../../scripts/adapters/fs.js';
import { readPlanCache } from '../../scripts/load/plan-cache.js';
import { SENTINEL } from '../../scripts/load/model-cache.js';
import { devslotVersion } from '../../scripts/version.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { tempProject } from '../helpers/project.js';
import { hasCompose, requireTool } from '../helpers/tools.js';

const isRoot = process.getuid?.() === 0;

describe.skipIf(!requireTool(hasCompose, 'docker compose'))('the saved compose model', () => {
  let p: ReturnType<typeof tempProject>;
  let bin: string;
  let log: string;
  let pm2Home: string;
  beforeAll(() => {
    p = tempProject(
      {
        'devslot.yaml': 'name: ds-mc-spawn\nslots: 4\ncompose:\n  files: [compose.yml]\n',
        'compose.yml': [
          'include: [extra.yml]',
          'services:',
          '  web:',
          '    image: busybox:1.35',
          '    ports: ["46010:80"]',
          '    env_file: web.env',
          '    environment:',
          '      - P=${COMPOSE_PROJECT_NAME}',
          '  probe:',
          '    image: busybox:1.35',
          '    network_mode: host',
          '    command: ["httpd", "-p", "${DEVSLOT_PORT_WEB:-46010}"]',
          '',
        ].join('\n'),
        'extra.yml': 'services:\n  cache:\n    image: redis:7\n    ports: ["46020:6379"]\n',
        'web.env': 'GREETING=hello\n',
      },
      'ds-mc-spawn-',
    );
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-mc-bin-'));
    pm2Home = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-mc-pm2-'));
    log = path.join(bin, 'argv.log');
    const real = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
    // One line per call, the words joined by spaces (the log is only read, never run).
    fs.writeFileSync(path.join(bin, 'docker'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
  });
  afterAll(() => {
    p.remove();
    fs.rmSync(bin, { recursive: true, force: true });
    fs.rmSync(pm2Home, { recursive: true, force: true });
  });

  const env = () => cleanEnv({ PATH: `${bin}:${process.env.PATH}`, PM2_HOME: pm2Home });
  /** The docker calls one CLI run made. */
  const calls = async (args: string[]) => {
    fs.writeFileSync(log, '');
    const r = await runCli(args, { cwd: p.root, env: env() });
    expect(r.code, r.stderr).toBe(0);
    return { out: r.stdout, docker: fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) };
  };
  const saved = (slot: number) => path.join(p.root, '.instances', `instance-${slot}`, '.compose-model.json');

  it('is saved 0600 under the sentinel name, with the host-network service that follows the port variables', async () => {
    const { docker } = await calls(['1', 'init']);
    expect(docker.filter((c) => / config --format json$/.test(c)).length).toBeGreaterThan(0);
    expect(fs.statSync(saved(1)).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(saved(1), 'utf8');
    expect(text).toContain(SENTINEL);
    expect(text).not.toContain('ds-mc-spawn-dev-1');
    expect(JSON.parse(text).hostAware).toEqual(['probe']);
  });

  it("lets another slot's fresh plan spawn no docker at all, and gives it its own names", async () => {
    const info = await calls(['2', 'info']);
    expect(info.docker).toEqual([]);
    const init = await calls(['2', 'init']);
    expect(init.docker).toEqual([]);
    expect(fs.existsSync(saved(2))).toBe(true);
    const override = fs.readFileSync(path.join(p.root, '.instances', 'instance-2', 'docker-compose.override.yml'), 'utf8');
    expect(override).toContain('"46210"');
    // Slot 2's saved plan holds the model with slot 2's name in it.
    const plan = readPlanCache(p.root, 2, env(), isRoot, devslotVersion(), path.join(p.root, 'devslot.yaml'));
    expect(plan?.project).toBe('ds-mc-spawn-dev-2');
  });

  it('gives the very plan compose would have given (the saved plan and files are byte-identical)', async () => {
    const dir2 = path.join(p.root, '.instances', 'instance-2');
    const snapshot = () => Object.fromEntries(fs.readdirSync(dir2).sort().map((f) => [f, fs.readFileSync(path.join(dir2, f), 'utf8')]));
    const fromSave = snapshot();
    for (const s of [1, 2]) fs.rmSync(saved(s));
    const { docker } = await calls(['2', 'init']);
    expect(docker.some((c) => / config --format json$/.test(c))).toBe(true);
    expect(snapshot()).toEqual(fromSave);
    await calls(['1', 'init']); // slot 1's save back, for what follows
  });

  it('is resolved again when an included file changes', async () => {
    p.write('extra.yml', 'services:\n  cache:\n    image: redis:7\n    ports: ["46021:6379"]\n');
    const { docker, out } = await calls(['3', 'info']);
    expect(docker.some((c) => / config --format json$/.test(c))).toBe(true);
    expect(out).toContain('46321');
  });

  it("drops the saved plan when a service's env_file changes (compose copies its values into the model)", async () => {
    const holds = () => readPlanCache(p.root, 1, env(), isRoot, devslotVersion(), path.join(p.root, 'devslot.yaml')) !== undefined;
    expect((await calls(['1', 'init'])).docker.some((c) => / config --format json$/.test(c))).toBe(true);
    expect(holds()).toBe(true);
    p.write('web.env', 'GREETING=changed\n');
    expect(holds()).toBe(false);
    expect((await calls(['1', 'info'])).docker.some((c) => / config --format json$/.test(c))).toBe(true);
  });

  it('goes with the slot when its folder is cleaned', () => {
    expect(removeInstanceDir(p.root, 2)).toEqual({ kept: [], foreign: [] });
    expect(fs.existsSync(path.dirname(saved(2)))).toBe(false);
  });
});

describe.skipIf(!requireTool(hasCompose, 'docker compose'))('compose refusing a model resolved under the sentinel', () => {
  it("names the slot's project, as compose would for it", async () => {
    const p = tempProject({
      'devslot.yaml': 'name: ds-mc-err\nslots: 2\ncompose:\n  files: [compose.yml]\n',
      'compose.yml': 'services:\n  a:\n    image: busybox:1.35\n    cpus: "${COMPOSE_PROJECT_NAME}"\n',
    }, 'ds-mc-err-');
    try {
      const r = await runCli(['1', 'info'], { cwd: p.root, env: cleanEnv() });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('parsing "ds-mc-err-dev-1"');
      expect(r.stderr).not.toContain(SENTINEL);
    } finally {
      p.remove();
    }
  });
});
