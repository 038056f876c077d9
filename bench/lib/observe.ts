/**
 * The bench's only use of devslot's Docker and PM2 adapters (scripts/adapters/docker.ts, pm2.ts,
 * pm2-rpc.ts), so a change to their signatures is a fix here and nowhere else. Everything here is
 * a check between measurements, except `engineCall` and the lists used by row 5's engine floor.
 */
import http from 'node:http';
import path from 'node:path';
import { engineSocket, listContainers, listNetworks, type ContainerView, type NetworkView } from '../../scripts/adapters/docker.js';
import { listApps, pm2Home, type Pm2Proc } from '../../scripts/adapters/pm2.js';
import { rpcCall } from '../../scripts/adapters/pm2-rpc.js';
import { LABEL_PROJECT, LABEL_ROOT } from '../../scripts/names.js';
import { BenchError } from './harness.js';

export { LABEL_PROJECT };
export type { ContainerView, NetworkView, Pm2Proc };

const rootLabel = (root: string): string => `${LABEL_ROOT}=${root}`;

/** Containers of this project root: every one, or only those `docker ps` shows (not stopped). */
export async function containersOfRoot(root: string, all = true): Promise<ContainerView[]> {
  const cs = await listContainers(process.env, [rootLabel(root)]);
  return all ? cs : cs.filter((c) => ['running', 'paused', 'restarting'].includes(c.state));
}

export const networksOfRoot = (root: string): Promise<NetworkView[]> => listNetworks(process.env, [rootLabel(root)]);

/** Every compose project that has a container on this engine. */
export async function composeProjects(): Promise<string[]> {
  return [...new Set((await listContainers(process.env, [LABEL_PROJECT])).map((c) => c.project))];
}

/** The apps of the daemon at env.PM2_HOME ([] when none runs). */
export const pm2Apps = (env: NodeJS.ProcessEnv): Promise<Pm2Proc[]> => listApps(env);

/** One app as PM2 itself describes it (what `pm2 jlist` prints), for fields Pm2Proc does not carry. */
export interface RawPm2App {
  name: string;
  pid: number;
  pm2_env: Record<string, unknown> & { namespace: string; status: string; restart_time: number };
}

/** `pm2 jlist`'s own call (`getMonitorData`) over the daemon's RPC socket. */
export async function rawPm2Apps(env: NodeJS.ProcessEnv): Promise<RawPm2App[]> {
  const [list] = await rpcCall(path.join(pm2Home(env), 'rpc.sock'), 'getMonitorData', [{}], 10_000);
  if (!Array.isArray(list)) throw new BenchError(`the PM2 daemon at ${pm2Home(env)} answered its app list with ${JSON.stringify(list)}`);
  return list as RawPm2App[];
}

/**
 * One call to the Docker engine's API over its unix socket, for the engine floor of row 5: no CLI,
 * no compose, no devslot in between. devslot itself only reads the API, so this one is the bench's.
 */
export function engineCall(env: NodeJS.ProcessEnv, method: 'POST' | 'DELETE', apiPath: string): Promise<void> {
  const socketPath = engineSocket(env);
  if (!socketPath) return Promise.reject(new BenchError(`the engine floor needs a unix socket, but DOCKER_HOST is ${env.DOCKER_HOST}`));
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path: apiPath }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        const status = res.statusCode ?? 500;
        if (status >= 300 && status !== 304) reject(new BenchError(`engine ${method} ${apiPath}: ${status} ${body.trim()}`));
        else resolve();
      });
    });
    req.on('error', reject);
    req.end();
  });
}
