import type { Operation } from './operations.js';

/** A slot's port forward as observed: its record (`.instances/instance-N/.forward.json`) and whether it runs. */
export interface ForwardView {
  ports: number[];
  alive: boolean;
  pid: number;
  host: string;
}

export const FORWARD_FILE = '.forward.json';

/**
 * DESIGN §15: on a remote engine (DOCKER_HOST=ssh://…) every published port of a running slot is
 * forwarded to 127.0.0.1 here. The forward starts once the containers are up (before the apps, which
 * talk to them through it); an old forward goes first (its ports would collide). A start with
 * nothing else to do still restores a forward that died (the ssh connection dropped). The port
 * pre-check is told which ports the slot's own forward holds here, and that the engine is remote.
 */
export function withForward(ops: Operation[], s: { slot: number; project: string; root: string; dir: string; host: string | undefined; forward: ForwardView | undefined; running: boolean }): Operation[] {
  if (!s.host) return ops;
  const host = s.host;
  const file = `${s.dir}/${FORWARD_FILE}`;
  const stop: Operation[] = s.forward ? [{ slot: s.slot, kind: 'stop-forward', root: s.root, file, cause: s.forward.alive ? 'the forward is made anew with the slot\'s ports' : 'its ssh connection ended' }] : [];
  const fwd: Operation = { slot: s.slot, kind: 'forward-ports', project: s.project, root: s.root, file, host, cause: 'the slot runs on a remote engine: its published ports are reached at 127.0.0.1 here, as on a local engine' };
  if (!ops.length) return s.running && !s.forward?.alive ? [...stop, fwd] : [];
  const out: Operation[] = [];
  const forwarded = s.forward?.alive ? s.forward.ports : [];
  for (const op of ops) {
    out.push(op.kind === 'check-ports' ? { ...op, remote: { host, forwarded } } : op);
    if (op.kind === 'wait-containers') out.push(...stop, fwd);
  }
  return out;
}

/** stop/clean: the forward ends before the containers go (nothing left listening for them here). */
export function withForwardStop(ops: Operation[], s: { slot: number; root: string; dir: string; forward: ForwardView | undefined }): Operation[] {
  if (!s.forward) return ops;
  const stop: Operation = { slot: s.slot, kind: 'stop-forward', root: s.root, file: `${s.dir}/${FORWARD_FILE}`, cause: 'the slot stops: its port forward from the remote engine ends' };
  const at = ops.findIndex((o) => o.kind === 'compose-down');
  return at < 0 ? [...ops, stop] : [...ops.slice(0, at), stop, ...ops.slice(at)];
}
