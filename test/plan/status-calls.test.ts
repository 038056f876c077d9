import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { bufferIo } from '../../scripts/io.js';
import type { ContainerView } from '../../scripts/adapters/docker.js';
import type { Pm2Proc } from '../../scripts/adapters/pm2.js';
import { devslot, tempProject } from '../helpers/project.js';

/**
 * Counts every call into the Docker and PM2 adapters while `status all` runs, on slots that were
 * initialized (slot.json, env files, an app with a health probe), so per-slot work on what is on
 * disk is counted too. The adapters are mocked here, so a lost socket or RPC fast path inside them
 * is invisible: test/adapters/status-wire.test.ts counts the same calls on the wire.
 */
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
  // Learned from the list's own answer headers: no request (status-wire.test.ts counts the wire).
  engineIdentity: vi.fn(async () => ({ kind: 'docker', version: 'test' })),
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
  let initialized = 0;
  afterAll(() => p?.remove());

  // One project; each case initializes the slots it adds (init runs compose config: ~0.3 s a slot).
  it.each([1, 3, 8])('%i slots', async (n) => {
    p ??= tempProject({
      'devslot.yaml': 'name: count\nslots: 50\nstride: 10\ncompose:\n  files: [compose.yml]\nports:\n  api: 38611\npm2:\n  config: pm2.config.cts\nhealth:\n  api: { tcp: "127.0.0.1:{{ports.api}}" }\n',
      'compose.yml': 'services:\n  web:\n    image: busybox:1.35\n    ports: ["127.0.0.1:38180:80"]\n',
      'pm2.config.cts': "export default { apps: [{ name: 'api', script: 'api.js' }] };\n",
      'api.js': '',
    });
    const root = p.root;
    containers = [];
    procs = [];
    for (; initialized < n; initialized++) {
      const init = await devslot(root, [String(initialized), 'init', '--quiet']);
      expect(init.code, init.stderr).toBe(0);
    }
    for (let slot = 0; slot < n; slot++) {
      expect(fs.existsSync(path.join(root, `.instances/instance-${slot}/slot.json`))).toBe(true);
      containers.push({ id: `c${slot}`, name: `count-dev-${slot}-web-1`, project: `count-dev-${slot}`, service: 'web', slot, root, state: 'running', health: 'healthy', exitCode: undefined, ports: [{ hostIp: '', published: 8080 + slot, target: 80, protocol: 'tcp' }] });
      procs.push({ id: slot, name: `api-${slot}`, namespace: `count-dev-${slot}`, status: 'online', pid: 1000 + slot, restarts: 0, uptimeSince: 0, outLog: undefined, errLog: undefined, env: { DEVSLOT_ROOT: root } });
    }
    calls.docker = 0;
    calls.pm2 = 0;
    const io = bufferIo();
    const config = await loadConfig(root);
    await statusCommand({ io, config, signal: new AbortController().signal, cwd: root, env: {}, isRoot: true, options: { json: true, dryRun: false, yes: false, timeout: 120, follow: true, service: [], quiet: false, explain: false, showSecrets: false, force: false } }, { kind: 'all' });
    const out = JSON.parse(io.stdout.join('')) as { slots: { slot: number; services: { name: string; state: string; native: string }[] }[] };
    expect(out.slots.map((s) => s.slot)).toEqual(Array.from({ length: n }, (_, i) => i));
    for (const s of out.slots) expect(s.services.map((x) => `${x.name}:${x.state}:${x.native}`)).toEqual(['web:running:running', 'api:running:online']); // one vocabulary, PM2's word beside it (issue 15)
    expect(calls).toEqual({ docker: 1, pm2: 1 });
  }, 60_000);
});
