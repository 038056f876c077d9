import os from 'node:os';
import path from 'node:path';
import { runCompose } from '../adapters/compose.js';
import { claimVolume, engineIdentity, removeVolume } from '../adapters/docker.js';
import { runHealthchecksWhileWaiting } from './engine-health.js';
import { projectOfArgv } from '../plan/compose-argv.js';
import { removeInstanceDir, writeAtomic, writeInstance, writeProjectFile, type WriteReport } from '../adapters/fs.js';

export type { WriteReport };
import { deleteAppsById, withPm2, type Pm2Session } from '../adapters/pm2.js';
import { InterruptedError, RuntimeError } from '../errors.js';
import { claimedError, claimFrom, claimLabels, heldBy } from '../plan/claim.js';
import type { Operation } from '../plan/operations.js';
import { copyStep, type CopyState } from './copy.js';
import { recordCreated, runHookStep } from './hooks.js';
import { infraAttach, infraDetach, infraUp } from './infra.js';
import { endLeases } from './leases.js';
import { applyResource, copyResource } from './resources.js';
import { endForward, startForward } from './forward.js';
import { sendImage } from './images.js';
import { checkPortsFree } from './preflight.js';
import { createSlotMounts } from './slot-mounts.js';
import { waitForApps } from './wait-apps.js';
import { isReady, waitForContainers } from './readiness.js';
import { lastContainerLines } from '../observe/log-tail.js';

/**
 * The one executor: runs a list of operations in order, one switch on the kind, and reports each
 * one before it runs (`trace`: the same text `--dry-run` prints for it). It stops at the first
 * failure or at Ctrl-C (InterruptedError); what ran is in the result for the caller's undo.
 */
export interface Runtime {
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** When the waits give up (ms since the epoch): now + --timeout. */
  deadline: number;
  timeoutSeconds: number;
  /** Live progress per service. */
  progress: (name: string, kind: 'container' | 'process' | 'hook', state: string, detail?: string) => void;
  /** Each operation as it starts. */
  trace?: (op: Operation) => void;
  /** Each line a hook step prints. */
  hookOutput?: (label: string, line: string) => void;
}

export interface Executed {
  done: Operation[];
  /** Apps whose probe passed while waiting (base names). */
  healthy: Set<string>;
  written?: WriteReport;
  /** remove-dir: what it kept (the user's *.local.env). */
  removed?: { kept: string[]; foreign?: string[] };
  /** ensure-resource / drop-resource: what each did, one line each. */
  resources?: string[];
  /** Clone, snapshot: how long the source was held still. */
  paused?: CopyState['paused'];
}

export async function execute(ops: Operation[], rt: Runtime, done: Operation[] = []): Promise<Executed> {
  const result: Executed = { done, healthy: new Set() };
  let connectFailed: { error: unknown } | undefined;
  const run = async (pm2: () => Promise<Pm2Session>) => {
    for (const op of ops) {
      if (rt.signal.aborted) throw new InterruptedError('interrupted');
      // PM2 that cannot be reached fails the run before the next operation, not at the first app.
      if (connectFailed) throw connectFailed.error;
      rt.trace?.(op);
      await step(op, rt, pm2, result);
      result.done.push(op);
    }
  };
  if (!ops.some((o) => o.kind === 'pm2-start' || o.kind === 'pm2-restart')) {
    await run(() => Promise.reject(new Error('no PM2 session in this run')));
    return result;
  }
  // One PM2 API connection for every start and restart of the run (connecting costs ~50 ms each),
  // opened beside the operations before the first app's: loading PM2's API (~0.2 s of CPU) then
  // overlaps the waits for the engine and the databases instead of coming first.
  let handOver!: (s: Pm2Session) => void;
  let finished!: () => void;
  const session = new Promise<Pm2Session>((r) => (handOver = r));
  const held = withPm2(rt.env, async (s) => {
    handOver(s);
    await new Promise<void>((r) => (finished = r));
  });
  held.catch((error: unknown) => (connectFailed = { error })); // met before the next operation, or where the session is awaited
  const pm2 = () => Promise.race([session, held.then(() => Promise.reject(new Error('the PM2 session ended')))]);
  try {
    await run(pm2);
  } finally {
    // Disconnects once connected; a connect still under way is waited for (it has its own bound).
    void session.then(() => finished());
    await held.catch(() => undefined);
  }
  return result;
}

