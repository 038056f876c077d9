import http from 'node:http';
import type Dockerode from 'dockerode';
import { RuntimeError } from '../errors.js';
import { LABEL_ROOT, LABEL_SLOT } from '../plan/names.js';

/** The only module that talks to the Docker engine (through dockerode, never the CLI). */

export const LABEL_PROJECT = 'com.docker.compose.project';

/** The label filter that selects one compose project's containers, networks or volumes. */
export const projectFilter = (project: string): string => `${LABEL_PROJECT}=${project}`;
export const LABEL_SERVICE = 'com.docker.compose.service';

export interface ContainerView {
  id: string;
  name: string;
  project: string;
  service: string;
  slot: number | undefined;
  root: string | undefined;
  /** created, running, exited, restarting, paused, dead. */
  state: string;
  /** healthy, unhealthy, starting, or none when the image/service has no healthcheck. */
  health: 'healthy' | 'unhealthy' | 'starting' | 'none';
  exitCode: number | undefined;
  ports: { hostIp: string; published: number; target: number; protocol: string }[];
}

let client: Dockerode | undefined;

/** The engine's unix socket, when DOCKER_HOST names one (or is unset); else undefined. */
export function engineSocket(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const host = env.DOCKER_HOST;
  if (!host) return '/var/run/docker.sock';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

/**
 * GET from the Engine API over its unix socket: one request, no dockerode import (which loads ssh2
 * and grpc, ~90 ms). Other DOCKER_HOSTs (tcp, ssh) go through dockerode.
 */
function engineGet<T>(socketPath: string, urlPath: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: urlPath, method: 'GET', headers: { host: 'docker' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 500) >= 400) return reject(new Error(`Docker API ${urlPath.split('?')[0]}: ${res.statusCode} ${body.trim()}`));
        try {
          resolve(JSON.parse(body) as T);
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function unreachable(e: unknown): RuntimeError {
  const where = process.env.DOCKER_HOST ?? '/var/run/docker.sock';
  return new RuntimeError(`the Docker engine is not reachable at ${where} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); start it (e.g. \`sudo systemctl start docker\`, or run .ci/setup) and try again`);
}

const isConnectError = (e: unknown) => ['ENOENT', 'ECONNREFUSED', 'EACCES', 'ECONNRESET'].includes((e as NodeJS.ErrnoException).code ?? '');

export async function dockerClient(): Promise<Dockerode> {
  if (!client) {
    const { default: Docker } = await import('dockerode');
    client = new Docker();
  }
  return client;
}

/** Fail with one line, and how to fix it, when the engine does not answer. */
export async function requireEngine(): Promise<void> {
  const socket = engineSocket();
  try {
    if (socket) await engineGet(socket, '/_ping').catch((e: unknown) => (e instanceof SyntaxError ? undefined : Promise.reject(e)));
    else await (await dockerClient()).ping();
  } catch (e) {
    throw unreachable(e);
  }
}

export function parseHealth(status: string): ContainerView['health'] {
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return 'none';
}

function view(c: Dockerode.ContainerInfo): ContainerView {
  const labels = c.Labels ?? {};
  const slot = labels[LABEL_SLOT];
  const exit = /^Exited \((\d+)\)/.exec(c.Status ?? '');
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
    project: labels[LABEL_PROJECT] ?? '',
    service: labels[LABEL_SERVICE] ?? '',
    slot: slot !== undefined && /^\d+$/.test(slot) ? Number(slot) : undefined,
    root: labels[LABEL_ROOT],
    state: c.State,
    health: parseHealth(c.Status ?? ''),
    exitCode: exit ? Number(exit[1]) : undefined,
    ports: (c.Ports ?? []).filter((p) => p.PublicPort).map((p) => ({ hostIp: p.IP ?? '', published: p.PublicPort, target: p.PrivatePort, protocol: p.Type })),
  };
}

/**
 * Every container (running or not) with these labels, in one API call. devslot's own containers
 * carry `dev.devslot.root`, so one call answers for every slot of a project root.
 */
export async function listContainers(labels: string[]): Promise<ContainerView[]> {
  const socket = engineSocket();
  try {
    const list = socket
      ? await engineGet<Dockerode.ContainerInfo[]>(socket, `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label: labels }))}`)
      : await (await dockerClient()).listContainers({ all: true, filters: { label: labels } });
    return list.map(view);
  } catch (e) {
    if (isConnectError(e)) throw unreachable(e);
    throw new RuntimeError(`could not list containers from the Docker engine: ${(e as Error).message}`);
  }
}

/** Containers (of any project) that publish this host port. */
export async function containersPublishing(port: number): Promise<ContainerView[]> {
  const socket = engineSocket();
  const filters = { publish: [String(port)] };
  const list = socket
    ? await engineGet<Dockerode.ContainerInfo[]>(socket, `/containers/json?filters=${encodeURIComponent(JSON.stringify(filters))}`)
    : await (await dockerClient()).listContainers({ filters });
  return list.map(view);
}

export interface LogLine {
  time: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * A container's log with timestamps, demultiplexed. `onLine` gets each line; the returned function
 * stops following.
 */
export async function containerLogs(
  id: string,
  opts: { follow: boolean; tail?: number; since?: number },
  onLine: (line: LogLine) => void,
): Promise<{ done: Promise<void>; stop: () => void }> {
  const docker = await dockerClient();
  const container = docker.getContainer(id);
  const info = await container.inspect();
  const base = { stdout: true, stderr: true, timestamps: true, since: opts.since ?? 0, ...(opts.tail !== undefined ? { tail: opts.tail } : {}) };
  const { PassThrough } = await import('node:stream');
  const make = (stream: 'stdout' | 'stderr') => {
    const pt = new PassThrough();
    let rest = '';
    pt.on('data', (b: Buffer) => {
      const parts = (rest + b.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) onLine(parseDockerLine(p, stream));
    });
    pt.on('end', () => {
      if (rest) onLine(parseDockerLine(rest, stream));
    });
    return pt;
  };
  const out = make('stdout');
  const err = make('stderr');
  if (!opts.follow) {
    const buf = (await container.logs({ ...base, follow: false })) as unknown as Buffer;
    if (info.Config.Tty) out.end(buf);
    else {
      demux(buf, out, err);
      out.end();
      err.end();
    }
    return { done: Promise.resolve(), stop: () => {} };
  }
  const stream = (await container.logs({ ...base, follow: true })) as NodeJS.ReadableStream & { destroy?: () => void };
  if (info.Config.Tty) stream.pipe(out);
  else docker.modem.demuxStream(stream, out, err);
  const done = new Promise<void>((resolve) => {
    stream.on('end', () => resolve());
    stream.on('close', () => resolve());
    stream.on('error', () => resolve());
  });
  return { done, stop: () => stream.destroy?.() };
}

/** Docker's multiplexed log format: 8-byte header (stream, 0, 0, 0, size as uint32 BE), then payload. */
function demux(buf: Buffer, out: NodeJS.WritableStream, err: NodeJS.WritableStream): void {
  let at = 0;
  while (at + 8 <= buf.length) {
    const kind = buf[at];
    const size = buf.readUInt32BE(at + 4);
    const payload = buf.subarray(at + 8, at + 8 + size);
    (kind === 2 ? err : out).write(payload);
    at += 8 + size;
  }
}

export function parseDockerLine(line: string, stream: 'stdout' | 'stderr'): LogLine {
  const space = line.indexOf(' ');
  const time = Date.parse(line.slice(0, space));
  if (space > 0 && !Number.isNaN(time)) return { time, stream, text: line.slice(space + 1).replace(/\r$/, '') };
  return { time: Date.now(), stream, text: line };
}

export interface NetworkView {
  name: string;
  labels: Record<string, string>;
}

/**
 * Networks with these labels, in one API call. `compose down` removes a project's networks; stop
 * looks for them too, so a network left behind (its containers removed by hand, or a down that was
 * killed half-way) is still removed rather than left holding an address pool.
 */
export async function listNetworks(labels: string[]): Promise<NetworkView[]> {
  const socket = engineSocket();
  try {
    const list = socket
      ? await engineGet<{ Name: string; Labels: Record<string, string> | null }[]>(socket, `/networks?filters=${encodeURIComponent(JSON.stringify({ label: labels }))}`)
      : await (await dockerClient()).listNetworks({ filters: { label: labels } });
    return list.map((n) => ({ name: n.Name, labels: n.Labels ?? {} }));
  } catch (e) {
    if (isConnectError(e)) throw unreachable(e);
    throw new RuntimeError(`could not list networks from the Docker engine: ${(e as Error).message}`);
  }
}

export interface VolumeView {
  name: string;
  labels: Record<string, string>;
}

/** Volumes with these labels, in one API call. */
export async function listVolumes(labels: string[]): Promise<VolumeView[]> {
  const socket = engineSocket();
  const res = socket
    ? await engineGet<{ Volumes: { Name: string; Labels: Record<string, string> | null }[] | null }>(socket, `/volumes?filters=${encodeURIComponent(JSON.stringify({ label: labels }))}`)
    : await (await dockerClient()).listVolumes({ filters: { label: labels } });
  return (res.Volumes ?? []).map((v) => ({ name: v.Name, labels: v.Labels ?? {} }));
}
