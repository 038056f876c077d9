import http from 'node:http';
import type Dockerode from 'dockerode';
import { InterruptedError, RuntimeError } from '../errors.js';
import { endsOnInterrupt } from './interrupt.js';
import { LABEL_PROJECT, LABEL_ROOT, LABEL_SERVICE, LABEL_SLOT } from '../names.js';
import type { ContainerView, NetworkView, VolumeView } from '../plan/observed.js';
import { isSshHost, sshName, tunnelSocket } from './ssh.js';
import { lineSplitter } from './lines.js';

/**
 * The only module that talks to the Docker engine (over its socket, or through dockerode for
 * tcp/ssh hosts; never the CLI). The environment comes in as a parameter (DOCKER_HOST), and every
 * call is bounded: a socket that accepts and never answers (a frozen daemon, a wedged VM) ends in
 * one RuntimeError naming it, never a hang.
 */
export type { ContainerView, NetworkView, VolumeView };
type Env = NodeJS.ProcessEnv;

/** How long one engine API call may take (listing is ~30 ms here; a healthy engine is far below). */
export const ENGINE_CALL_MS = 15_000;

/** The engine's unix socket, when DOCKER_HOST names one (or is unset); else undefined. */
export function engineSocket(env: Env): string | undefined {
  const host = env.DOCKER_HOST;
  if (!host) return '/var/run/docker.sock';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

/**
 * The unix socket an engine call goes to: DOCKER_HOST's own, or for ssh:// the local end of the one
 * ssh transport (adapters/ssh.ts), so every call of the process shares one login.
 */
async function socketFor(env: Env): Promise<string | undefined> {
  if (!isSshHost(env)) return engineSocket(env);
  const socket = await tunnelSocket(env);
  tunnelled.set(env.DOCKER_HOST!, `unix://${socket}`);
  return socket;
}
const tunnelled = new Map<string, string>();

const where = (env: Env) => env.DOCKER_HOST ?? '/var/run/docker.sock';
const hostKey = (env: Env) => (env.DOCKER_HOST && tunnelled.get(env.DOCKER_HOST)) ?? env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';

/** Which engine answers on DOCKER_HOST: Docker and Podman differ in health, filters and log streams. */
export interface EngineIdentity {
  kind: 'docker' | 'podman';
  version: string;
}

const identities = new Map<string, EngineIdentity>();

/** `Server: Libpod/4.3.1 (linux)` (Podman) or `Server: Docker/20.10.24 (linux)`; Podman also sends Libpod-Api-Version. */
export function identityFromHeaders(headers: Record<string, string | string[] | undefined>): EngineIdentity | undefined {
  const server = String(headers.server ?? '');
  const libpod = headers['libpod-api-version'];
  const m = /^(Libpod|Docker)\/(\S+)/.exec(server);
  if (libpod || m?.[1] === 'Libpod') return { kind: 'podman', version: String(libpod ?? m?.[2] ?? '?') };
  if (m) return { kind: 'docker', version: m[2]! };
  return undefined;
}

/** GET /version's answer: Podman names itself as a component ("Podman Engine") and in Platform.Name. */
export function identityFromVersion(v: { Version?: string; Platform?: { Name?: string }; Components?: { Name?: string; Version?: string }[] }): EngineIdentity {
  const podman = v.Components?.find((c) => /podman/i.test(c.Name ?? ''));
  if (podman || /podman/i.test(v.Platform?.Name ?? '')) return { kind: 'podman', version: podman?.Version ?? v.Version ?? '?' };
  const engine = v.Components?.find((c) => c.Name === 'Engine');
  return { kind: 'docker', version: engine?.Version ?? v.Version ?? '?' };
}

/** The engine on DOCKER_HOST, identified once per process: from any earlier answer's headers, else GET /version. */
export async function engineIdentity(env: Env): Promise<EngineIdentity> {
  const known = identities.get(hostKey(env));
  if (known) return known;
  const v = await call(env, 'say its version',
    (s) => engineGet<Parameters<typeof identityFromVersion>[0]>(s, '/version'),
    (d) => d.version() as Promise<Parameters<typeof identityFromVersion>[0]>);
  const id = identityFromVersion(v);
  identities.set(hostKey(env), id);
  return id;
}

/** The identity already learned from an answer on DOCKER_HOST, without asking. */
export function knownEngine(env: Env): EngineIdentity | undefined {
  return identities.get(hostKey(env));
}

const engineName = (env: Env) => (identities.get(hostKey(env))?.kind === 'podman' ? 'Podman' : 'Docker');

class EngineTimeout extends Error {}

/**
 * GET from the Engine API over its unix socket: one request, no dockerode import (which loads ssh2
 * and grpc, ~90 ms). Other DOCKER_HOSTs (tcp, ssh) go through dockerode.
 */
function engineGet<T>(socketPath: string, urlPath: string, timeoutMs = ENGINE_CALL_MS): Promise<T> {
  return engineRequest<T>(socketPath, 'GET', urlPath, undefined, timeoutMs);
}

function engineRequest<T>(socketPath: string, method: string, urlPath: string, body: unknown, timeoutMs = ENGINE_CALL_MS, signal?: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: 'docker', ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const req = http.request({ socketPath, path: urlPath, method, headers }, (res) => {
      // Every answer names its engine in its headers: the identity costs no request of its own.
      const named = identityFromHeaders(res.headers);
      if (named) identities.set(`unix://${socketPath}`, named);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 500) >= 400) return reject(new ApiError(res.statusCode ?? 500, `${urlPath.split('?')[0]}: ${res.statusCode} ${text.trim()}`));
        try {
          resolve((text ? JSON.parse(text) : undefined) as T);
        } catch (e) {
          reject(e);
        }
      });
    });
    // A whole-call bound, not an idle one: a daemon that trickles nothing still ends here.
    const timer = setTimeout(() => req.destroy(new EngineTimeout(`no answer within ${timeoutMs / 1000}s`)), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    const onAbort = () => req.destroy(new Error('stopped'));
    signal?.addEventListener('abort', onAbort, { once: true });
    // A long wait's signal outlives its many calls: each takes its listener back when it ends.
    req.on('close', () => signal?.removeEventListener('abort', onAbort));
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const isConnectError = (e: unknown) => ['ENOENT', 'ECONNREFUSED', 'EACCES', 'ECONNRESET', 'EPIPE'].includes((e as NodeJS.ErrnoException).code ?? '');

/** Any failure of an engine call as one line: unreachable, silent, or the engine's own words. */
export function engineError(env: Env, what: string, e: unknown): RuntimeError {
  if (e instanceof RuntimeError) return e;
  if (e instanceof EngineTimeout || /timeout/i.test((e as Error).message ?? '')) {
    return new RuntimeError(`the ${engineName(env)} engine at ${where(env)} accepted the connection but did not answer within ${ENGINE_CALL_MS / 1000}s (${what}); it looks frozen: check \`docker info\`, restart the engine, and try again`);
  }
  if (isConnectError(e) && isSshHost(env)) {
    return new RuntimeError(`the engine on ${sshName(env.DOCKER_HOST!)} is not reachable through ssh (${(e as NodeJS.ErrnoException).code}): the ssh connection dropped, or Docker is not running there; check \`ssh ${sshName(env.DOCKER_HOST!)} docker version\` and try again`);
  }
  if (isConnectError(e)) {
    return new RuntimeError(`the Docker engine is not reachable at ${where(env)} (${(e as NodeJS.ErrnoException).code}); start it (e.g. \`sudo systemctl start docker\`, or run .ci/setup) and try again`);
  }
  return new RuntimeError(`the ${engineName(env)} engine failed to ${what}: ${((e as Error).message ?? String(e)).split('\n')[0]}`);
}

const clients = new Map<string, Dockerode>();

/** `bounded`: calls time out; a log stream that follows a silent container must not (the idle timer would end it). */
export async function dockerClient(env: Env, bounded = true): Promise<Dockerode> {
  const key = `${bounded ? 'b' : 's'}:${env.DOCKER_HOST ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    const { default: Docker } = await import('dockerode');
    // dockerode reads DOCKER_HOST itself when given no options; give it ours, not process.env's.
    // ssh:// goes through devslot's one transport, never dockerode's own ssh (agent only, no ssh_config).
    const socket = isSshHost(env) ? await socketFor(env) : undefined;
    // docker-modem starts from process.env.DOCKER_HOST's host and protocol: a socket must clear them.
    const viaSocket = (socketPath: string) => ({ socketPath, host: undefined, port: undefined, protocol: 'http' });
    const opts = socket ? viaSocket(socket) : env.DOCKER_HOST ? hostOptions(env.DOCKER_HOST) : viaSocket('/var/run/docker.sock');
    client = new Docker({ ...opts, ...(bounded ? { timeout: ENGINE_CALL_MS } : {}) } as Dockerode.DockerOptions);
    clients.set(key, client);
  }
  return client;
}

function hostOptions(host: string): Dockerode.DockerOptions {
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length), host: undefined, port: undefined, protocol: 'http' } as unknown as Dockerode.DockerOptions;
  const url = new URL(host);
  const protocol = url.protocol.replace(':', '') as 'http' | 'https' | 'ssh';
  return { protocol: protocol === 'ssh' ? 'ssh' : protocol === 'https' ? 'https' : 'http', host: url.hostname, port: url.port || (protocol === 'ssh' ? 22 : 2375), ...(url.username ? { username: url.username } : {}) } as Dockerode.DockerOptions;
}

/** One engine call, by socket when there is one, else through dockerode; failures typed. */
async function call<T>(env: Env, what: string, viaSocket: (socket: string) => Promise<T>, viaClient: (d: Dockerode) => Promise<T>): Promise<T> {
  try {
    // The ssh login to a remote engine is part of the wait: Ctrl-C during it is an interrupt, not a dead engine.
    const socket = await endsOnInterrupt(socketFor(env), what);
    return await endsOnInterrupt(socket ? viaSocket(socket) : dockerClient(env).then(viaClient), what);
  } catch (e) {
    if (e instanceof InterruptedError) throw e;
    throw engineError(env, what, e);
  }
}

/** Fail with one line, and how to fix it, when the engine does not answer. */
export async function requireEngine(env: Env): Promise<void> {
  await call(env, 'answer a ping', (s) => engineGet(s, '/_ping').catch((e: unknown) => (e instanceof SyntaxError ? undefined : Promise.reject(e))), (d) => d.ping());
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
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}).sort(),
  };
}

const q = (filters: Record<string, string[]>) => encodeURIComponent(JSON.stringify(filters));

/**
 * Every container (running or not) with these labels, in one API call. devslot's own containers
 * carry `dev.devslot.root`, so one call answers for every slot of a project root. With
 * `anonymousVolumes`, each view also names the anonymous volumes it mounts (for a teardown).
 */
export async function listContainers(env: Env, labels: string[], opts: { anonymousVolumes?: boolean } = {}): Promise<ContainerView[]> {
  const list = await call(env, 'list containers',
    (s) => engineGet<Dockerode.ContainerInfo[]>(s, `/containers/json?all=1&filters=${q({ label: labels })}`),
    (d) => d.listContainers({ all: true, filters: { label: labels } }));
  const views = opts.anonymousVolumes ? await withAnonymousVolumes(env, list, list.map(view)) : list.map(view);
  if (knownEngine(env)?.kind !== 'podman' || !views.some((c) => c.state === 'running')) return views;
  // Podman's compatible list says `Up 3 seconds` with no health; its own list has the health state
  // as a field (Status: healthy|unhealthy|starting|""), from the same filter in one more call.
  const own = await call(env, 'list containers with their health',
    (s) => engineGet<{ Id: string; Status?: string }[]>(s, `/v4.0.0/libpod/containers/json?all=true&filters=${q({ label: labels })}`),
    async () => [] as { Id: string; Status?: string }[]);
  const health = new Map(own.map((c) => [c.Id, healthWord(c.Status ?? '')]));
  return views.map((c) => ({ ...c, health: health.get(c.id) ?? c.health }));
}

/** A health state as a word (Podman's list, an inspect's State.Health.Status). */
export function healthWord(status: string): ContainerView['health'] {
  return status === 'healthy' || status === 'unhealthy' || status === 'starting' ? status : 'none';
}

/** A container's healthcheck timing (ms), or undefined when it has none. */
export interface HealthConfig {
  intervalMs: number;
  timeoutMs: number;
  startPeriodMs: number;
}

/** The healthcheck a container was created with (inspect), in ms; Docker's defaults where unset. */
export async function healthConfig(env: Env, id: string): Promise<HealthConfig | undefined> {
  const info = await call(env, `inspect container ${id.slice(0, 12)}`,
    (s) => engineGet<{ Config?: { Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number } } }>(s, `/containers/${encodeURIComponent(id)}/json`),
    (d) => d.getContainer(id).inspect() as Promise<{ Config?: { Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number } } }>);
  const hc = info.Config?.Healthcheck;
  if (!hc?.Test?.length || hc.Test[0] === 'NONE') return undefined;
  const ms = (ns: number | undefined, dflt: number) => (ns && ns > 0 ? Math.round(ns / 1e6) : dflt);
  return { intervalMs: ms(hc.Interval, 30_000), timeoutMs: ms(hc.Timeout, 30_000), startPeriodMs: ms(hc.StartPeriod, 0) };
}

/**
 * How many times the engine has restarted each container (inspect's RestartCount), by id; one
 * inspect per container. A container removed meanwhile is left out.
 */
export async function restartCounts(env: Env, ids: readonly string[]): Promise<Map<string, number>> {
  const counts = await Promise.all(ids.map(async (id) => {
    const info = await call(env, `inspect container ${id.slice(0, 12)}`,
      (s) => engineGet<{ RestartCount?: number }>(s, `/containers/${encodeURIComponent(id)}/json`).catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? undefined : Promise.reject(e))),
      (d) => d.getContainer(id).inspect().catch((e: { statusCode?: number }) => (e.statusCode === 404 ? undefined : Promise.reject(e))) as Promise<{ RestartCount?: number } | undefined>);
    return info ? [[id, info.RestartCount ?? 0] as const] : [];
  }));
  return new Map(counts.flat());
}

/**
 * Run a container's healthcheck once, now (Podman's libpod API; the engine records the result in
 * State.Health as if it had scheduled it). Podman schedules checks with systemd timers, so where
 * there is no systemd nothing runs them but this. Bounded by the check's own timeout.
 */
export async function runHealthcheck(env: Env, id: string, checkTimeoutMs: number, signal?: AbortSignal): Promise<void> {
  const socket = await socketFor(env);
  if (!socket) return; // remote Podman over tcp: dockerode has no libpod call
  await engineRequest(socket, 'GET', `/v4.0.0/libpod/containers/${encodeURIComponent(id)}/healthcheck`, undefined, checkTimeoutMs + 5_000, signal).catch((e: unknown) => {
    throw engineError(env, `run the healthcheck of container ${id.slice(0, 12)}`, e);
  });
}

/**
 * Containers (of any project) that publish this host port. Every running container, filtered here:
 * Podman rejects the `publish` filter (500), and one list answers every port of a pre-check.
 */
export async function containersPublishing(env: Env, port: number): Promise<ContainerView[]> {
  const list = await call(env, `list the containers publishing port ${port}`,
    (s) => engineGet<Dockerode.ContainerInfo[]>(s, '/containers/json'),
    (d) => d.listContainers());
  return list.map(view).filter((c) => c.ports.some((p) => p.published === port));
}

/** Networks with these labels, in one API call. */
export async function listNetworks(env: Env, labels: string[]): Promise<NetworkView[]> {
  const list = await call(env, 'list networks',
    (s) => engineGet<{ Name: string; Labels: Record<string, string> | null }[]>(s, `/networks?filters=${q({ label: labels })}`),
    (d) => d.listNetworks({ filters: { label: labels } }) as Promise<{ Name: string; Labels: Record<string, string> | null }[]>);
  return list.map((n) => ({ name: n.Name, labels: n.Labels ?? {} }));
}

/** Volumes with these labels, in one API call. */
export async function listVolumes(env: Env, labels: string[]): Promise<VolumeView[]> {
  const res = await call(env, 'list volumes',
    (s) => engineGet<{ Volumes: { Name: string; Labels: Record<string, string> | null }[] | null }>(s, `/volumes?filters=${q({ label: labels })}`),
    (d) => d.listVolumes({ filters: { label: labels } }) as Promise<{ Volumes: { Name: string; Labels: Record<string, string> | null }[] | null }>);
  return (res.Volumes ?? []).map((v) => ({ name: v.Name, labels: v.Labels ?? {} }));
}

export interface LogLine {
  time: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * A container's log with timestamps, demultiplexed. `onLine` gets each line; the returned function
 * stops following. A container that is gone (removed while `logs` runs) is a RuntimeError.
 */
export async function containerLogs(
  env: Env,
  id: string,
  opts: { follow: boolean; tail?: number; since?: number },
  onLine: (line: LogLine) => void,
): Promise<{ done: Promise<void>; stop: () => void }> {
  const docker = await dockerClient(env, !opts.follow);
  const container = docker.getContainer(id);
  const fail = (e: unknown): never => {
    if ((e as { statusCode?: number }).statusCode === 404) throw new RuntimeError(`container ${id.slice(0, 12)} is gone (removed while devslot was reading its logs); run the command again`);
    throw engineError(env, `read the logs of container ${id.slice(0, 12)}`, e);
  };
  const info = await container.inspect().catch(fail);
  const base = { stdout: true, stderr: true, timestamps: true, since: opts.since ?? 0, ...(opts.tail !== undefined ? { tail: opts.tail } : {}) };
  const { PassThrough } = await import('node:stream');
  const make = (stream: 'stdout' | 'stderr') => {
    const pt = new PassThrough();
    const lines = lineSplitter((l) => onLine(parseDockerLine(l, stream)));
    pt.on('data', lines.push);
    pt.on('end', lines.end);
    return pt;
  };
  const out = make('stdout');
  const err = make('stderr');
  if (!opts.follow) {
    const buf = (await container.logs({ ...base, follow: false }).catch(fail)) as unknown as Buffer;
    if (info.Config.Tty) out.end(buf);
    else {
      demux(buf, out, err);
      out.end();
      err.end();
    }
    return { done: Promise.resolve(), stop: () => {} };
  }
  // Not awaited: Podman sends a stream's headers only with the container's first line, so waiting
  // for them would stop a follow at the first silent container. Lines flow when they come.
  let stream: (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
  let stopped = false;
  let settle: () => void = () => {};
  const done = new Promise<void>((resolve) => (settle = resolve));
  // Stopping before the headers came must end the pending request too, or it keeps the process alive.
  const abort = new AbortController();
  container.logs({ ...base, follow: true, abortSignal: abort.signal } as Parameters<typeof container.logs>[0] & { follow: true }).then(
    (s) => {
      stream = s as NodeJS.ReadableStream & { destroy?: () => void };
      if (stopped) return stream.destroy?.();
      if (info.Config.Tty) stream.pipe(out);
      else docker.modem.demuxStream(stream, out, err);
      stream.on('end', settle);
      stream.on('close', settle);
      stream.on('error', settle);
    },
    () => settle(),
  );
  return { done, stop: () => {
    stopped = true;
    abort.abort();
    stream?.destroy?.();
    settle();
  } };
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

/**
 * Claim a name on the engine (issue 11: one slot of one engine, one checkout at a time). Creating
 * a volume that exists returns the existing one, labels and all, so of any number of concurrent
 * creates exactly one label set wins and every caller reads back the same winner (10 parallel
 * creates on Docker 20.10: one label set, every time). Returns the holder's labels.
 */
export async function claimVolume(env: Env, name: string, labels: Record<string, string>): Promise<Record<string, string>> {
  const body = { Name: name, Labels: labels };
  const created = await call(env, `create the claim volume ${name}`,
    (s) => engineRequest<{ Labels: Record<string, string> | null }>(s, 'POST', '/volumes/create', body).catch(async (e: unknown) => {
      // An engine that answers a second create with 409 instead: the holder is the existing one.
      if (e instanceof ApiError && e.status === 409) return engineGet<{ Labels: Record<string, string> | null }>(s, `/volumes/${encodeURIComponent(name)}`);
      throw e;
    }),
    async (d) => {
      await d.createVolume(body).catch((e: { statusCode?: number }) => (e.statusCode === 409 ? undefined : Promise.reject(e)));
      return (await d.getVolume(name).inspect()) as { Labels: Record<string, string> | null };
    });
  return created.Labels ?? {};
}

/** Remove a volume by name; one that is already gone is fine. */
/**
 * Each container's anonymous volumes (an image's VOLUME no service names, `- /path` in `volumes:`):
 * nameless, so once `compose down` has removed the containers no command can find them again, and
 * the next up makes new ones. Proven ours: mounted by our containers.
 */
async function withAnonymousVolumes(env: Env, list: Dockerode.ContainerInfo[], views: ContainerView[]): Promise<ContainerView[]> {
  // The engine names a volume nobody named with 64 hex digits.
  const hex = list.map((c) => (c.Mounts ?? []).filter((m) => m.Type === 'volume' && /^[0-9a-f]{64}$/.test(m.Name ?? '')).map((m) => m.Name!));
  // Compose names every volume it declares: an anonymous one carries no compose label.
  const labelled = hex.some((names) => names.length) ? new Set((await listVolumes(env, [LABEL_PROJECT])).map((v) => v.name)) : new Set<string>();
  return views.map((v, i) => ({ ...v, anonymousVolumes: [...new Set(hex[i]!)].filter((n) => !labelled.has(n)).sort() }));
}

export async function removeVolume(env: Env, name: string): Promise<void> {
  await call(env, `remove the volume ${name}`,
    (s) => engineRequest<void>(s, 'DELETE', `/volumes/${encodeURIComponent(name)}`, undefined).catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? undefined : Promise.reject(e))),
    (d) => d.getVolume(name).remove().catch((e: { statusCode?: number }) => (e.statusCode === 404 ? undefined : Promise.reject(e))) as Promise<void>);
}

/**
 * Connect a container to a network under an alias (the infra's services join a slot's networks
 * by their service name, DESIGN §9). Already connected: nothing to do.
 */
export async function connectNetwork(env: Env, network: string, container: string, alias: string): Promise<void> {
  try {
    const d = await dockerClient(env);
    await d.getNetwork(network).connect({ Container: container, EndpointConfig: { Aliases: [alias] } });
  } catch (e) {
    // Docker: "already exists in network"; Podman: "is already connected" (another slot's start may have just done it).
    if (/already exists|already attached|already connected/i.test((e as Error).message ?? '')) return;
    throw engineError(env, `connect ${container.slice(0, 12)} to network ${network}`, e);
  }
}

/** Disconnect a container from a network; one that is gone or not connected is nothing to do. */
export async function disconnectNetwork(env: Env, network: string, container: string): Promise<void> {
  try {
    const d = await dockerClient(env);
    await d.getNetwork(network).disconnect({ Container: container, Force: true });
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 404 || /is not connected|not found|no such/i.test((e as Error).message ?? '')) return;
    throw engineError(env, `disconnect ${container.slice(0, 12)} from network ${network}`, e);
  }
}

/** Whether the engine has this image (by reference), one inspect. */
export async function hasImage(env: Env, ref: string): Promise<boolean> {
  return call(env, `inspect the image ${ref}`,
    (s) => engineGet(s, `/images/${encodeURIComponent(ref)}/json`).then(() => true, (e: unknown) => (e instanceof ApiError && e.status === 404 ? false : Promise.reject(e))),
    (d) => d.getImage(ref).inspect().then(() => true, (e: { statusCode?: number }) => (e.statusCode === 404 ? false : Promise.reject(e))));
}

/**
 * `docker save ref | docker load` from the engine of `from` to the engine of `to`, streamed (no
 * temp file), both over their sockets: for a remote engine that is the one ssh transport.
 */
export async function copyImage(from: Env, to: Env, ref: string, signal?: AbortSignal, timeoutMs = 600_000): Promise<void> {
  const src = await socketFor(from);
  const dst = await socketFor(to);
  if (!src || !dst) throw new RuntimeError(`cannot send ${ref}: both engines must be reached over a socket or ssh`);
  await new Promise<void>((resolve, reject) => {
    const fail = (e: unknown) => reject(e instanceof RuntimeError ? e : new RuntimeError(`sending the image ${ref} to the remote engine failed: ${(e as Error).message}`));
    const timer = setTimeout(() => fail(new Error(`not done within ${timeoutMs / 1000}s`)), timeoutMs);
    const get = http.request({ socketPath: src, path: `/images/${encodeURIComponent(ref)}/get`, method: 'GET', headers: { host: 'docker' } }, (res) => {
      if ((res.statusCode ?? 500) >= 400) return fail(new Error(`this engine has no ${ref} (${res.statusCode})`));
      const post = http.request({ socketPath: dst, path: '/images/load?quiet=1', method: 'POST', headers: { host: 'docker', 'content-type': 'application/x-tar' } }, (ans) => {
        const chunks: Buffer[] = [];
        ans.on('data', (c: Buffer) => chunks.push(c));
        ans.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          if ((ans.statusCode ?? 500) >= 400 || /"error"/.test(text)) return fail(new Error(text.trim().split('\n')[0] ?? String(ans.statusCode)));
          resolve();
        });
      });
      post.on('error', fail);
      signal?.addEventListener('abort', () => { post.destroy(new Error('stopped')); get.destroy(); }, { once: true });
      res.pipe(post);
    });
    get.on('error', fail);
    get.end();
  });
}
