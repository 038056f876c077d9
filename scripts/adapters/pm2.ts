import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RuntimeError } from '../errors.js';
import { sha256 } from '../hash.js';
import type { Pm2Proc } from '../plan/observed.js';
import { rpcCall } from './pm2-rpc.js';

/**
 * The only module that imports pm2. It talks to the daemon of the PM2_HOME in the environment it is
 * given (the user's normal daemon unless PM2_HOME says otherwise), acts on apps by pm_id (a name can
 * also match a namespace, and `delete a b` stops at the first unknown name: TRAPS "PM2"), always
 * disconnects (the API keeps Node alive), and bounds every call: a daemon that accepts and never
 * answers (stopped, hung) ends in one RuntimeError naming it.
 */
export type { Pm2Proc };
type Env = NodeJS.ProcessEnv;
/** The parts of pm2's API object devslot uses (its typings do not declare `custom`). */
type Api = Pick<typeof import('pm2'), 'connect' | 'disconnect' | 'list' | 'start' | 'delete' | 'restart'>;
type Cb<T> = (err: Error | null | undefined, value: T) => void;

/** One RPC list or delete: a live daemon answers in milliseconds. */
export const PM2_CALL_MS = 5_000;
/** Connecting may have to spawn the daemon first (about a second here). */
const PM2_CONNECT_MS = 30_000;
/** Starting an app: PM2 answers once it has forked it. */
const PM2_START_MS = 60_000;

export function pm2Home(env: Env): string {
  return env.PM2_HOME ?? path.join(env.HOME ?? os.homedir(), '.pm2');
}

/** The daemon's RPC socket: absent means no daemon runs (and connecting would start one). */
function pm2Socket(env: Env): string {
  return path.join(pm2Home(env), 'rpc.sock');
}

function frozen(env: Env, what: string, ms: number): RuntimeError {
  return new RuntimeError(`the PM2 daemon of PM2_HOME=${pm2Home(env)} did not answer within ${ms / 1000}s (${what}); it looks stuck: check it with \`PM2_HOME=${pm2Home(env)} npx pm2 ping\` and restart it if it does not answer`);
}

/** A PM2 callback call as a bounded promise; PM2's own failures become RuntimeErrors (exit 2). */
function call<T>(env: Env, fn: (cb: Cb<T>) => void, what: string, ms = PM2_CALL_MS * 6): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(frozen(env, what, ms)), ms);
    fn((err, value) => {
      clearTimeout(timer);
      if (err) reject(new RuntimeError(`${what} failed: ${(err as Error).message ?? String(err)}`));
      else resolve(value);
    });
  });
}

export interface Pm2Session {
  list(): Promise<Pm2Proc[]>;
  start(options: Record<string, unknown>): Promise<void>;
  delete(id: number): Promise<void>;
  restart(id: number): Promise<void>;
}

const isGone = (e: unknown) => ['ECONNREFUSED', 'ENOENT'].includes((e as NodeJS.ErrnoException).code ?? '');
const isTimeout = (e: unknown) => /timed out/.test((e as Error).message ?? '');

/**
 * Every app of the running daemon, in one RPC call (`getMonitorData`, as `pm2 jlist` asks) and
 * without loading the pm2 API (~55 ms): see pm2-rpc.ts. [] when no daemon runs (asking through the
 * API would start one: a read must not). Falls back to the API only on a reply it cannot read.
 */
export async function listApps(env: Env): Promise<Pm2Proc[]> {
  const sock = pm2Socket(env);
  if (!fs.existsSync(sock)) return [];
  try {
    const [list] = await rpcCall(sock, 'getMonitorData', [{}], PM2_CALL_MS);
    if (Array.isArray(list)) return list.map(toProc);
  } catch (e) {
    if (isGone(e)) return []; // a socket file left by a daemon that died
    if (isTimeout(e)) throw frozen(env, 'listing apps', PM2_CALL_MS);
  }
  return withPm2(env, (s) => s.list());
}

/**
 * Delete apps by pm_id, all at once, over the RPC socket (`deleteProcessId`, the call pm2's own
 * `delete` makes per id); any other failure there falls back to the API, one id at a time.
 */
export async function deleteAppsById(env: Env, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const sock = pm2Socket(env);
  const failed: number[] = [];
  let stuck = false;
  await Promise.all(ids.map((id) => rpcCall(sock, 'deleteProcessId', [id], PM2_CALL_MS * 6).catch((e: unknown) => {
    if (isTimeout(e)) stuck = true;
    failed.push(id);
  })));
  if (stuck) throw frozen(env, `deleting apps ${ids.join(', ')}`, PM2_CALL_MS * 6);
  if (failed.length) {
    await withPm2(env, async (s) => {
      const left = new Set((await s.list()).map((p) => p.id));
      for (const id of failed) if (left.has(id)) await s.delete(id);
    });
  }
}

