import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { tempProject } from '../helpers/project.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * A project whose slots run on two engines (`engines:`), one of them off (a remote box asleep):
 * `status all` shows what the other engine and PM2 say, the off engine's slot with its containers
 * `unknown` (not `missing`: nothing says they are gone), and exits 2 with one line naming the engine
 * and the slot it could not see. The off engine is a socket path where nothing listens. Port 46910.
 */
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const NAME = 'ds-engine-down';
const PROJECT = {
  'devslot.yaml': `name: ${NAME}\nslots: 4\ncompose: { files: [compose.yml] }\n`,
  'compose.yml': 'services:\n  idle:\n    image: busybox:1.35\n    command: [sleep, "600"]\n    init: true\n    ports: ["46910:80"]\n',
};

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('status all with one of the project\'s engines off', () => {
  let p: ReturnType<typeof tempProject>;
  let daemon: ReturnType<typeof privatePm2>;
  let env: NodeJS.ProcessEnv;
  let off: string;
  const cli = (args: string[]) => runCli(args, { cwd: p.root, env, timeoutMs: 120_000 });

  beforeAll(async () => {
    off = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ds-engine-off-')), 'docker.sock');
    p = tempProject({ ...PROJECT, 'devslot.yaml': `${PROJECT['devslot.yaml']}engines:\n  "2": unix://${off}\n` }, 'ds-engine-down-');
    daemon = privatePm2();
    env = cleanEnv({ PM2_HOME: daemon.home });
    const started = await cli(['1', 'start', '--quiet']);
    expect(started.code, started.stderr).toBe(0);
    const init = await cli(['2', 'init', '--quiet']);
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(async () => {
    if (!p) return;
    await cli(['1', 'clean', '--yes', '--quiet']);
    await daemon.kill();
    p.remove();
    fs.rmSync(path.dirname(off), { recursive: true, force: true });
  });

  it('shows slot 1 running and slot 2 unknown, then exits 2 naming the engine and the slot', async () => {
    const r = await cli(['status', 'all']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^devslot: slot 2 shown without its containers: the Docker engine is not reachable at unix://${off.replace(/[.]/g, '\\.')} \\(ENOENT\\)`));
    const block = (slot: number) => r.stdout.slice(r.stdout.indexOf(`slot ${slot}  `)).split(/\n(?=slot |engine )/)[0]!;
    expect(block(1)).toMatch(/idle\s+container\s+running/);
    expect(block(2)).toMatch(/idle\s+container\s+unknown/);
    expect(block(2)).toContain('did not answer: containers unknown');
    expect(r.stdout).toContain(`engine  not reachable at unix://${off}`);
  });

  it('--json carries every slot, the off engine\'s with its error, and still exits 2', async () => {
    const r = await cli(['status', 'all', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    // One JSON document on stdout: the status, the failure inside it.
    const out = JSON.parse(r.stdout) as { slots: { slot: number; engineError?: string; services: { name: string; state: string }[] }[]; unreachable: { host: string; error: string }[] };
    expect(out.slots.map((s) => [s.slot, s.services.map((x) => x.state), !!s.engineError])).toEqual([[1, ['running'], false], [2, ['unknown'], true]]);
    expect(out.slots[1]!.engineError).toContain(`unix://${off}`);
    expect(out.unreachable).toEqual([{ engine: `unix://${off}`, host: `unix://${off}`, error: expect.stringContaining('ENOENT') }]);
  });

  it('ls lists slot 1 running and slot 2 unknown, exit 2 with the same one line; --json is one document', async () => {
    const r = await cli(['ls']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^devslot: slot 2 shown without its containers: the Docker engine is not reachable at .*\(ENOENT\)/)]);
    const row = (slot: number) => r.stdout.split('\n').find((l) => l.includes(`${NAME}-dev-${slot} `)) ?? '';
    // The default engine is `local`, or the DOCKER_HOST the run points at (the Podman pass).
    const here = (process.env.DOCKER_HOST ?? 'local').replace(/[.]/g, '\\.');
    expect(row(1)).toMatch(new RegExp(`running\\s+1/1 up\\s+${here}`));
    expect(row(2)).toMatch(/unknown\s+0\/1 up\s+unix:\/\//);
    const j = await cli(['ls', '--json']);
    expect(j.code).toBe(2);
    const out = JSON.parse(j.stdout) as { slots: { slot: number; state: string }[]; unreachable: { host: string }[] };
    expect(out.slots.map((s) => [s.slot, s.state])).toEqual([[1, 'running'], [2, 'unknown']]);
    expect(out.unreachable.map((u) => u.host)).toEqual([`unix://${off}`]);
  });

  it('a slot of the engine that answers is not held up by the other one', async () => {
    const r = await cli(['1', 'status']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/idle\s+container\s+running/);
  });
});

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('status all when the default engine, where the shared services run, is the one off', () => {
  let p: ReturnType<typeof tempProject>;
  let daemon: ReturnType<typeof privatePm2>;
  let env: NodeJS.ProcessEnv;
  let off: string;
  const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: p.root, env: { ...env, ...extra }, timeoutMs: 120_000 });

  beforeAll(async () => {
    off = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ds-engine-off-')), 'docker.sock');
    p = tempProject({
      // Slot 1 named on the engine this run uses (Docker, or Podman in the Podman pass): a start brings the
      // shared services up on its slot's engine, and the clean below must find them there.
      'devslot.yaml': `name: ${NAME}-infra\nslots: 4\ncompose: { files: [compose.yml] }\nshared: { services: [cache] }\nengines:\n  "1": ${process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock'}\n`,
      'compose.yml': 'services:\n  cache:\n    image: busybox:1.35\n    command: [sleep, "600"]\n    init: true\n  idle:\n    image: busybox:1.35\n    command: [sleep, "600"]\n    init: true\n',
    }, 'ds-engine-down-infra-');
    daemon = privatePm2();
    env = cleanEnv({ PM2_HOME: daemon.home });
    const started = await cli(['1', 'start', '--quiet']);
    expect(started.code, started.stderr).toBe(0);
  });
  afterAll(async () => {
    if (!p) return;
    await cli(['1', 'clean', '--yes', '--quiet']);
    await cli(['infra', 'clean', '--yes', '--quiet']);
    await daemon.kill();
    p.remove();
    fs.rmSync(path.dirname(off), { recursive: true, force: true });
  });

  it('slot 1 (on the engine that answers) shows running; the shared services unknown; exit 2 naming the default engine', async () => {
    const r = await cli(['status', 'all'], { DOCKER_HOST: `unix://${off}` });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^devslot: the Docker engine is not reachable at unix://${off.replace(/[.]/g, '\\.')} \\(ENOENT\\)`))]);
    expect(r.stdout).toMatch(/^infra {2}ds-engine-down-infra-infra {2}not seen: its engine did not answer\n {2}cache +shared +unknown/m);
    expect(r.stdout).toMatch(/slot 1 {2}ds-engine-down-infra-dev-1\n {2}idle +container +running/);
    const j = await cli(['status', 'all', '--json'], { DOCKER_HOST: `unix://${off}` });
    expect(j.code).toBe(2);
    const out = JSON.parse(j.stdout) as { infra: { services: { state: string }[]; engineError?: string }; slots: { slot: number; engineError?: string }[] };
    expect(out.infra.services.map((x) => x.state)).toEqual(['unknown']);
    expect(out.infra.engineError).toContain(`unix://${off}`);
    expect(out.slots.map((x) => [x.slot, !!x.engineError])).toEqual([[1, false]]);
  });
});
