import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bufferIo } from '../../scripts/io.js';
import type { ContainerView } from '../../scripts/adapters/docker.js';
import type { Pm2Proc } from '../../scripts/adapters/pm2.js';
import { tempProject } from '../helpers/project.js';

/** Counts every call into the Docker and PM2 adapters while `status all` runs. */
const calls = { docker: 0, pm2: 0 };
let containers: ContainerView[] = [];
let procs: Pm2Proc[] = [];

vi.mock('../../scripts/adapters/docker.js', () => ({
  listContainers: vi.fn(async () => {
    calls.docker++;
    return containers;
  }),
  requireEngine: vi.fn(async () => {
    calls.docker++;
  }),
}));
vi.mock('../../scripts/adapters/pm2.js', () => ({
  listApps: vi.fn(async () => {
    calls.pm2++;
    return procs;
  }),
  pm2Home: () => '/nonexistent',
  withPm2: vi.fn(async () => {
    calls.pm2++;
    throw new Error('status must not open a PM2 session');
  }),
}));

const { statusCommand } = await import('../../scripts/commands/status.js');
const { loadConfig } = await import('../../scripts/config/load.js');

describe('status reads Docker once and PM2 once, whatever the number of slots', () => {
  let p: ReturnType<typeof tempProject> | undefined;
  afterEach(() => p?.remove());

  it.each([1, 5, 40])('%i slots', async (n) => {
    p = tempProject({ 'devslot.yaml': 'name: count\nslots: 50\ncompose:\n  files: [compose.yml]\n' });
    const root = p.root;
    containers = [];
    procs = [];
    for (let slot = 0; slot < n; slot++) {
      fs.mkdirSync(path.join(root, `.instances/instance-${slot}`), { recursive: true });
      containers.push({ id: `c${slot}`, name: `count-dev-${slot}-web-1`, project: `count-dev-${slot}`, service: 'web', slot, root, state: 'running', health: 'healthy', exitCode: undefined, ports: [{ hostIp: '', published: 8080 + slot, target: 80, protocol: 'tcp' }] });
      procs.push({ id: slot, name: `api-${slot}`, namespace: `count-dev-${slot}`, status: 'online', pid: 1000 + slot, restarts: 0, uptimeSince: 0, outLog: undefined, errLog: undefined, env: { DEVSLOT_ROOT: root } });
    }
    calls.docker = 0;
    calls.pm2 = 0;
    const io = bufferIo();
    const config = await loadConfig(root);
    await statusCommand({ io, config, signal: new AbortController().signal, cwd: root, env: {}, isRoot: true, options: { json: true, dryRun: false, yes: false, timeout: 120, follow: true, service: [], quiet: false, explain: false, showSecrets: false, force: false } }, { kind: 'all' });
    const out = JSON.parse(io.stdout.join('')) as { slots: { slot: number; services: { name: string; state: string }[] }[] };
    expect(out.slots).toHaveLength(n);
    expect(out.slots.every((s) => s.services.map((x) => `${x.name}:${x.state}`).join() === 'web:running,api:online')).toBe(true);
    expect(calls).toEqual({ docker: 1, pm2: 1 });
  });
});
