/**
 * `devslot check` on a fixture with one of every leak (test/fixtures/leaky) and on a clean project.
 * Needs the built CLI and the compose CLI (only `config`; nothing runs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_KINDS, type Finding } from '../../scripts/plan/check.js';
import { cleanEnv, repoRoot, runCli } from '../helpers/cli.js';
import { hasCompose, requireTool } from '../helpers/tools.js';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'leaky');

/** A copy outside the repository: inside it, devslot would lease a slot to this worktree. */
function copyFixture(): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-leaks-check-'));
  fs.cpSync(fixture, tmp, { recursive: true });
  return tmp;
}

const CLEAN_COMPOSE = `services:
  broker:
    image: busybox:1.35
    ports: ["21392:29092"]
    command: ["sh", "-c", "echo --advertise=localhost:21392 --bind=0.0.0.0:29092"]
    environment:
      CORS: http://localhost:21573
    volumes: ["./conf:/etc/conf:ro", "data:/data", "./src:/src"]
volumes:
  data: {}
`;
const CLEAN_CONFIG = `name: ds-leaks-clean
slots: 3
compose:
  files: [compose.yml]
  sharedMounts: [./src]
ports:
  web: 21573
env:
  web:
    from: web.env
`;

describe.skipIf(!requireTool(hasCompose, 'docker compose'))('devslot check', { timeout: 120_000 }, () => {
  let leaky: string;
  let clean: string;
  const env = cleanEnv();
  beforeAll(() => {
    leaky = copyFixture();
    clean = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-leaks-clean-'));
    fs.writeFileSync(path.join(clean, 'compose.yml'), CLEAN_COMPOSE);
    fs.writeFileSync(path.join(clean, 'devslot.yaml'), CLEAN_CONFIG);
    fs.writeFileSync(path.join(clean, 'web.env'), 'API=http://localhost:21392\nWEB_PORT=21573\n');
    fs.mkdirSync(path.join(clean, 'conf'));
    fs.writeFileSync(path.join(clean, 'conf', 'app.conf'), 'listen 0.0.0.0:29092\n');
  });
  afterAll(() => {
    for (const d of [leaky, clean]) fs.rmSync(d, { recursive: true, force: true });
  });

  it('reports each kind exactly once, with the file and the key', async () => {
    const r = await runCli(['check', '--json'], { cwd: leaky, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { slots: number[]; findings: Finding[] };
    expect(out.slots).toEqual([0]);
    const kinds = out.findings.map((f) => f.kind).sort();
    expect(kinds).toEqual([...FINDING_KINDS].sort());
    const by = Object.fromEntries(out.findings.map((f) => [f.kind, f]));
    expect(by['base-port-label']).toMatchObject({ file: 'compose.yml', service: 'broker', key: 'services.broker.labels.metrics.url', value: 'http://localhost:21092/metrics' });
    expect(by['base-port-env-file']).toMatchObject({ file: 'broker.env', service: 'broker', key: 'KAFKA_EXTERNAL_PORT', value: '21092' });
    expect(by['base-port-mounted-file']).toMatchObject({ file: 'conf/broker.conf:3', service: 'broker', value: 'external = http://host.docker.internal:21092' });
    expect(by['base-port-template']).toMatchObject({ file: 'api.env', key: 'env.api: BROKERS', value: 'broker-host:21092' });
    expect(by['base-port-pm2']).toMatchObject({ file: 'pm2.config.cjs', key: 'apps[api].env.API_PORT', value: '21173' });
    expect(by['foreign-port']).toMatchObject({ slot: 0, file: 'compose.yml', service: 'db', key: 'services.db.environment.SEARCH_URL' });
    expect(by['foreign-port']!.message).toMatch(/port 21200, which is minio of slot 2/);
    expect(by['shared-mount']).toMatchObject({ file: 'compose.yml', service: 'db', value: 'pgdata:/var/lib/postgresql/data' });
    expect(by['external-network']).toMatchObject({ key: 'networks.outside', value: 'ds-leaks-outside' });
    expect(by['external-volume']).toMatchObject({ key: 'volumes.cache', value: 'ds-leaks-cache' });
    expect(by['docker-socket']).toMatchObject({ service: 'agent' });
    expect(by['compose-lifecycle']).toMatchObject({ service: 'minio', key: 'services.minio.post_start' });
    expect(by.proxy).toMatchObject({ service: 'proxy' });
    for (const f of out.findings) expect(f.fix.length, f.kind).toBeGreaterThan(10);
    // Read-only: check writes nothing.
    expect(fs.existsSync(path.join(leaky, '.instances'))).toBe(false);
  });

  it('prints each finding with its file, key and fix for people', async () => {
    const r = await runCli(['2', 'check'], { cwd: leaky, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^check slot 2: 11 findings$/m); // in slot 2, 21200 is its own minio
    expect(r.stdout).toContain('base port in a label: compose.yml: services.broker.labels.metrics.url = http://localhost:21092/metrics');
    expect(r.stdout).toContain('fix: list pgdata under compose.perSlotMounts');
  });

  it('check all covers every slot; slot-dependent findings carry their slot', async () => {
    const r = await runCli(['check', 'all', '--json'], { cwd: leaky, env });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { slots: number[]; findings: Finding[] };
    expect(out.slots).toEqual([0, 1, 2, 3]);
    expect(out.findings.filter((f) => f.kind === 'foreign-port').map((f) => f.slot)).toEqual([0, 1, 3]);
    expect(out.findings.filter((f) => f.kind === 'shared-mount')).toHaveLength(1);
  });

  it('--strict and check.strict turn findings into exit 1', async () => {
    const r = await runCli(['check', '--strict'], { cwd: leaky, env });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^devslot: check found 12 findings and strict mode is on \(--strict\)/);
    const strictCopy = copyFixture();
    try {
      fs.appendFileSync(path.join(strictCopy, 'devslot.yaml'), 'check:\n  strict: true\n');
      const s = await runCli(['check'], { cwd: strictCopy, env });
      expect(s.code).toBe(1);
      expect(s.stderr).toMatch(/check\.strict in devslot\.yaml/);
    } finally {
      fs.rmSync(strictCopy, { recursive: true, force: true });
    }
  });

  it('init prints the findings in a few lines and goes on', async () => {
    const copy = copyFixture();
    try {
      const r = await runCli(['1', 'init'], { cwd: copy, env });
      expect(r.code).toBe(0);
      const lines = r.stderr.trim().split('\n');
      expect(lines[0]).toMatch(/^warning: 12 things devslot cannot move or that every slot shares \(see `devslot check 1`\):$/);
      expect(lines.length).toBeLessThanOrEqual(5);
      expect(r.stdout).toMatch(/slot 1 \(ds-leaks-fixture-dev-1\)/);
      expect(fs.existsSync(path.join(copy, '.instances', 'instance-1', 'docker-compose.override.yml'))).toBe(true);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('finds nothing on a clean project (rewritten tokens, bind addresses, read-only and shared mounts)', async () => {
    const r = await runCli(['check', 'all', '--json'], { cwd: clean, env });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ slots: [0, 1, 2], strict: false, findings: [] });
    const h = await runCli(['1', 'check', '--strict'], { cwd: clean, env });
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^check slot 1: nothing found/);
    const init = await runCli(['1', 'init'], { cwd: clean, env });
    expect(init.stderr).toBe('');
  });
});
