import { describe, expect, it } from 'vitest';
import { withForward, withForwardStop } from '../../scripts/plan/forward-ops.js';
import type { Operation } from '../../scripts/plan/operations.js';
import { sshDestination, sshError } from '../../scripts/adapters/ssh.js';

const op = (kind: string, extra: Record<string, unknown> = {}) => ({ slot: 2, kind, cause: 'c', ...extra }) as unknown as Operation;
const base = { slot: 2, project: 'p-dev-2', root: '/r', dir: '.instances/instance-2', host: 'ssh://box' };

describe('the port forward of a remote slot (issue 19)', () => {
  it('starts after the containers are up and before the apps; the pre-check learns the engine is remote', () => {
    const ops = withForward([op('check-ports', { ports: [] }), op('compose-up'), op('wait-containers'), op('pm2-start')], { ...base, forward: undefined, running: false });
    expect(ops.map((o) => o.kind)).toEqual(['check-ports', 'compose-up', 'wait-containers', 'forward-ports', 'pm2-start']);
    expect(ops[0]).toMatchObject({ remote: { host: 'ssh://box', forwarded: [] } });
  });
  it('an old forward goes first, and its live ports are not a conflict here', () => {
    const forward = { ports: [40379], alive: true, pid: 9, host: 'ssh://box' };
    const ops = withForward([op('check-ports', { ports: [] }), op('compose-up'), op('wait-containers')], { ...base, forward, running: true });
    expect(ops.map((o) => o.kind)).toEqual(['check-ports', 'compose-up', 'wait-containers', 'stop-forward', 'forward-ports']);
    expect(ops[0]).toMatchObject({ remote: { forwarded: [40379] } });
  });
  it('a start with nothing to do restores a dead forward, and leaves a live one alone', () => {
    const dead = { ports: [1], alive: false, pid: 9, host: 'ssh://box' };
    expect(withForward([], { ...base, forward: dead, running: true }).map((o) => o.kind)).toEqual(['stop-forward', 'forward-ports']);
    expect(withForward([], { ...base, forward: { ...dead, alive: true }, running: true })).toEqual([]);
    expect(withForward([], { ...base, forward: undefined, running: false })).toEqual([]);
  });
  it('a local engine gets no forward', () => {
    const ops = [op('compose-up'), op('wait-containers')];
    expect(withForward(ops, { ...base, host: undefined, forward: undefined, running: false })).toBe(ops);
  });
  it('stop ends the forward before compose down; no record, no step', () => {
    const forward = { ports: [1], alive: true, pid: 9, host: 'ssh://box' };
    expect(withForwardStop([op('pm2-delete'), op('compose-down')], { slot: 2, root: '/r', dir: 'd', forward }).map((o) => o.kind)).toEqual(['pm2-delete', 'stop-forward', 'compose-down']);
    expect(withForwardStop([op('pm2-delete')], { slot: 2, root: '/r', dir: 'd', forward: undefined }).map((o) => o.kind)).toEqual(['pm2-delete']);
  });
});

describe('ssh as the transport', () => {
  it('leaves user, port and key to ssh_config unless DOCKER_HOST names them', () => {
    expect(sshDestination('ssh://box')).toEqual(['--', 'box']);
    expect(sshDestination('ssh://me@box:2222')).toEqual(['-p', '2222', '--', 'me@box']);
  });
  it('says host key, login or reachability in one line, never systemctl', () => {
    const key = sshError('ssh://box', '@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@\nHost key verification failed.\n').message;
    expect(key).toMatch(/host key does not match.*nothing was changed/);
    expect(sshError('ssh://box', 'root@box: Permission denied (publickey).').message).toMatch(/login to box failed.*IdentityFile/);
    expect(sshError('ssh://box', 'ssh: connect to host box port 22: Connection refused').message).toMatch(/ssh to box failed: ssh: connect to host box port 22: Connection refused/);
    for (const m of [key]) expect(m).not.toMatch(/systemctl|\n/);
  });
});
