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

/**
 * Until every app is online and has stayed online (no restarts) for SETTLE_MS and passes its
 * probe where it has one. An app that is errored, stopped, missing, or restarting repeatedly fails
 * at once, naming it with its last log lines; the deadline fails with what is still not ready.
 * Returns the base names whose probe passed.
 */
export async function waitForApps(rt: Runtime, op: WaitApps): Promise<Set<string>> {
  const firstRestarts = new Map<string, number>();
  const seenRestarts = new Map<string, number>();
  const upSince = new Map<string, number>();
  const probed = new Set<string>();
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
      if (up && app.probe && !probed.has(app.base)) {
        if (await probeOnce(app.probe, Math.max(200, Math.min(2000, rt.deadline - Date.now())))) probed.add(app.base);
        else up = false;
      }
      // The settle counts from the process's start as PM2 recorded it, not from our first look at
      // it online: the time PM2 took to fork it and the app to answer its probe is time it stayed up.
      if (up && !upSince.has(app.name)) upSince.set(app.name, Math.min(now, p.uptimeSince ?? now));
      if (!up) upSince.delete(app.name);
      rt.progress(app.base, 'process', up ? (app.probe ? 'healthy' : 'online') : 'starting', app.probe && !up ? 'probing' : '');
    }
    if (op.apps.every((a) => upSince.has(a.name) && now - upSince.get(a.name)! >= SETTLE_MS)) return probed;
    if (rt.signal.aborted) return probed;
    if (Date.now() >= rt.deadline) {
      const waiting = op.apps.filter((a) => !upSince.has(a.name));
      const first = waiting[0] ?? op.apps[0]!;
      const p = last.find((x) => x.name === first.name);
      const target = first.probe ? ('http' in first.probe ? first.probe.http : `tcp ${first.probe.tcp}`) : 'online';
      throw failure(op, first.name, `not ready after ${rt.timeoutSeconds}s (${target}, PM2 status ${p?.status ?? 'missing'})`, p, waiting.map((a) => a.base));
    }
    // Wake when the next settle is due rather than up to a poll later.
    const due = Math.min(...op.apps.map((a) => (upSince.has(a.name) ? upSince.get(a.name)! + SETTLE_MS : Infinity)));
    await sleep(Math.max(10, Math.min(250, due - Date.now())));
  }
}

function failure(op: WaitApps, name: string, what: string, proc: Pm2Proc | undefined, bases?: string[]): RuntimeError {
  const tail = proc ? lastLogLines(proc, 5) : [];
  const who = bases && bases.length ? bases.join(', ') : name;
  return new RuntimeError(`slot ${op.slot}: ${who} ${what}${tail.length ? `; last log lines of ${name}: ${tail.join(' ⏎ ')}` : ''}`);
}
