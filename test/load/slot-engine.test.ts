import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineRange } from '../../scripts/config/engines.js';
import { ConfigError } from '../../scripts/errors.js';
import { engineGroups, engineWhere, slotEnv } from '../../scripts/load/slot-engine.js';

/** A docker CLI config folder with contexts, as `docker context create` writes them. */
const dockerConfig = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-contexts-'));
const addContext = (name: string, host: string, tls = false) => {
  const id = crypto.createHash('sha256').update(name).digest('hex');
  fs.mkdirSync(path.join(dockerConfig, 'contexts', 'meta', id), { recursive: true });
  fs.writeFileSync(path.join(dockerConfig, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  if (tls) fs.mkdirSync(path.join(dockerConfig, 'contexts', 'tls', id, 'docker'), { recursive: true });
};
addContext('builder', 'ssh://ci@build-box');
addContext('secure', 'tcp://box:2376', true);
afterAll(() => fs.rmSync(dockerConfig, { recursive: true, force: true }));

const cfg = (engines: EngineRange[]) => ({ engines });
const base = { PATH: '/usr/bin', DOCKER_CONFIG: dockerConfig };

describe('the engine each slot talks to (issue 19)', () => {
  // [engines, the user's DOCKER_HOST, slot → the DOCKER_HOST its commands get (undefined: none set)]
  const table: [string, EngineRange[], string | undefined, Record<number, string | undefined>][] = [
    ['no engines: the user\'s default everywhere', [], undefined, { 0: undefined, 7: undefined }],
    ['no engines, DOCKER_HOST set: kept', [], 'unix:///run/podman/podman.sock', { 0: 'unix:///run/podman/podman.sock' }],
    ['a host value', [{ from: 2, to: 5, engine: 'ssh://b' }], undefined, { 1: undefined, 2: 'ssh://b', 5: 'ssh://b', 6: undefined }],
    ['the user\'s DOCKER_HOST stays the default for slots without an entry', [{ from: 2, to: 2, engine: 'ssh://b' }], 'tcp://mine:2375', { 0: 'tcp://mine:2375', 2: 'ssh://b' }],
    ['a context name, resolved from the docker CLI\'s store', [{ from: 1, to: 1, engine: 'builder' }], undefined, { 0: undefined, 1: 'ssh://ci@build-box' }],
    ['`default` is the default engine, the user\'s DOCKER_HOST', [{ from: 0, to: 3, engine: 'default' }], 'tcp://mine:2375', { 0: 'tcp://mine:2375' }],
  ];
  it.each(table)('%s', (_what, engines, userHost, want) => {
    const env = userHost ? { ...base, DOCKER_HOST: userHost } : base;
    for (const [slot, host] of Object.entries(want)) {
      const got = slotEnv(cfg(engines), env, Number(slot));
      expect([slot, got.DOCKER_HOST]).toEqual([slot, host]);
      expect(got.PATH).toBe('/usr/bin');
    }
  });

  it('engine groups: the default engine first, each slot owned by exactly one', () => {
    const groups = engineGroups(cfg([{ from: 2, to: 3, engine: 'ssh://b' }, { from: 4, to: 4, engine: 'builder' }, { from: 5, to: 5, engine: 'ssh://b' }]), base);
    expect(groups.map((g) => g.host)).toEqual([undefined, 'ssh://b', 'ssh://ci@build-box']);
    expect(groups.map((g) => g.env.DOCKER_HOST)).toEqual([undefined, 'ssh://b', 'ssh://ci@build-box']);
    for (let slot = 0; slot < 8; slot++) expect(groups.filter((g) => g.owns(slot))).toHaveLength(1);
    expect([0, 1, 2, 3, 4, 5, 6].map((s) => groups.findIndex((g) => g.owns(s)))).toEqual([0, 0, 1, 1, 2, 1, 0]);
    // A slot naming the default engine's own host is on the default engine: one group, one login.
    expect(engineGroups(cfg([{ from: 0, to: 1, engine: 'ssh://b' }]), { ...base, DOCKER_HOST: 'ssh://b' })).toHaveLength(1);
  });

  it('where a slot runs, as ls and status show it', () => {
    expect(engineWhere(undefined)).toBe('local');
    expect(engineWhere('ssh://b')).toBe('ssh://b');
  });

  it('a context that does not exist, or uses TLS, is one line naming it and what to do', () => {
    const err = (engine: string) => {
      try {
        slotEnv(cfg([{ from: 0, to: 0, engine }]), base, 0);
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const missing = err('nosuch');
    expect(missing).toBeInstanceOf(ConfigError);
    expect((missing as Error).message).toMatch(/^engines: no Docker context named "nosuch" .*; create it \(`docker context create nosuch --docker host=ssh:\/\/user@host`\), or write the DOCKER_HOST value instead$/);
    expect((err('secure') as Error).message).toMatch(/^engines: the Docker context "secure" uses TLS certificates/);
  });
});
