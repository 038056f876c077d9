import { sha256 } from '../hash.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RuntimeError } from '../errors.js';
import { rpcCall } from './pm2-rpc.js';

/**
 * The only module that imports pm2. It uses the user's normal daemon unless PM2_HOME says
 * otherwise, acts on apps by pm_id (a name can also match a namespace, and `delete a b` stops at
 * the first unknown name: TRAPS "PM2"), and always disconnects, since the API keeps Node alive.
 */

export interface Pm2Proc {
  id: number;
  name: string;
  namespace: string;
  status: string;
  pid: number;
  restarts: number;
  uptimeSince: number | undefined;
  outLog: string | undefined;
  errLog: string | undefined;
  env: Record<string, string>;
}

type Api = typeof import('pm2');
type Cb<T> = (err: Error | null | undefined, value: T) => void;

/** A PM2 callback call as a promise; PM2's own failures become RuntimeErrors (exit 2). */
function call<T>(fn: (cb: Cb<T>) => void, what = 'PM2'): Promise<T> {
  return new Promise((resolve, reject) =>
    fn((err, value) => (err ? reject(new RuntimeError(`${what} failed: ${err.message ?? String(err)}`)) : resolve(value))),
  );
}

export interface Pm2Session {
  list(): Promise<Pm2Proc[]>;
  start(options: Record<string, unknown>): Promise<void>;
  delete(id: number): Promise<void>;
  restart(id: number): Promise<void>;
}

let api: Api | undefined;
/** One connection shared by concurrent users (stop all runs slots in parallel); the last one out disconnects. */
let users = 0;
let connected: Promise<void> | undefined;

async function load(): Promise<Api> {
  if (!api) {
    const mod = (await import('pm2')) as unknown as { default: Api };
    api = mod.default;
  }
  return api;
}

/**
 * Every app of the running daemon, in one RPC call (`getMonitorData`, as `pm2 jlist` asks) and
 * without loading the pm2 API (~55 ms): see pm2-rpc.ts. [] when no daemon runs (asking would
 * start one). Falls back to the API on any surprise.
 */
export async function listApps(env: NodeJS.ProcessEnv = process.env): Promise<Pm2Proc[]> {
  const sock = pm2Socket(env);
  if (!fs.existsSync(sock)) return [];
  const fast = await listViaRpc(sock).catch(() => undefined);
  return fast ?? withPm2((s) => s.list());
}

/**
 * Delete apps by pm_id, all at once, over the RPC socket (`deleteProcessId`, the call pm2's own
 * `delete` makes per id); any failure there falls back to the API, one id at a time.
 */
export async function deleteAppsById(ids: number[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!ids.length) return;
  const sock = pm2Socket(env);
  const failed: number[] = [];
  await Promise.all(ids.map((id) => rpcCall(sock, 'deleteProcessId', [id], 30_000).catch(() => failed.push(id))));
  if (failed.length) {
    await withPm2(async (s) => {
      const left = new Set((await s.list()).map((p) => p.id));
      for (const id of failed) if (left.has(id)) await s.delete(id);
    });
  }
}

async function listViaRpc(sock: string): Promise<Pm2Proc[] | undefined> {
  const [list] = await rpcCall(sock, 'getMonitorData', [{}], 3000);
  return Array.isArray(list) ? list.map(toProc) : undefined;
}

/** Connect (starting the daemon if needed), run `fn`, and always disconnect. */
export async function withPm2<T>(fn: (s: Pm2Session) => Promise<T>): Promise<T> {
  const pm2 = await load();
  users++;
  try {
    connected ??= connectOnce(pm2);
    await connected;
  } catch (e) {
    release(pm2);
    throw e;
  }
  const session: Pm2Session = {
    list: async () => (await call<unknown[]>((cb) => pm2.list(cb as never))).map(toProc),
    start: async (options) => {
      await call<unknown>((cb) => pm2.start(options as never, cb as never), `PM2 start of ${String(options.name)}`);
    },
    delete: async (id) => {
      await call<unknown>((cb) => pm2.delete(id as never, cb as never), `PM2 delete of app ${id}`);
    },
    restart: async (id) => {
      await call<unknown>((cb) => pm2.restart(id as never, cb as never), `PM2 restart of app ${id}`);
    },
  };
  try {
    return await fn(session);
  } finally {
    release(pm2);
  }
}

export function pm2Home(env: NodeJS.ProcessEnv = process.env): string {
  return env.PM2_HOME ?? path.join(env.HOME ?? os.homedir(), '.pm2');
}

/** The daemon's RPC socket: absent means no daemon runs (and connecting would start one). */
function pm2Socket(env: NodeJS.ProcessEnv): string {
  return path.join(pm2Home(env), 'rpc.sock');
}

/**
 * Connecting when no daemon runs makes PM2 spawn one, and two processes doing that at once spawn
 * two daemons for one PM2_HOME (seen here: the second start then hangs). So the first connect is
 * serialized by a lock file keyed by PM2_HOME; with a daemon up, connecting needs no lock.
 */
async function connectOnce(pm2: Api): Promise<void> {
  const home = pm2Home();
  const connect = () => call<void>((cb) => pm2.connect((err) => cb(err, undefined)), `connecting to the PM2 daemon (PM2_HOME=${home})`);
  if (fs.existsSync(pm2Socket(process.env))) return connect();
  const key = sha256(path.resolve(home)).slice(0, 16);
  const { acquireFileLock } = await import('./lock.js');
  const lock = await acquireFileLock(path.join(os.tmpdir(), `devslot-pm2-daemon-${key}.lock`), `the PM2 daemon start (${home})`, 'devslot (starting the PM2 daemon)', 60_000);
  try {
    await connect();
  } finally {
    lock.release();
  }
}

function release(pm2: Api): void {
  users--;
  if (users === 0) {
    connected = undefined;
    pm2.disconnect();
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
