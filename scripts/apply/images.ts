import { copyImage } from '../adapters/docker.js';

/** This machine's engine: DOCKER_HOST as it would be without the remote one. */
export function localEngineEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DOCKER_HOST: _remote, ...rest } = env;
  return rest;
}

/** Send an image from this machine's engine to the remote one, over the one ssh transport. */
export function sendImage(env: NodeJS.ProcessEnv, image: string, signal?: AbortSignal): Promise<void> {
  return copyImage(localEngineEnv(env), env, image, signal);
}