async function step(op: Operation, rt: Runtime, pm2: () => Promise<Pm2Session>, result: Executed): Promise<void> {
  switch (op.kind) {
    case 'claim-slot': {
      const labels = await claimVolume(rt.env, op.name, claimLabels(op.project, op));
      const holder = claimFrom(op.project, [{ name: op.name, labels }])!;
      if (!heldBy(holder, op)) throw claimedError(op.slot, holder, op.root);
      return;
    }
    case 'release-claim':
      return removeVolume(rt.env, op.name);
    case 'check-ports':
      return checkPortsFree(rt.env, op);
    case 'write-files':
      result.written = writeInstance(op.root, op.dir, op.files);
      return;
    case 'make-mounts':
      createSlotMounts({ root: op.root, compose: { mounts: op.mounts } });
      return;
    case 'compose-up':
    {
      for (const svc of op.services) rt.progress(svc, 'container', 'starting');
      // Bounded by --timeout; on Podman, `service_healthy` dependencies need their checks run (engine-health.ts), and builds need the classic builder.
      const podman = (await engineIdentity(rt.env)).kind === 'podman';
      const project = projectOfArgv(op.argv);
      const stopChecks = project ? runHealthchecksWhileWaiting(rt.env, project, rt.signal) : () => {};
      try {
        await runCompose(op.argv, op.cwd, rt.env, `compose up for slot ${op.slot}`, rt.signal, { timeoutMs: rt.deadline - Date.now(), ...(podman ? { extraEnv: { DOCKER_BUILDKIT: '0' } } : {}) });
      } finally {
        stopChecks();
      }
      return;
    }
    case 'wait-containers': {
      for (const svc of op.services) rt.progress(svc, 'container', 'starting');
      const stopChecks = runHealthchecksWhileWaiting(rt.env, op.project, rt.signal);
      const last = await waitForContainers(rt.env, op.project, op.services, rt.deadline, (svc, r) => rt.progress(svc, 'container', r.state, r.detail), rt.signal).finally(stopChecks);
      if (rt.signal.aborted) throw new InterruptedError('interrupted');
      const notReady = [...last].filter(([, r]) => !isReady(r.state));
      if (!notReady.length) return;
      const failed = notReady.find(([, r]) => r.state === 'failed');
      const [svc, r] = failed ?? notReady[0]!;
      const why = failed ? `${svc} ${r.detail}` : `not ready after ${rt.timeoutSeconds}s: ${notReady.map(([s, x]) => `${s} (${x.detail})`).join(', ')}`;
      const tail = await lastContainerLines(rt.env, op.project, svc, 5);
      throw new RuntimeError(`slot ${op.slot}: ${why}${tail.length ? `; last log lines of ${svc}: ${tail.join(' ⏎ ')}` : ''}; see \`devslot ${op.slot} logs --service ${svc}\`, or \`devslot ${op.slot} stop\``);
    }
    case 'pm2-delete':
      return deleteAppsById(rt.env, [op.id]);
    case 'pm2-start':
      // PM2 rewrites the options object it is given (env, paths): give it a copy, keep the operation as planned.
      await (await pm2()).start(structuredClone(op.options));
      rt.progress(op.app.replace(/-\d+$/, ''), 'process', 'starting');
      return;
    case 'pm2-restart':
      return (await pm2()).restart(op.id);
    case 'wait-apps': {
      const healthy = await waitForApps(rt, op);
      for (const base of healthy) result.healthy.add(base);
      return;
    }
    case 'compose-down':
      // A neutral cwd keeps compose from loading some other compose file it would find there.
      return downAndSweep(rt.env, op.anonymousVolumes, () => runCompose(op.argv, op.cwd || os.tmpdir(), rt.env, `compose down for slot ${op.slot}`));
    case 'compose-restart':
      await runCompose(op.argv, op.cwd, rt.env, `compose restart for slot ${op.slot}`, rt.signal);
      return;
    case 'forward-ports':
      return startForward(rt.env, op);
    case 'stop-forward':
      return endForward(op);
    case 'send-image':
      return sendImage(rt.env, op.image, rt.signal);
    case 'remove-dir':
      result.removed = removeInstanceDir(op.root, op.slot) ?? { kept: [] };
      return;
    case 'record-applied':
      writeAtomic(path.join(op.root, op.file), op.mark, 0o644);
      return;
    case 'end-leases':
      return endLeases(op.commonDir, op.name, op.worktrees);
    case 'infra-up':
      return infraUp(op, { ...rt, progress: (name, state, detail) => rt.progress(name, 'container', state, detail) });
    case 'compose-create':
      await runCompose(op.argv, op.cwd, rt.env, `compose create for slot ${op.slot}`, rt.signal);
      return;
    case 'infra-attach':
      return infraAttach(op, rt.env);
    case 'infra-detach':
      return infraDetach(op, rt.env);
    case 'infra-down':
      return downAndSweep(rt.env, op.anonymousVolumes, () => runCompose(op.argv, os.tmpdir(), rt.env, `compose down of the shared services (${op.project})`));
    case 'hook-step':
      rt.progress(op.step.label, 'hook', 'running');
      try {
        await runHookStep(op, { env: rt.env, signal: rt.signal, ...(rt.hookOutput ? { output: rt.hookOutput } : {}) });
      } catch (e) {
        rt.progress(op.step.label, 'hook', 'failed');
        throw e;
      }
      rt.progress(op.step.label, 'hook', 'done');
      return;
    case 'record-created':
      return recordCreated(op, rt.env);
    case 'write-project-file':
      return writeProjectFile(path.join(op.root, op.path), op.before, op.content, op.path);
    case 'ensure-resource':
    case 'drop-resource':
      (result.resources ??= []).push(await applyResource(op.kind === 'ensure-resource' ? 'ensure' : 'drop', op.resource, op.cwd, rt.env));
      return;
    case 'copy-resource':
      (result.resources ??= []).push(await copyResource(op, rt.deadline));
      return;
    case 'record-copy':
    case 'pause-containers':
    case 'resume-containers':
    case 'create-volume':
    case 'copy-volumes':
    case 'remove-volume':
    case 'forget-copy':
      return copyStep(op, rt, result);
  }
}

/**
 * `compose down`, then the anonymous volumes its containers had mounted (as observed): compose
 * leaves them, and with the containers gone nothing can reach them again (the next up makes new
 * ones), so each stop would leak one per such mount. One still in use (never ours then) stays.
 */
async function downAndSweep(env: NodeJS.ProcessEnv, anonymous: readonly string[], down: () => Promise<unknown>): Promise<void> {
  await down();
  for (const name of anonymous) await removeVolume(env, name).catch(() => undefined);
}
