import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listContainers } from '../../scripts/adapters/docker.js';
import { setCommandInterrupt } from '../../scripts/adapters/interrupt.js';
import { InterruptedError } from '../../scripts/errors.js';
import { cleanEnv, cliPath } from '../helpers/cli.js';
import { tempProject } from '../helpers/project.js';

/**
 * A frozen engine (a socket that accepts and never answers) must not hold the first Ctrl-C for the
 * call's whole 15 s bound: the call under way ends at once, and the command exits 130/143.
 */
vi.setConfig({ testTimeout: 20_000 });

describe('an engine call under way when the command is interrupted', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-interrupt-'));
  const sock = path.join(dir, 'silent.sock');
  const held: net.Socket[] = [];
  const server = net.createServer((s) => held.push(s));
  beforeAll(() => new Promise<void>((r) => server.listen(sock, r)));
  afterAll(() => {
    for (const s of held) s.destroy();
    server.close();
    setCommandInterrupt(undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ends at once with InterruptedError; a call begun after the interrupt is not cut short by it', async () => {
    const ac = new AbortController();
    setCommandInterrupt(ac.signal);
    const env = { DOCKER_HOST: `unix://${sock}` };
    const t = Date.now();
    const call = listContainers(env, []);
    setTimeout(() => ac.abort('SIGINT'), 300);
    await expect(call).rejects.toBeInstanceOf(InterruptedError);
    expect(Date.now() - t).toBeLessThan(3000);
    // After the interrupt (the undo's calls): bounded as usual, not rejected by the old interrupt.
    const after = listContainers(env, []);
    const raced = await Promise.race([after.then(() => 'answered', (e: Error) => e.constructor.name), new Promise((r) => setTimeout(() => r('still waiting'), 1000))]);
    expect(raced).toBe('still waiting');
    after.catch(() => undefined);
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('devslot status on a frozen engine: the first %s exits %i at once, one line', async (signal, code) => {
    const p = tempProject({ 'devslot.yaml': 'name: ds-interrupt\ncompose:\n  files: [compose.yml]\n', 'compose.yml': 'services:\n  a:\n    image: busybox:1.35\n' }, 'ds-interrupt-');
    try {
      const child = spawn(process.execPath, [cliPath, 'status', 'all'], { cwd: p.root, env: cleanEnv({ DOCKER_HOST: `unix://${sock}` }), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      await new Promise((r) => setTimeout(r, 1500));
      const t = Date.now();
      child.kill(signal);
      expect(await exited, stderr).toBe(code);
      expect(Date.now() - t).toBeLessThan(3000);
      expect(stderr.trim().split('\n').filter((l) => l.startsWith('devslot:'))).toEqual([expect.stringMatching(/^devslot: interrupted while waiting for the engine to /)]);
    } finally {
      p.remove();
    }
  });
});
