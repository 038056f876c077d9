import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeChildEnv, firstErrorLine, parseVersion, versionAtLeast, MIN_COMPOSE } from '../../scripts/adapters/compose.js';
import { parseHealth } from '../../scripts/adapters/docker.js';
import { commandOf, isPortFree } from '../../scripts/adapters/ports.js';
import { spawn } from 'node:child_process';
import { readTail } from '../../scripts/adapters/tail.js';
import { mergeByTime, parsePm2Line } from '../../scripts/render/log-merge.js';
import { containerReadiness } from '../../scripts/apply/readiness.js';
import type { ContainerView } from '../../scripts/adapters/docker.js';

describe('compose CLI quirks', () => {
  it('picks the error out of compose progress output', () => {
    const stderr = [
      ' Network app-dev-0_default  Creating',
      ' Network app-dev-0_default  Created',
      ' Container app-dev-0-web-1  Creating',
      'Error response from daemon: failed to create task: mount /x: not a directory',
    ].join('\n');
    expect(firstErrorLine(stderr)).toBe('Error response from daemon: failed to create task: mount /x: not a directory');
    expect(firstErrorLine('time="2026" level=warning msg="x"\nservice "ghost" has neither an image nor a build context specified\n')).toBe('service "ghost" has neither an image nor a build context specified');
    expect(firstErrorLine('')).toBe('no error text');
  });

  it.each([
    ['2.26.1-4', true],
    ['2.24.0', true],
    ['v2.23.3', false],
    ['1.29.2', false],
    ['2.30.0-desktop.1', true],
  ])('compose %s supports !override: %s', (text, ok) => {
    expect(versionAtLeast(parseVersion(text)!, MIN_COMPOSE)).toBe(ok);
  });

  it('keeps the shell\'s DEVSLOT_* and COMPOSE_* from beating devslot\'s own settings', () => {
    const env = composeChildEnv({ PATH: '/bin', DEVSLOT_PORT_API: '1', COMPOSE_PROJECT_NAME: 'x', COMPOSE_FILE: 'a', COMPOSE_PROFILES: 'p', HOME: '/h' }, { EXTRA: '1' });
    expect(env).toEqual({ PATH: '/bin', HOME: '/h', EXTRA: '1' });
  });
});

describe('readiness from a Docker list', () => {
  const c = (state: string, status: string, exitCode?: number): ContainerView => ({
    id: 'x', name: 'x', project: 'p', service: 's', slot: 1, root: '/r', state, health: parseHealth(status), exitCode, ports: [],
  });
  it.each([
    [[], 'waiting'],
    [[c('created', 'Created')], 'starting'],
    [[c('running', 'Up 1 second (health: starting)')], 'starting'],
    [[c('running', 'Up 3 seconds (unhealthy)')], 'starting'],
    [[c('running', 'Up 3 seconds (healthy)')], 'healthy'],
    [[c('running', 'Up 3 seconds')], 'healthy'],
    [[c('exited', 'Exited (0) 1 second ago', 0)], 'done'],
    [[c('exited', 'Exited (1) 1 second ago', 1)], 'failed'],
    [[c('running', 'Up (healthy)'), c('running', 'Up (health: starting)')], 'starting'],
  ])('%j → %s', (containers, state) => {
    expect(containerReadiness(containers as ContainerView[]).state).toBe(state);
  });
});

describe('logs', () => {
  it('reads PM2 ISO timestamps and merges sources stably by time', () => {
    expect(parsePm2Line('2026-11-22T05:11:14.503+00:00: worker: tick 7', 0)).toEqual({ time: Date.parse('2026-11-22T05:11:14.503Z'), text: 'worker: tick 7' });
    expect(parsePm2Line('no stamp here', 42)).toEqual({ time: 42, text: 'no stamp here' });
    const merged = mergeByTime([
      { time: 3, prefix: 'a', text: 'a3' },
      { time: 1, prefix: 'b', text: 'b1' },
      { time: 3, prefix: 'b', text: 'b3' },
      { time: 2, prefix: 'a', text: 'a2' },
    ]);
    expect(merged.map((e) => e.text)).toEqual(['b1', 'a2', 'a3', 'b3']);
  });

  it('reads only the tail of a large file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-tail-'));
    const file = path.join(dir, 'out.log');
    const lines = Array.from({ length: 50_000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const { lines: tail, size } = readTail(file, 3);
    expect(tail).toEqual(lines.slice(-3));
    expect(size).toBe(fs.statSync(file).size);
    expect(readTail(file, 0).lines).toEqual([]);
    expect(readTail(path.join(dir, 'missing.log'), 5)).toEqual({ lines: [], size: 0 });
    fs.rmSync(dir, { recursive: true });
  });
});

describe('ports', () => {
  it('does not take get-port\'s silent fallback for a free port', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      expect(await isPortFree(port)).toBe(false);
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(await isPortFree(port)).toBe(true);
  });

  it('answers "free" again for the same free port in one process (get-port locks what it hands out)', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((r) => server.close(r));
    // A second start in one process (a library caller) asks about the same ports again at once.
    expect([await isPortFree(port), await isPortFree(port), await isPortFree(port)]).toEqual([true, true, true]);
  });
});

describe('commandOf: a port holder named in one line', () => {
  it('folds the newlines of a multi-line argv (python -c, node -e) into spaces', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000);\n// second line'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 100));
      const cmd = commandOf(child.pid!);
      expect(cmd).not.toMatch(/\n/);
      expect(cmd).toContain('setTimeout(() => {}, 10000); // second line');
    } finally {
      child.kill();
    }
  });
});
