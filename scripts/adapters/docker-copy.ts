import { InterruptedError, RuntimeError } from '../errors.js';
import { dockerClient, engineError } from './docker.js';

type Env = NodeJS.ProcessEnv;

/**
 * Volume copies through the engine API (issue 16), so they work on a remote engine: pause and
 * unpause, stop and start, create and remove volumes, and one helper container per volume that
 * copies it with GNU tar. Docker has no volume copy (moby/moby#31854).
 */

/** A container and the named volumes it mounts, as the engine lists them. */
export interface MountingContainer {
  id: string;
  name: string;
  service: string;
  state: string;
  volumes: string[];
}

export async function listProjectContainers(env: Env, project: string): Promise<MountingContainer[]> {
  const d = await dockerClient(env);
  try {
    const list = await d.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
    return list.map((c) => ({
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
      service: c.Labels?.['com.docker.compose.service'] ?? '',
      state: c.State,
      volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name!),
    }));
  } catch (e) {
    throw engineError(env, `list the containers of ${project}`, e);
  }
}

/** Whether the engine has this image locally (a copy never pulls: an offline engine would hang on it). */
export async function hasImage(env: Env, image: string): Promise<boolean> {
  const d = await dockerClient(env);
  try {
    await d.getImage(image).inspect();
    return true;
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return false;
    throw engineError(env, `inspect the image ${image}`, e);
  }
}

export async function containerPaused(env: Env, id: string): Promise<boolean | undefined> {
  const d = await dockerClient(env);
  try {
    return (await d.getContainer(id).inspect()).State.Paused;
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return undefined;
    throw engineError(env, `inspect container ${id.slice(0, 12)}`, e);
  }
}

type Verb = 'pause' | 'unpause' | 'stop' | 'start';

/** One container state change; one already in that state is fine (409/304). */
export async function changeContainer(env: Env, id: string, verb: Verb): Promise<void> {
  const d = await dockerClient(env);
  const c = d.getContainer(id);
  try {
    if (verb === 'stop') await c.stop({ t: 10 });
    else await c[verb]();
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 304) return;
    if (status === 409 && /not paused|already paused|is paused/i.test(String((e as Error).message))) return;
    throw engineError(env, `${verb} container ${id.slice(0, 12)}`, e);
  }
}

export async function createLabelledVolume(env: Env, name: string, labels: Record<string, string>): Promise<void> {
  const d = await dockerClient(env);
  try {
    await d.createVolume({ Name: name, Labels: labels });
  } catch (e) {
    throw engineError(env, `create the volume ${name}`, e);
  }
}

export async function volumeLabels(env: Env, name: string): Promise<Record<string, string> | undefined> {
  const d = await dockerClient(env);
  try {
    return ((await d.getVolume(name).inspect()) as { Labels?: Record<string, string> | null }).Labels ?? {};
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return undefined;
    throw engineError(env, `inspect the volume ${name}`, e);
  }
}

/** Remove a container by name or id, running or not; one that is gone is fine. */
export async function removeContainer(env: Env, id: string): Promise<void> {
  const d = await dockerClient(env);
  await d.getContainer(id).remove({ force: true }).catch((e: { statusCode?: number }) => {
    if (e.statusCode === 404 || e.statusCode === 409) return; // gone, or already being removed
    throw engineError(env, `remove container ${id}`, e);
  });
}

/**
 * The copy, in one helper container mounting the source read-only and the target: GNU tar both
 * ways (busybox tar drops sparse files and xattrs), by absolute path (a busybox shell runs its own
 * applets before PATH). Any read or write error fails the copy, never a torn file: both exit codes
 * are checked (no `pipefail` in dash). The words are fixed: no user text reaches this shell.
 */
export const COPY_SCRIPT = [
  'T=""',
  'for t in /usr/bin/tar /bin/tar /usr/local/bin/tar; do if "$t" --version 2>/dev/null | head -n 1 | grep -q "GNU tar"; then T=$t; break; fi; done',
  '[ -n "$T" ] || { echo "no GNU tar in this image" >&2; exit 97; }',
  'for i in "$@"; do [ -z "$(ls -A "/to/$i")" ] || { echo "target volume $i is not empty" >&2; exit 98; }; done',
  'for i in "$@"; do',
  '  ( cd "/from/$i" && "$T" --sparse --xattrs --xattrs-include="*" --acls --numeric-owner -cpf - . ; echo $? > /tmp/devslot-read-rc ) | "$T" -C "/to/$i" --xattrs --xattrs-include="*" --acls --numeric-owner --same-owner -xpf -',
  '  w=$?; r=$(cat /tmp/devslot-read-rc)',
  '  [ "$r" = 0 ] && [ "$w" = 0 ] || { echo "tar failed on volume $i (read exit $r, write exit $w)" >&2; exit 99; }',
  'done',
].join('\n');

