import { describe, expect, it } from 'vitest';
import { healthWord, identityFromHeaders, identityFromVersion } from '../../scripts/adapters/docker.js';
import { hostPrerequisite } from '../../scripts/adapters/compose.js';
import { projectOfArgv } from '../../scripts/plan/compose-argv.js';

/** ISSUE 18: which engine answers, and the engine's words for host prerequisites, as tables (texts as Podman 4.3.1 and Docker 20.10 send them here). */
describe('engine identity', () => {
  it.each([
    [{ server: 'Libpod/4.3.1 (linux)', 'libpod-api-version': '4.3.1', 'api-version': '1.41' }, { kind: 'podman', version: '4.3.1' }],
    [{ server: 'Docker/20.10.24+dfsg1 (linux)', 'api-version': '1.41' }, { kind: 'docker', version: '20.10.24+dfsg1' }],
    [{ 'libpod-api-version': '5.0.1' }, { kind: 'podman', version: '5.0.1' }],
    [{ 'content-type': 'application/json' }, undefined],
  ])('headers %j', (headers, want) => {
    expect(identityFromHeaders(headers)).toEqual(want);
  });

  it('GET /version: Podman names itself as a component; Docker is the Engine component', () => {
    expect(identityFromVersion({ Platform: { Name: 'linux/amd64/debian-12' }, Components: [{ Name: 'Podman Engine', Version: '4.3.1' }, { Name: 'Conmon', Version: 'x' }], Version: '4.3.1' })).toEqual({ kind: 'podman', version: '4.3.1' });
    expect(identityFromVersion({ Platform: { Name: 'Podman Engine' }, Version: '4.9.0' })).toEqual({ kind: 'podman', version: '4.9.0' });
    expect(identityFromVersion({ Platform: { Name: '' }, Components: [{ Name: 'Engine', Version: '20.10.24+dfsg1' }, { Name: 'containerd', Version: '1.6' }], Version: '20.10.24+dfsg1' })).toEqual({ kind: 'docker', version: '20.10.24+dfsg1' });
    expect(identityFromVersion({ Platform: { Name: 'Docker Engine - Community' }, Version: '26.1.0' })).toEqual({ kind: 'docker', version: '26.1.0' });
  });

  it('health words from a structured field; anything else is none', () => {
    expect(['healthy', 'unhealthy', 'starting', '', 'Up 3 seconds'].map(healthWord)).toEqual(['healthy', 'unhealthy', 'starting', 'none', 'none']);
  });

  it('the project of a planned compose argv', () => {
    expect(projectOfArgv(['docker', 'compose', '-p', 'x-dev-1', '-f', 'a.yml', 'up', '--detach'])).toBe('x-dev-1');
    expect(projectOfArgv(['docker', 'compose', 'up'])).toBeUndefined();
  });
});

describe('host prerequisites, in one line with the fix', () => {
  it.each([
    ['Error response from daemon: container create: container-init binary not found on the host: stat /usr/libexec/podman/catatonit: no such file or directory', /install catatonit.*or remove `init: true`/],
    ['Error response from daemon: runc: runc create failed: unable to start container process: error during container init: error setting rlimits for ready process: error setting rlimit type 7: operation not permitted: OCI permission denied', /default_ulimits.*containers\.conf.*ulimit -Hn/],
  ])('%s', (stderr, fix) => {
    const line = hostPrerequisite(`Container x  Creating\n${stderr}\n`);
    expect(line).toMatch(fix);
    expect(line).not.toContain('\n');
  });

  it('other failures are left to compose\'s own words', () => {
    expect(hostPrerequisite('Error response from daemon: pull access denied for nope')).toBeUndefined();
  });
});
