import { ConfigError, InterruptedError, RuntimeError } from '../errors.js';
import type { ComposeModel } from '../plan/compose-model.js';
import { projectArgs } from '../plan/compose-argv.js';
import { run, type RunResult } from './process.js';
import { isSshHost, tunnelSocket } from './ssh.js';

/** Compose ≥ 2.24 understands `!override`; older ones would merge ports and leak the base port. */
export const MIN_COMPOSE = [2, 24, 0] as const;

export interface ComposeCli {
  /** argv[0] and the words before compose's own arguments: ['docker', 'compose'] or ['docker-compose']. */
  argv: string[];
  version: string;
}

/**
 * The environment compose runs with. Variables that would silently beat devslot's own settings are
 * removed: the shell's DEVSLOT_* (interpolation prefers the process environment over --env-file),
 * and COMPOSE_PROJECT_NAME/COMPOSE_FILE/COMPOSE_PROFILES/COMPOSE_ENV_FILES (devslot passes -p, -f,
 * --profile and --env-file itself).
 */
export function composeChildEnv(env: NodeJS.ProcessEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (!composeDropsVar(k)) out[k] = v;
  }
  return { ...out, ...extra };
}

/**
 * The environment for a compose command that needs no engine (`version`, `config`): with
 * DOCKER_HOST=ssh://… the docker CLI would log in to the remote for nothing (one more ssh login per
 * command), so it is pointed at a socket that does not exist; those commands never dial it.
 */
export function offlineEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return isSshHost(env) ? { ...env, DOCKER_HOST: 'unix:///nonexistent/devslot-offline.sock' } : env;
}

/** The environment for a compose command that talks to the engine: ssh:// through devslot's one transport. */
export async function engineEnv(env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  return isSshHost(env) ? { ...env, DOCKER_HOST: `unix://${await tunnelSocket(env)}` } : env;
}

/** Whether composeChildEnv keeps this variable of the caller's environment from compose. */
export function composeDropsVar(name: string): boolean {
  return name.startsWith('DEVSLOT_') || ['COMPOSE_PROJECT_NAME', 'COMPOSE_FILE', 'COMPOSE_PROFILES', 'COMPOSE_ENV_FILES'].includes(name);
}

export function parseVersion(text: string): number[] | undefined {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function versionAtLeast(v: readonly number[], min: readonly number[]): boolean {
  for (let i = 0; i < min.length; i++) {
    if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i]!;
  }
  return true;
}

