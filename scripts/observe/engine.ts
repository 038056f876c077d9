import { requireEngine as ping } from '../adapters/docker.js';

/** Fail with one line, and how to fix it, when the engine does not answer (one ping). */
export function requireEngine(env: NodeJS.ProcessEnv): Promise<void> {
  return ping(env);
}

/** Whether the engine answers, without failing. */
export function engineAnswers(env: NodeJS.ProcessEnv): Promise<boolean> {
  return ping(env).then(() => true, () => false);
}