export const NO_GNU_TAR = 97;

export interface CopyRun {
  image: string;
  /** Every volume pair in one helper: one container start for the whole copy, which bounds the pause. */
  pairs: { from: string; to: string }[];
  /** The helper container's name (recorded first, so an interrupted run's recovery can remove it). */
  name: string;
  labels: Record<string, string>;
  deadline: number;
  signal: AbortSignal;
}

/** Copy volumes into (empty) ones; on Ctrl-C or past the deadline the helper is removed. */
export async function copyVolume(env: Env, run: CopyRun): Promise<void> {
  const bounded = await dockerClient(env);
  // The wait is a long poll: the bounded client's 15 s would end it; its bound is run.deadline.
  const unbounded = await dockerClient(env, false);
  let id: string | undefined;
  const what = run.pairs.map((p) => `${p.from} to ${p.to}`).join(', ');
  try {
    const c = await bounded.createContainer({
      name: run.name,
      Image: run.image,
      Entrypoint: ['sh', '-c', COPY_SCRIPT, 'devslot-copy'],
      Cmd: run.pairs.map((_, i) => String(i)),
      User: '0:0',
      Labels: run.labels,
      NetworkDisabled: true,
      HostConfig: {
        NetworkMode: 'none',
        Mounts: run.pairs.flatMap((p, i) => [
          { Type: 'volume', Source: p.from, Target: `/from/${i}`, ReadOnly: true, VolumeOptions: { NoCopy: true } },
          { Type: 'volume', Source: p.to, Target: `/to/${i}`, VolumeOptions: { NoCopy: true } },
        ]),
      },
    } as Parameters<typeof bounded.createContainer>[0]);
    id = c.id;
    const waited = unbounded.getContainer(c.id).wait({ condition: 'next-exit' }) as Promise<{ StatusCode: number }>;
    waited.catch(() => undefined); // after a Ctrl-C nobody awaits it: its end must not crash the process
    await c.start();
    const outcome = await Promise.race([
      waited.then((r) => ({ kind: 'exit' as const, code: r.StatusCode })),
      new Promise<{ kind: 'timeout' }>((resolve) => setTimeout(() => resolve({ kind: 'timeout' }), Math.max(0, run.deadline - Date.now())).unref()),
      new Promise<{ kind: 'abort' }>((resolve) => (run.signal.aborted ? resolve({ kind: 'abort' }) : run.signal.addEventListener('abort', () => resolve({ kind: 'abort' }), { once: true }))),
    ]);
    if (outcome.kind === 'abort') throw new InterruptedError(`interrupted while copying ${what}`);
    if (outcome.kind === 'timeout') throw new RuntimeError(`copying ${what} did not finish within --timeout; give a longer --timeout SECONDS`);
    if (outcome.code !== 0) {
      const log = (await c.logs({ stdout: true, stderr: true, tail: 5 }).catch(() => Buffer.alloc(0))) as unknown as Buffer;
      const text = demuxText(log).trim().split('\n').slice(-3).join(' ⏎ ');
      if (outcome.code === NO_GNU_TAR) throw new RuntimeError(`the copy image ${run.image} has no GNU tar (needed to keep sparse files and xattrs); set copy.image in devslot.yaml (or DEVSLOT_COPY_IMAGE) to an image with GNU tar, e.g. debian:bookworm-slim`);
      throw new RuntimeError(`copying ${what} failed (exit ${outcome.code}): ${text || 'no output'}`);
    }
  } catch (e) {
    if (e instanceof RuntimeError || e instanceof InterruptedError) throw e;
    throw engineError(env, `copy ${what}`, e);
  } finally {
    await removeContainer(env, id ?? run.name).catch(() => undefined);
  }
}

/** The text of a non-TTY container's log (8-byte frame headers). */
function demuxText(buf: Buffer): string {
  if (!Buffer.isBuffer(buf)) return String(buf ?? '');
  let at = 0;
  const parts: Buffer[] = [];
  while (at + 8 <= buf.length) {
    const size = buf.readUInt32BE(at + 4);
    parts.push(buf.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}