async function tryRun(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult | undefined> {
  try {
    return await run(cmd, args, { env: offlineEnv(env), timeoutMs: 20_000 });
  } catch {
    return undefined;
  }
}

let cached: Promise<ComposeCli> | undefined;

/** `docker compose` v2, else standalone `docker-compose`; refuses a version without `!override`. */
export function detectCompose(env: NodeJS.ProcessEnv): Promise<ComposeCli> {
  cached ??= (async () => {
    const candidates: string[][] = [['docker', 'compose'], ['docker-compose']];
    let found: { argv: string[]; version: string } | undefined;
    for (const argv of candidates) {
      const r = await tryRun(argv[0]!, [...argv.slice(1), 'version', '--short'], env);
      if (r && r.code === 0 && parseVersion(r.stdout)) {
        found = { argv, version: r.stdout.trim().replace(/^v/, '') };
        break;
      }
    }
    if (!found) {
      throw new RuntimeError(`Docker Compose v2 was not found: install Compose ${MIN_COMPOSE.join('.')} or newer (\`docker compose version\` must work)`);
    }
    if (!versionAtLeast(parseVersion(found.version)!, MIN_COMPOSE)) {
      throw new RuntimeError(
        `${found.argv.join(' ')} is version ${found.version}, but devslot needs Compose ${MIN_COMPOSE.join('.')} or newer (for \`ports: !override\`); upgrade Compose`,
      );
    }
    return found;
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}

type ModelArgs = { project: string; envFiles: readonly string[]; files: readonly string[]; profiles: readonly string[]; cwd: string; env: NodeJS.ProcessEnv };

function runConfig(argv: readonly string[], p: ModelArgs): Promise<RunResult> {
  return run(argv[0]!, [...argv.slice(1), ...projectArgs(p), 'config', '--format', 'json'], { cwd: p.cwd, env: offlineEnv(p.env), timeoutMs: 60_000 });
}

function modelOf(p: ModelArgs, r: RunResult): ComposeModel {
  if (r.code !== 0) {
    throw new ConfigError(`compose could not resolve ${p.files.join(', ')}: ${firstErrorLine(r.stderr)}`);
  }
  const model = JSON.parse(r.stdout) as ComposeModel;
  model.services ??= {};
  return model;
}

/**
 * The resolved model, exactly as compose resolves it (interpolation, extends, include, profiles).
 * Needs the compose CLI but no running engine.
 */
export async function resolveModel(cli: ComposeCli, p: ModelArgs): Promise<ComposeModel> {
  let r: RunResult;
  try {
    r = await runConfig(cli.argv, p);
  } catch (e) {
    throw new RuntimeError(`could not run ${cli.argv.join(' ')}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; is Docker Compose installed and on PATH?`);
  }
  return modelOf(p, r);
}

/**
 * detectCompose, then resolveModel — with `docker compose config` started beside the version
 * check rather than after it (each is a docker CLI start, ~100 ms). The early result is used only
 * when the detected CLI is that same `docker compose`; otherwise it is dropped and config runs again.
 */
export async function detectAndResolve(env: NodeJS.ProcessEnv, p: ModelArgs): Promise<{ cli: ComposeCli; model: ComposeModel }> {
  const guess = ['docker', 'compose'];
  const early = runConfig(guess, p).catch(() => undefined);
  let cli: ComposeCli;
  try {
    cli = await detectCompose(env);
  } catch (e) {
    await early; // leave no child running behind a refusal
    throw e;
  }
  const r = cli.argv.join(' ') === guess.join(' ') ? await early : undefined;
  if (!r) {
    await early;
    return { cli, model: await resolveModel(cli, p) };
  }
  return { cli, model: modelOf(p, r) };
}

/**
 * The line of compose's stderr that says what went wrong. Compose interleaves progress
 * (`Network x  Creating`, `Container y  Started`) and warnings with the error, which is usually
 * the last line and starts with `Error` (`Error response from daemon: …`).
 */
export function firstErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^(time=|WARN\[|level=warning)/.test(l))
    .filter((l) => !/^(Container|Network|Volume|Image)\s+\S+\s+[A-Z][a-z]+( \d+(\.\d+)?s)?$/.test(l) && !/^[\[\]⠀-⣿ ]+(Running|Pulling)/.test(l));
  const error = [...lines].reverse().find((l) => /^(error|Error)\b/.test(l) || /Error response from daemon/.test(l));
  return (error ?? lines.at(-1) ?? stderr.trim()) || 'no error text';
}

/**
 * Host prerequisites an engine reports in words nobody can act on: the one-line fix for each, or
 * undefined. Both come from rootful Podman on a bare host (checked with Podman 4.3.1).
 */
export function hostPrerequisite(stderr: string): string | undefined {
  if (/container-init binary not found/i.test(stderr)) {
    return 'the engine has no init binary for `init: true` ("container-init binary not found"): install catatonit (e.g. `apt-get install catatonit`), or remove `init: true`';
  }
  const rlimit = /error setting rlimit type (\d+)|setrlimit[^\n]*operation not permitted/i.exec(stderr);
  if (rlimit) {
    return `the engine asks for resource limits this host does not allow ("${rlimit[0]}"): set \`default_ulimits\` in containers.conf to values within \`ulimit -Hn\`/\`ulimit -Hu\` (e.g. default_ulimits = ["nofile=1024:1024"]) and restart the Podman service`;
  }
  return undefined;
}

/**
 * Run a compose command (argv from the plan's operations); a failure is a RuntimeError with
 * compose's own words. `opts.timeoutMs` bounds it (compose up waits without limit on a
 * `service_healthy` dependency that never turns healthy); `opts.env` adds variables for compose.
 */
export async function runCompose(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv, what: string, signal?: AbortSignal, opts: { timeoutMs?: number; extraEnv?: Record<string, string> } = {}): Promise<RunResult> {
  let r: RunResult;
  const childEnv = composeChildEnv(await engineEnv(env), opts.extraEnv);
  try {
    r = await run(argv[0]!, argv.slice(1), { cwd, env: childEnv, signal, ...(opts.timeoutMs !== undefined ? { timeoutMs: Math.max(1, opts.timeoutMs) } : {}) });
  } catch (e) {
    throw new RuntimeError(`could not run ${argv.slice(0, 2).join(' ')}: ${(e as Error).message}`);
  }
  if (signal?.aborted) throw new InterruptedError(`interrupted during ${what}`);
  if (r.timedOut) throw new RuntimeError(`${what} did not finish within the timeout (${Math.round((opts.timeoutMs ?? 0) / 1000)}s)${waitingOn(r.stderr)}; raise --timeout, or see \`docker compose ps\``);
  if (r.code !== 0) throw new RuntimeError(`${what} failed: ${hostPrerequisite(r.stderr) ?? firstErrorLine(r.stderr)}`);
  return r;
}

/** What compose was still waiting for when stopped: its last `Container x  Waiting` line. */
function waitingOn(stderr: string): string {
  const waiting = stderr.split('\n').map((l) => l.trim()).filter((l) => /^Container \S+\s+Waiting$/.test(l)).pop();
  return waiting ? ` (still waiting on ${waiting.split(/\s+/)[1]} to be healthy)` : '';
}
