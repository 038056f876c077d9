import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../errors.js';

/**
 * A Docker context's engine address, read from the docker CLI's own store (no `docker context
 * inspect` process): `$DOCKER_CONFIG/contexts/meta/<sha256 of the name>/meta.json`, whose
 * `Endpoints.docker.Host` is the DOCKER_HOST the context stands for.
 */
export function contextHost(env: NodeJS.ProcessEnv, name: string): string {
  const config = env.DOCKER_CONFIG ?? path.join(env.HOME ?? os.homedir(), '.docker');
  const id = crypto.createHash('sha256').update(name).digest('hex');
  const file = path.join(config, 'contexts', 'meta', id, 'meta.json');
  let meta: { Endpoints?: { docker?: { Host?: unknown } } };
  try {
    meta = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof meta;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError(`engines: no Docker context named "${name}" (looked in ${path.join(config, 'contexts')}); create it (\`docker context create ${name} --docker host=ssh://user@host\`), or write the DOCKER_HOST value instead`);
    throw new ConfigError(`engines: the Docker context "${name}" cannot be read (${file}: ${code ?? (e as Error).message}); fix it with \`docker context inspect ${name}\`, or write the DOCKER_HOST value instead`);
  }
  const host = meta.Endpoints?.docker?.Host;
  if (typeof host !== 'string' || !host) throw new ConfigError(`engines: the Docker context "${name}" names no engine host (${file}); write the DOCKER_HOST value instead`);
  // TLS material of a context lives beside it; devslot's client does not read it.
  if (fs.existsSync(path.join(config, 'contexts', 'tls', id, 'docker'))) {
    throw new ConfigError(`engines: the Docker context "${name}" uses TLS certificates, which devslot does not read from a context; use an ssh:// host for it instead`);
  }
  return host;
}
