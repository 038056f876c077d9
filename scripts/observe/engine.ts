import { engineIdentity, requireEngine as ping, type EngineIdentity } from '../adapters/docker.js';

export type { EngineIdentity };

/** Fail with one line, and how to fix it, when the engine does not answer (one ping). */
export function requireEngine(env: NodeJS.ProcessEnv): Promise<void> {
  return ping(env);
}

/** Whether the engine answers, without failing. */
export function engineAnswers(env: NodeJS.ProcessEnv): Promise<boolean> {
  return ping(env).then(() => true, () => false);
}

/**
 * Which engine is on DOCKER_HOST, for status and info: known from any earlier answer's headers (no
 * request), else asked once; undefined when it does not answer.
 */
export function whichEngine(env: NodeJS.ProcessEnv): Promise<EngineIdentity | undefined> {
  return engineIdentity(env).catch(() => undefined);
}

/** `Podman 4.3.1 at unix:///run/podman/podman.sock`, for the text views. */
export function engineLine(env: NodeJS.ProcessEnv, id: EngineIdentity | undefined): string {
  const host = env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  return id ? `${id.kind === 'podman' ? 'Podman' : 'Docker'} ${id.version} at ${host}` : `not reachable at ${host}`;
}