/** Starts loading PM2's API module (~0.2 s of CPU) without waiting: a start about to act calls it while compose resolves. */
export function preloadPm2Api(): void {
  import('pm2').catch(() => undefined);
}

/** One API instance per PM2_HOME, shared by concurrent users (stop all runs slots in parallel); the last one out disconnects. */
const instances = new Map<string, { api: Api; users: number; connected?: Promise<void> }>();

/** Connect (starting the daemon if needed), run `fn`, and always disconnect. */
export async function withPm2<T>(env: Env, fn: (s: Pm2Session) => Promise<T>): Promise<T> {
  const home = pm2Home(env);
  let inst = instances.get(home);
  if (!inst) {
    const mod = (await import('pm2')) as unknown as { default: { custom: new (opts: { pm2_home: string }) => Api } };
    inst = { api: new mod.default.custom({ pm2_home: home }), users: 0 };
    instances.set(home, inst);
  }
  const it = inst;
  it.users++;
  try {
    it.connected ??= connectOnce(env, it.api);
    await it.connected;
  } catch (e) {
    release(home, it);
    throw e;
  }
  const pm2 = it.api;
  const session: Pm2Session = {
    list: async () => (await call<unknown[]>(env, (cb) => pm2.list(cb as never), 'PM2 list')).map(toProc),
    start: async (options) => {
      await call<unknown>(env, (cb) => pm2.start(options as never, cb as never), `PM2 start of ${String(options.name)}`, PM2_START_MS);
    },
    delete: async (id) => {
      await call<unknown>(env, (cb) => pm2.delete(id as never, cb as never), `PM2 delete of app ${id}`);
    },
    restart: async (id) => {
      await call<unknown>(env, (cb) => pm2.restart(id as never, cb as never), `PM2 restart of app ${id}`, PM2_START_MS);
    },
  };
  try {
    return await fn(session);
  } finally {
    release(home, it);
  }
}

/**
 * Connecting when no daemon runs makes PM2 spawn one, and two processes doing that at once spawn
 * two daemons for one PM2_HOME (seen here: the second start then hangs). So the first connect is
 * serialized by a lock file keyed by PM2_HOME; with a daemon up, connecting needs no lock.
 */
async function connectOnce(env: Env, pm2: Api): Promise<void> {
  const home = pm2Home(env);
  const connect = () => call<void>(env, (cb) => pm2.connect((err: Error) => cb(err, undefined)), `connecting to the PM2 daemon (PM2_HOME=${home})`, PM2_CONNECT_MS);
  if (fs.existsSync(pm2Socket(env))) return connect();
  const key = sha256(path.resolve(home)).slice(0, 16);
  const { acquireFileLock } = await import('./lock.js');
  const lock = await acquireFileLock(path.join(os.tmpdir(), `devslot-pm2-daemon-${key}.lock`), `the PM2 daemon start (${home})`, 'devslot (starting the PM2 daemon)', 60_000);
  // pm2's Client spawns the daemon with Object.assign({ PM2_HOME: its home }, process.env): a
  // PM2_HOME in this process's environment would win over the one we were given. Make them agree
  // for the spawn (pm2/lib/Client.js launchDaemon).
  const saved = process.env.PM2_HOME;
  process.env.PM2_HOME = home;
  try {
    await connect();
  } finally {
    if (saved === undefined) delete process.env.PM2_HOME;
    else process.env.PM2_HOME = saved;
    lock.release();
  }
}

function release(home: string, it: { api: Api; users: number; connected?: Promise<void> }): void {
  it.users--;
  if (it.users === 0) {
    it.connected = undefined;
    it.api.disconnect();
  }
}

function toProc(raw: unknown): Pm2Proc {
  const p = raw as {
    pm_id: number;
    name: string;
    pid: number;
    pm2_env?: Record<string, unknown> & { env?: Record<string, string> };
  };
  const env = p.pm2_env ?? {};
  return {
    id: p.pm_id,
    name: p.name,
    namespace: String(env.namespace ?? 'default'),
    status: String(env.status ?? 'unknown'),
    pid: p.pid,
    restarts: Number(env.restart_time ?? 0),
    uptimeSince: typeof env.pm_uptime === 'number' ? env.pm_uptime : undefined,
    outLog: typeof env.pm_out_log_path === 'string' ? env.pm_out_log_path : undefined,
    errLog: typeof env.pm_err_log_path === 'string' ? env.pm_err_log_path : undefined,
    env: (env.env as Record<string, string> | undefined) ?? {},
  };
}
