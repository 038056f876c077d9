import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cliPath, run, runCli, type RunResult } from '../helpers/cli.js';
import { exampleCopy } from '../helpers/example.js';
import { jlist, privatePm2 } from '../helpers/pm2-home.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Issue 4 on the real engine and PM2: concurrent commands on one slot, SIGKILL and Ctrl-C during
 * start, preflight failures that create nothing, and a second checkout's slots surviving stop all.
 */
const NAME = 'devslot-rb';
const PORTS = { redis: 26379, web: 28080, api: 23211 };
const port = (which: keyof typeof PORTS, slot: number) => PORTS[which] + slot * 100;

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('robustness on a real engine and PM2', () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home });
  let a: ReturnType<typeof exampleCopy>;
  let b: ReturnType<typeof exampleCopy>;
  const cli = (root: string, args: string[], extra: NodeJS.ProcessEnv = {}, timeoutMs = 180_000) => runCli(args, { cwd: root, env: { ...env, ...extra }, timeoutMs });
  const docker = (args: string[]) => run('docker', args, { env, timeoutMs: 60_000 });
  const devslotLines = (r: RunResult) => r.stderr.split('\n').filter((l) => l.startsWith('devslot:'));
  const containers = async (slot: number) => (await docker(['ps', '-a', '--filter', `label=com.docker.compose.project=${NAME}-dev-${slot}`, '--format', '{{.Names}} {{.State}}'])).stdout.trim().split('\n').filter(Boolean).sort();
  // No daemon yet (a test run on its own): no apps, and asking would spawn one.
  const apps = async (slot: number) => (!fs.existsSync(path.join(pm2.home, 'rpc.sock')) ? [] : await jlist(pm2.pm2)).filter((p) => p.pm2_env.namespace === `${NAME}-dev-${slot}`).map((p) => `${p.name} ${p.pm2_env.status}`).sort();
  const networks = async (slot: number) =>
    (await docker(['network', 'ls', '--filter', `label=com.docker.compose.project=${NAME}-dev-${slot}`, '--format', '{{.Name}}'])).stdout.trim().split('\n').filter(Boolean);
  const volumesOfSlot = async (slot: number) =>
    (await docker(['volume', 'ls', '--filter', `label=com.docker.compose.project=${NAME}-dev-${slot}`, '--format', '{{.Name}}'])).stdout.trim().split('\n').filter(Boolean);
  /** `clean N --yes` succeeded and left nothing of the slot: containers, networks, volumes, apps, files. */
  const cleaned = async (root: string, slot: number) => {
    const r = await cli(root, ['clean', String(slot), '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(devslotLines(r)).toEqual([]);
    expect(await containers(slot)).toEqual([]);
    expect(await networks(slot)).toEqual([]);
    expect(await volumesOfSlot(slot)).toEqual([]);
    expect(await apps(slot)).toEqual([]);
    expect(fs.existsSync(path.join(root, `.instances/instance-${slot}`))).toBe(false);
  };
  const volumesOf = async (root: string) => (await docker(['volume', 'ls', '--filter', `label=dev.devslot.root=${root}`, '--format', '{{.Name}}'])).stdout.trim().split('\n').filter(Boolean);
  const healthy = async (slot: number) => {
    expect(await containers(slot)).toEqual([`${NAME}-dev-${slot}-redis-1 running`, `${NAME}-dev-${slot}-web-1 running`]);
    expect(await apps(slot)).toEqual([`api-${slot} online`, `worker-${slot} online`]);
    expect((await fetch(`http://127.0.0.1:${port('api', slot)}/health`)).status).toBe(200);
  };

  beforeAll(() => {
    a = exampleCopy(NAME, PORTS);
    b = exampleCopy(NAME, PORTS); // a second checkout of the same project, elsewhere
  });
  afterAll(async () => {
    await cli(a.root, ['clean', 'all', '--yes']);
    await cli(b.root, ['clean', 'all', '--yes']);
    await cli(a.root, ['infra', 'clean', '--yes']); // the example's shared Postgres and its volume
    await pm2.kill();
    a.remove();
    b.remove();
  }, 240_000);

  it('runs 5 concurrent `start 3` one at a time: one set of containers and apps, no raw errors', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => cli(a.root, ['3', 'start', '--timeout', '60'])));
    for (const r of results) {
      if (r.code === 2) expect(devslotLines(r)).toEqual([expect.stringMatching(/^devslot: slot 3 is busy: `devslot 3 start` \(pid \d+\)/)]);
      else expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/Error response|PM2 failed|compose up for slot 3 failed/);
    }
    await healthy(3);
  }, 400_000);

  // Each case says how far start got when the kill landed: the trigger fired, start had not
  // finished (no summary, killed rather than exited), and the slot shows that phase.
  it.each([
    [
      'after the files',
      (_line: string, slotJson: boolean) => slotJson,
      async (progress: string) => {
        expect(progress).not.toMatch(/api: starting/);
        expect(await apps(4)).toEqual([]);
      },
    ],
    [
      'during compose',
      (line: string) => /redis: starting/.test(line),
      async (progress: string) => {
        expect(progress).not.toMatch(/api: starting/);
        expect(await apps(4)).toEqual([]);
      },
    ],
    [
      'during PM2',
      (line: string) => /api: starting/.test(line),
      async (progress: string) => {
        expect(progress).not.toMatch(/api: (healthy|online)/);
        expect(await containers(4)).toEqual([`${NAME}-dev-4-redis-1 running`, `${NAME}-dev-4-web-1 running`]);
        expect((await apps(4)).map((x) => x.split(' ')[0])).toContain('api-4');
      },
    ],
  ])('converges after SIGKILL of start %s', async (_when, trigger, midStart) => {
    // From nothing: so slot.json, containers or apps seen below are this start's doing.
    await cleaned(a.root, 4);
    const child = spawn(process.execPath, [cliPath, '4', 'start', '--quiet'], { cwd: a.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const slotJson = path.join(a.root, '.instances/instance-4/slot.json');
    let buf = '';
    let stdout = '';
    let fired = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const check = () => {
      if (!fired && trigger(buf, fs.existsSync(slotJson))) {
        fired = true;
        child.kill('SIGKILL');
      }
    };
    child.stderr.on('data', (d: Buffer) => {
      buf += d.toString();
      check();
    });
    const timer = setInterval(check, 5);
    const end = await exited;
    clearInterval(timer);
    expect(fired, `start ended before the trigger: ${buf}`).toBe(true);
    expect(end, buf).toEqual({ code: null, signal: 'SIGKILL' });
    expect(stdout, 'start had printed its summary: the kill came after start finished').toBe('');
    await midStart(buf);

    const again = await cli(a.root, ['4', 'start']);
    expect(again.code, again.stderr).toBe(0);
    await healthy(4);
  }, 300_000);

  it('undoes what an interrupted start began, exits 130, and leaves other slots alone', async () => {
    await cleaned(a.root, 4);
    const child = spawn(process.execPath, [cliPath, '4', 'start', '--quiet'], { cwd: a.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      const had = /api: starting/.test(stderr);
      stderr += d.toString();
      if (!had && /api: starting/.test(stderr)) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/devslot: interrupted: undid what this start began for slot 4/);
    expect(await containers(4)).toEqual([]);
    expect(await apps(4)).toEqual([]);
    await healthy(3);
  }, 240_000);

  describe('preflight creates nothing when it fails', () => {
    const nothingOf5 = async () => {
      expect(await containers(5)).toEqual([]);
      expect(await apps(5)).toEqual([]);
    };

    it('names a process holding a port: port, service, pid and command', async () => {
      const server = net.createServer();
      await new Promise<void>((r) => server.listen(port('redis', 5), '127.0.0.1', r));
      try {
        const r = await cli(a.root, ['5', 'start']);
        expect(r.code).toBe(2);
        expect(devslotLines(r)).toEqual([expect.stringContaining(`port ${port('redis', 5)} (redis, service redis) of slot 5 is already in use by pid ${process.pid} (`)]);
      } finally {
        server.close();
      }
      await nothingOf5();
    }, 60_000);

    it("refuses, before any container, when a PM2 app of someone else has one of the slot's app names", async () => {
      const script = path.join(os.tmpdir(), `devslot-rb-idle-${process.pid}.js`);
      fs.writeFileSync(script, 'setInterval(() => {}, 1000);\n');
      expect((await pm2.pm2(['start', script, '--name', 'api-5'])).code).toBe(0);
      try {
        const r = await cli(a.root, ['5', 'start']);
        expect(r.code).toBe(2);
        expect(devslotLines(r)).toEqual([expect.stringContaining('a PM2 app named api-5 already exists in namespace default')]);
        expect(await containers(5)).toEqual([]);
        expect((await jlist(pm2.pm2)).filter((p) => p.name === 'api-5').map((p) => p.pm2_env.status)).toEqual(['online']);
      } finally {
        await pm2.pm2(['delete', 'api-5']);
        fs.rmSync(script, { force: true });
      }
      await nothingOf5();
    }, 60_000);

    it("names another project's container holding a port", async () => {
      const holder = 'devslot-rb-port-holder';
      await docker(['rm', '-f', holder]);
      expect((await docker(['run', '-d', '--name', holder, '-p', `127.0.0.1:${port('web', 5)}:80`, 'busybox:1.35', 'sleep', '300'])).code).toBe(0);
      try {
        const r = await cli(a.root, ['5', 'start']);
        expect(r.code).toBe(2);
        expect(devslotLines(r)).toEqual([expect.stringContaining(`port ${port('web', 5)} (web, service web) of slot 5 is already published by container ${holder}`)]);
      } finally {
        await docker(['rm', '-f', holder]);
      }
      await nothingOf5();
    }, 60_000);

    it('says the Docker engine is unreachable and how to start it', async () => {
      const r = await cli(a.root, ['5', 'start'], { DOCKER_HOST: 'unix:///tmp/devslot-no-such-docker.sock' });
      expect(r.code).toBe(2);
      expect(devslotLines(r)).toEqual([expect.stringMatching(/the Docker engine is not reachable at unix:\/\/\/tmp\/devslot-no-such-docker\.sock .*start it/)]);
      await nothingOf5();
    });

    it.each([
      ['missing', 'echo "docker: \'compose\' is not a docker command." >&2; exit 1', /Docker Compose v2 was not found: install Compose 2\.24\.0 or newer/],
      ['too old for !override', 'echo 2.20.3', /is version 2\.20\.3, but devslot needs Compose 2\.24\.0 or newer/],
    ])('says compose is %s, with the version needed', async (_what, body, message) => {
      const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-fakebin-'));
      fs.writeFileSync(path.join(bin, 'docker'), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
      try {
        const r = await cli(a.root, ['5', 'start'], { PATH: bin });
        expect(r.code).toBe(2);
        expect(devslotLines(r)).toEqual([expect.stringMatching(message)]);
      } finally {
        fs.rmSync(bin, { recursive: true, force: true });
      }
      await nothingOf5();
    });
  });

  describe('leftovers', () => {

    it('stop removes a network whose containers were removed by hand', async () => {
      const started = await cli(a.root, ['7', 'start', '--quiet']);
      expect(started.code, started.stderr).toBe(0);
      expect(await networks(7)).toEqual([`${NAME}-dev-7_default`]);
      const ids = (await docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${NAME}-dev-7`])).stdout.trim().split('\n').filter(Boolean);
      expect(ids).toHaveLength(2);
      expect((await docker(['rm', '-f', ...ids])).code).toBe(0);
      const r = await cli(a.root, ['7', 'stop']);
      expect(r.code, r.stderr).toBe(0);
      expect(await networks(7)).toEqual([]);
      expect(await apps(7)).toEqual([]);
    }, 240_000);

    it('`stop all --dry-run` shows a running slot that lost its files or fell out of range, and changes nothing', async () => {
      const started = await cli(a.root, ['9', 'start', '--quiet']);
      expect(started.code, started.stderr).toBe(0);
      const yaml = path.join(a.root, 'devslot.yaml');
      const original = fs.readFileSync(yaml, 'utf8');
      try {
        fs.rmSync(path.join(a.root, '.instances/instance-9'), { recursive: true });
        const dry = async () => {
          const r = await cli(a.root, ['stop', 'all', '--dry-run', '--json']);
          expect(r.code, r.stderr).toBe(0);
          return (JSON.parse(r.stdout) as { slot: number; operations: { kind: string; app?: string; argv?: string[] }[] }[]).find((s) => s.slot === 9);
        };
        // No files, in range: the planned operations.
        const planned = await dry();
        expect(planned?.operations.map((o) => o.app ?? o.argv?.slice(-4).join(' ') ?? o.kind)).toEqual(['api-9', 'worker-9', 'infra-detach', `-p ${NAME}-dev-9 down --remove-orphans`, 'release-claim']);
        expect(fs.existsSync(path.join(a.root, '.instances/instance-9'))).toBe(false);
        // Out of range (slots lowered to 9): what is running there.
        fs.writeFileSync(yaml, original.replace(/^slots: \d+$/m, 'slots: 9'));
        const observed = await dry();
        expect(observed?.operations.map((o) => o.kind)).toEqual(['pm2-delete', 'pm2-delete', 'infra-detach', 'compose-down', 'release-claim']);
        expect(observed?.operations[3]!.argv).toContain(`${NAME}-dev-9`);
        const restart = JSON.parse((await cli(a.root, ['restart', 'all', '--dry-run', '--json'])).stdout) as { slot: number }[];
        expect(restart.map((s) => s.slot)).not.toContain(9);
        expect(await containers(9)).toEqual([`${NAME}-dev-9-redis-1 running`, `${NAME}-dev-9-web-1 running`]);
        expect(await apps(9)).toEqual(['api-9 online', 'worker-9 online']);
      } finally {
        fs.writeFileSync(yaml, original);
        expect((await cli(a.root, ['9', 'stop'])).code).toBe(0);
      }
      expect(await containers(9)).toEqual([]);
      expect(await networks(9)).toEqual([]);
    }, 240_000);

    it("refuses to stop a slot whose project holds a network that is not this checkout's, and keeps it", async () => {
      const stray = `${NAME}-dev-8_default`;
      expect((await docker(['network', 'create', '--label', `com.docker.compose.project=${NAME}-dev-8`, stray])).code).toBe(0);
      try {
        const r = await cli(a.root, ['8', 'stop']);
        expect(r.code).toBe(2);
        expect(devslotLines(r)).toEqual([expect.stringContaining(`compose project ${NAME}-dev-8 holds network ${stray}`)]);
        expect(await networks(8)).toEqual([stray]);
      } finally {
        await docker(['network', 'rm', stray]);
      }
    });
  });

  describe('ownership', () => {
    it("refuses to start a slot whose project belongs to another checkout", async () => {
      const r = await cli(b.root, ['3', 'start']);
      expect(r.code).toBe(2);
      // The engine claim (issue 11) refuses it first, naming the checkout that holds it.
      expect(devslotLines(r)).toEqual([expect.stringContaining(`slot 3 is held on this Docker engine by the checkout at ${a.root}`)]);
      await healthy(3);
    });

    it("keeps a second checkout's slots running through the first checkout's stop all and clean all", async () => {
      const r = await cli(b.root, ['6', 'start']);
      expect(r.code, r.stderr).toBe(0);
      const stopped = await cli(a.root, ['stop', 'all', '--json']);
      expect(stopped.code, stopped.stderr).toBe(0);
      expect(JSON.parse(stopped.stdout).stopped.map((s: { slot: number }) => s.slot)).not.toContain(6);
      await healthy(6);
      expect((await cli(a.root, ['clean', 'all', '--yes'])).code).toBe(0);
      await healthy(6);
      expect(await containers(3)).toEqual([]);
    }, 240_000);
  });
  describe('`all` finds what a slot left behind', () => {
    it('stop all removes a network whose containers, apps and files are gone; clean all removes such a volume', async () => {
      for (const slot of [7, 9]) {
        const r = await cli(a.root, [String(slot), 'start', '--quiet']);
        expect(r.code, r.stderr).toBe(0);
      }
      // Slot 7: containers and apps removed by hand, files deleted: only its network is left.
      const ids = (await docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${NAME}-dev-7`])).stdout.trim().split('\n').filter(Boolean);
      expect((await docker(['rm', '-f', ...ids])).code).toBe(0);
      expect((await pm2.pm2(['delete', `${NAME}-dev-7`])).code).toBe(0);
      // Slot 9: stopped, files deleted: only its volume is left.
      expect((await cli(a.root, ['9', 'stop'])).code).toBe(0);
      for (const slot of [7, 9]) fs.rmSync(path.join(a.root, `.instances/instance-${slot}`), { recursive: true });
      expect(await networks(7)).toEqual([`${NAME}-dev-7_default`]);
      expect(await volumesOf(a.root)).toContain(`${NAME}-dev-9_redis-data`);

      const dry = JSON.parse((await cli(a.root, ['clean', 'all', '--dry-run', '--json'])).stdout) as { slot: number }[];
      expect(dry.map((s) => s.slot)).toEqual(expect.arrayContaining([7, 9]));
      expect(await networks(7)).toEqual([`${NAME}-dev-7_default`]);

      const stopped = await cli(a.root, ['stop', 'all', '--json']);
      expect(stopped.code, stopped.stderr).toBe(0);
      expect(JSON.parse(stopped.stdout).stopped.map((s: { slot: number }) => s.slot)).toContain(7);
      expect(await networks(7)).toEqual([]);
      expect(await volumesOf(a.root)).toContain(`${NAME}-dev-9_redis-data`); // stop keeps volumes

      const cleaned = await cli(a.root, ['clean', 'all', '--yes', '--json']);
      expect(cleaned.code, cleaned.stderr).toBe(0);
      expect(JSON.parse(cleaned.stdout).cleaned.map((s: { slot: number }) => s.slot)).toContain(9);
      expect(await volumesOf(a.root)).toEqual([]);
      await healthy(6); // the other checkout's slot is still there
    }, 240_000);
  });
});
