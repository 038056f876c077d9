import { PassThrough } from 'node:stream';
import { RuntimeError } from '../errors.js';
import { LABEL_PROJECT, LABEL_SERVICE } from '../names.js';
import { dockerClient, engineError, listContainers } from './docker.js';
import { lineSplitter } from './lines.js';

type Env = NodeJS.ProcessEnv;

export interface ContainerExecResult {
  code: number;
  timedOut: boolean;
  container: string;
}

/**
 * Run argv in the running container of one compose service (its first replica), through the
 * engine API, so it works on any engine devslot can reach. Output comes line by line. The engine
 * cannot kill an exec'd process: on timeout or Ctrl-C devslot stops waiting and says so.
 */
export async function execInService(
  env: Env,
  target: { project: string; service: string },
  argv: readonly string[],
  opts: { env: Record<string, string>; user?: string; timeoutMs: number; signal?: AbortSignal; onLine: (line: string, stream: 'stdout' | 'stderr') => void },
): Promise<ContainerExecResult> {
  const list = await listContainers(env, [`${LABEL_PROJECT}=${target.project}`, `${LABEL_SERVICE}=${target.service}`]);
  const running = list.filter((c) => c.state === 'running').sort((a, b) => a.name.localeCompare(b.name));
  const c = running[0];
  if (!c) throw new RuntimeError(`service ${target.service} of ${target.project} has no running container to exec in${list.length ? ` (${list.map((x) => `${x.name}: ${x.state}`).join(', ')})` : ''}`);
  const docker = await dockerClient(env, false);
  let exec: Awaited<ReturnType<ReturnType<typeof docker.getContainer>['exec']>>;
  let stream: NodeJS.ReadableStream & { destroy?: () => void };
  try {
    exec = await docker.getContainer(c.id).exec({
      Cmd: [...argv],
      Env: Object.entries(opts.env).map(([k, v]) => `${k}=${v}`),
      AttachStdout: true,
      AttachStderr: true,
      ...(opts.user ? { User: opts.user } : {}),
    });
    stream = (await exec.start({ hijack: true, stdin: false })) as unknown as typeof stream;
  } catch (e) {
    throw engineError(env, `exec in ${c.name}`, e);
  }
  const split = (which: 'stdout' | 'stderr') => {
    const pt = new PassThrough();
    const lines = lineSplitter((l) => opts.onLine(l, which));
    pt.on('data', lines.push);
    return { pt, flush: lines.end };
  };
  const out = split('stdout');
  const err = split('stderr');
  docker.modem.demuxStream(stream, out.pt, err.pt);
  let timedOut = false;
  const ended = await new Promise<'end' | 'timeout' | 'abort'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), opts.timeoutMs);
    const onAbort = () => resolve('abort');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const fin = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve('end');
    };
    stream.on('end', fin);
    stream.on('close', fin);
    stream.on('error', fin);
  });
  out.flush();
  err.flush();
  if (ended !== 'end') {
    stream.destroy?.();
    timedOut = ended === 'timeout';
    return { code: 124, timedOut, container: c.name };
  }
  const info = await exec.inspect().catch((e: unknown) => {
    throw engineError(env, `read the exit code of an exec in ${c.name}`, e);
  });
  return { code: info.ExitCode ?? 1, timedOut, container: c.name };
}
