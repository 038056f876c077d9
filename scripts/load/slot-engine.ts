import { contextHost } from '../adapters/docker-context.js';
import { engineOfSlot, isHostValue } from '../config/engines.js';
import type { Config } from '../config/types.js';

type Env = NodeJS.ProcessEnv;

/**
 * Issue 19: which engine each slot runs on, as the environment its adapters get. A slot the config
 * gives an engine gets DOCKER_HOST set to it (a Docker context resolved to its host); every other
 * slot keeps `env` as it is, so the user's own DOCKER_HOST stays the default.
 */
export function engineHost(config: Pick<Config, 'engines'>, env: Env, slot: number): string | undefined {
  const engine = engineOfSlot(config.engines, slot);
  if (engine === undefined) return env.DOCKER_HOST;
  return isHostValue(engine) ? engine : contextHost(env, engine);
}

/** The environment for every engine call and compose run of one slot. */
export function slotEnv(config: Pick<Config, 'engines'>, env: Env, slot: number): Env {
  const host = engineHost(config, env, slot);
  if (host === env.DOCKER_HOST) return env;
  return host === undefined ? withoutHost(env) : { ...env, DOCKER_HOST: host };
}

function withoutHost(env: Env): Env {
  const { DOCKER_HOST: _default, ...rest } = env;
  return rest;
}

/** Where a slot runs, as `ls` and `status` show it: `local`, or the engine's host. */
export function engineWhere(host: string | undefined): string {
  return host === undefined ? 'local' : host;
}

/** One engine of the project and the slots on it; the default engine owns every slot not named. */
export interface EngineGroup {
  host: string | undefined;
  env: Env;
  owns: (slot: number) => boolean;
}

/**
 * The distinct engines this project's slots run on (one entry without `engines:`): the default
 * engine first. Asked once per command, each list goes to one engine only once.
 */
export function engineGroups(config: Pick<Config, 'engines'>, env: Env): EngineGroup[] {
  // Each range's engine resolved once (a context is a file read), not once per slot asked.
  const named = new Map<number, string | undefined>();
  for (const r of config.engines ?? []) {
    const host = engineHost(config, env, r.from);
    for (let slot = r.from; slot <= r.to; slot++) named.set(slot, host);
  }
  const hostOf = (slot: number) => (named.has(slot) ? named.get(slot) : env.DOCKER_HOST);
  const hosts = [...new Set([env.DOCKER_HOST, ...named.values()])];
  return hosts.map((host) => ({ host, env: host === env.DOCKER_HOST ? env : host === undefined ? withoutHost(env) : { ...env, DOCKER_HOST: host }, owns: (slot) => hostOf(slot) === host }));
}
