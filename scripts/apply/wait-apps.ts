import { listApps } from '../adapters/pm2.js';
import { RuntimeError } from '../errors.js';
import { lastLogLines } from '../observe/log-tail.js';
import type { Operation } from '../plan/operations.js';
import type { Pm2Proc } from '../plan/observed.js';
import { probeOnce, SETTLE_MS } from './readiness.js';
import type { Runtime } from './executor.js';

type WaitApps = Extract<Operation, { kind: 'wait-apps' }>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PM2 restarted it this many times while we watched: a crash loop, not a slow start. */
const CRASH_RESTARTS = 2;
/** How often an app that has not answered its probe yet is looked at (and probed) again. */
const PROBE_POLL_MS = 50;
/**
 * An app with a probe is started once two probes at least this far apart both pass, with PM2
 * showing the same process online at each: an app that dies on its first request, or just after
 * answering, fails the second.
 */
const PROOF_GAP_MS = 250;

/**
 * Until every app is up: online, and then either proven by its probe (two answers PROOF_GAP_MS
 * apart from the process PM2 shows online, not restarted) or, with no probe, still online with no
 * restart SETTLE_MS after its process started. Answers are the app's own proof that it started;
 * without a probe, "online" is all PM2 knows, and an app that dies at once is online at nearly
 * every look. An app that is errored, stopped, missing, or restarting repeatedly fails at once,
 * naming it with its last log lines; the deadline fails with what is still not ready.
 * Returns the base names whose probe passed.
 */
export async function waitForApps(rt: Runtime, op: WaitApps): Promise<Set<string>> {
  const firstRestarts = new Map<string, number>();
  const seenRestarts = new Map<string, number>();
  const upSince = new Map<string, number>();
  /** The process (pid, restart count) seen online when its probe first passed, and when. */
  const answered = new Map<string, { pid: number; restarts: number; at: number }>();
  const probed = new Set<string>();
  const proven = new Set<string>();
  let last: Pm2Proc[] = [];
  for (;;) {
    last = (await listApps(rt.env)).filter((p) => p.namespace === op.namespace && p.env.DEVSLOT_ROOT === op.root);
    const now = Date.now();
    for (const app of op.apps) {
      const p = last.find((x) => x.name === app.name);
      if (!p) throw failure(op, app.name, 'is missing after the start (PM2 could not run it)', undefined);
      if (p.status === 'errored' || p.status === 'stopped') throw failure(op, app.name, `is ${p.status}`, p);
      const base = firstRestarts.get(app.name) ?? p.restarts;
      firstRestarts.set(app.name, base);
      if (p.restarts - base >= CRASH_RESTARTS) throw failure(op, app.name, `keeps restarting (${p.restarts - base} restarts while starting)`, p);
      // A restart since the last poll is not "stayed online": an app that dies right after printing
      // is "online" at nearly every look, and on a loaded machine PM2 may restart it only once a second.
      const restartedNow = p.restarts !== (seenRestarts.get(app.name) ?? p.restarts);
      seenRestarts.set(app.name, p.restarts);
      let up = p.status === 'online' && !restartedNow;
      if (app.probe && up) {
        // The answers must come from the process PM2 shows online at each look: one that dies
        // after answering is seen with another pid or a higher restart count, or does not answer
        // the second probe (PM2 may still list it online for a moment: its view lags the exit).
        const a = answered.get(app.name);
        const same = !!a && a.pid === p.pid && a.restarts === p.restarts;
        if (!same) proven.delete(app.name);
        // Proven stays proven while PM2 shows the same process: it is not probed again (a slow
        // sibling would otherwise have its health endpoint hit at every look).
        if (!same || (!proven.has(app.name) && now - a!.at >= PROOF_GAP_MS)) {
          if (await probeOnce(app.probe, Math.max(200, Math.min(2000, rt.deadline - Date.now())))) {
            if (same) proven.add(app.name);
            else answered.set(app.name, { pid: p.pid, restarts: p.restarts, at: Date.now() });
            probed.add(app.base);
          } else up = false;
        }
      }
      if (!up) {
        answered.delete(app.name);
        proven.delete(app.name);
      }
      // The settle (apps without a probe) counts from the process's start as PM2 recorded it, not
      // from our first look at it online: the time PM2 took to fork it is time it stayed up.
      if (up && !upSince.has(app.name)) upSince.set(app.name, Math.min(now, p.uptimeSince ?? now));
      if (!up) upSince.delete(app.name);
      rt.progress(app.base, 'process', up ? (app.probe ? (answered.has(app.name) ? 'healthy' : 'starting') : 'online') : 'starting', app.probe && !up ? 'probing' : '');
    }
    const ready = (a: WaitApps['apps'][number]) => (a.probe ? proven.has(a.name) : upSince.has(a.name) && now - upSince.get(a.name)! >= SETTLE_MS);
    if (op.apps.every(ready)) return probed;
    if (rt.signal.aborted) return probed;
    if (Date.now() >= rt.deadline) {
      const waiting = op.apps.filter((a) => !ready(a));
      const first = waiting[0] ?? op.apps[0]!;
      const p = last.find((x) => x.name === first.name);
      const target = first.probe ? ('http' in first.probe ? first.probe.http : `tcp ${first.probe.tcp}`) : 'online';
      throw failure(op, first.name, `not ready after ${rt.timeoutSeconds}s (${target}, PM2 status ${p?.status ?? 'missing'})`, p, waiting.map((a) => a.base));
    }
    // Wake when an app that answered is due its second probe or one without a probe its settle,
    // and soon for one still to answer (a refused probe costs nothing).
    const wake = (a: WaitApps['apps'][number]) => {
      if (a.probe) return proven.has(a.name) ? Infinity : answered.has(a.name) ? answered.get(a.name)!.at + PROOF_GAP_MS : now + PROBE_POLL_MS;
      return upSince.has(a.name) ? upSince.get(a.name)! + SETTLE_MS : Infinity;
    };
    const due = Math.min(...op.apps.map(wake));
    await sleep(Math.max(10, Math.min(250, due - Date.now())));
  }
}

function failure(op: WaitApps, name: string, what: string, proc: Pm2Proc | undefined, bases?: string[]): RuntimeError {
  const tail = proc ? lastLogLines(proc, 5) : [];
  const who = bases && bases.length ? bases.join(', ') : name;
  return new RuntimeError(`slot ${op.slot}: ${who} ${what}${tail.length ? `; last log lines of ${name}: ${tail.join(' ⏎ ')}` : ''}`);
}
