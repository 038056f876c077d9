import { r as ConfigError, s as InterruptedError, u as RuntimeError } from "./errors-CfnyxBL4.js";
import { t as run } from "./process-BwP0Ys-i.js";
import { o as tunnelSocket, r as isSshHost } from "./ssh-DgtzPw1n.js";
// dist/plan/compose-argv.js
/** The compose command lines devslot runs, as argv arrays (pure; the compose adapter runs them). */
/** The global flags that select a slot's project: -p, --env-file, -f, --profile (in that order). */
function projectArgs(p) {
	return [
		"-p",
		p.project,
		...p.envFiles.flatMap((f) => ["--env-file", f]),
		...p.files.flatMap((f) => ["-f", f]),
		...p.profiles.flatMap((f) => ["--profile", f])
	];
}
/**
* No --wait: devslot polls container health itself (one Docker call per round) to show per-service
* progress, and `up --wait` fails or hangs on one-shot services (compose#9273, #10200).
*/
function upArgv(composeArgv, p) {
	return [
		...composeArgv,
		...projectArgs(p),
		"up",
		"--detach",
		"--remove-orphans"
	];
}
/**
* `down` takes only `-p`: compose finds the project's containers, networks and volumes by label,
* so stop works even after the config changed or broke.
*/
function downArgv(composeArgv, project, volumes) {
	return [
		...composeArgv,
		"-p",
		project,
		"down",
		"--remove-orphans",
		...volumes ? ["--volumes"] : []
	];
}
function restartArgv(composeArgv, p) {
	return [
		...composeArgv,
		..."files" in p ? projectArgs(p) : ["-p", p.project],
		"restart"
	];
}
/** The compose project a planned compose argv acts on (its `-p`), so operations need not repeat it. */
function projectOfArgv(argv) {
	const i = argv.indexOf("-p");
	return i >= 0 ? argv[i + 1] : void 0;
}
// dist/adapters/compose.js
/** Compose ≥ 2.24 understands `!override`; older ones would merge ports and leak the base port. */
const MIN_COMPOSE = [
	2,
	24,
	0
];
/**
* The environment compose runs with. Variables that would silently beat devslot's own settings are
* removed: the shell's DEVSLOT_* (interpolation prefers the process environment over --env-file),
* and COMPOSE_PROJECT_NAME/COMPOSE_FILE/COMPOSE_PROFILES/COMPOSE_ENV_FILES (devslot passes -p, -f,
* --profile and --env-file itself).
*/
function composeChildEnv(env, extra = {}) {
	const out = {};
	for (const [k, v] of Object.entries(env)) if (!composeDropsVar(k)) out[k] = v;
	return {
		...out,
		...extra
	};
}
/**
* The environment for a compose command that needs no engine (`version`, `config`): with
* DOCKER_HOST=ssh://… the docker CLI would log in to the remote for nothing (one more ssh login per
* command), so it is pointed at a socket that does not exist; those commands never dial it.
*/
function offlineEnv(env) {
	return isSshHost(env) ? {
		...env,
		DOCKER_HOST: "unix:///nonexistent/devslot-offline.sock"
	} : env;
}
/** The environment for a compose command that talks to the engine: ssh:// through devslot's one transport. */
async function engineEnv(env) {
	return isSshHost(env) ? {
		...env,
		DOCKER_HOST: `unix://${await tunnelSocket(env)}`
	} : env;
}
/** Whether composeChildEnv keeps this variable of the caller's environment from compose. */
function composeDropsVar(name) {
	return name.startsWith("DEVSLOT_") || [
		"COMPOSE_PROJECT_NAME",
		"COMPOSE_FILE",
		"COMPOSE_PROFILES",
		"COMPOSE_ENV_FILES"
	].includes(name);
}
function parseVersion(text) {
	const m = /(\d+)\.(\d+)\.(\d+)/.exec(text);
	return m ? [
		Number(m[1]),
		Number(m[2]),
		Number(m[3])
	] : void 0;
}
function versionAtLeast(v, min) {
	for (let i = 0; i < min.length; i++) if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i];
	return true;
}
async function tryRun(cmd, args, env) {
	try {
		return await run(cmd, args, {
			env: offlineEnv(env),
			timeoutMs: 2e4
		});
	} catch {
		return;
	}
}
let cached;
/** `docker compose` v2, else standalone `docker-compose`; refuses a version without `!override`. */
function detectCompose(env) {
	cached ??= (async () => {
		const candidates = [["docker", "compose"], ["docker-compose"]];
		let found;
		for (const argv of candidates) {
			const r = await tryRun(argv[0], [
				...argv.slice(1),
				"version",
				"--short"
			], env);
			if (r && r.code === 0 && parseVersion(r.stdout)) {
				found = {
					argv,
					version: r.stdout.trim().replace(/^v/, "")
				};
				break;
			}
		}
		if (!found) throw new RuntimeError(`Docker Compose v2 was not found: install Compose ${MIN_COMPOSE.join(".")} or newer (\`docker compose version\` must work)`);
		if (!versionAtLeast(parseVersion(found.version), MIN_COMPOSE)) throw new RuntimeError(`${found.argv.join(" ")} is version ${found.version}, but devslot needs Compose ${MIN_COMPOSE.join(".")} or newer (for \`ports: !override\`); upgrade Compose`);
		return found;
	})();
	cached.catch(() => cached = void 0);
	return cached;
}
function runConfig(argv, p) {
	return run(argv[0], [
		...argv.slice(1),
		...projectArgs(p),
		"config",
		"--format",
		"json"
	], {
		cwd: p.cwd,
		env: offlineEnv(p.env),
		timeoutMs: 6e4
	});
}
function modelOf(p, r) {
	if (r.code !== 0) throw new ConfigError(`compose could not resolve ${p.files.join(", ")}: ${firstErrorLine(r.stderr)}`);
	const model = JSON.parse(r.stdout);
	model.services ??= {};
	return model;
}
/**
* The resolved model, exactly as compose resolves it (interpolation, extends, include, profiles).
* Needs the compose CLI but no running engine.
*/
async function resolveModel(cli, p) {
	let r;
	try {
		r = await runConfig(cli.argv, p);
	} catch (e) {
		throw new RuntimeError(`could not run ${cli.argv.join(" ")}: ${e.code ?? e.message}; is Docker Compose installed and on PATH?`);
	}
	return modelOf(p, r);
}
/**
* detectCompose, then resolveModel — with `docker compose config` started beside the version
* check rather than after it (each is a docker CLI start, ~100 ms). The early result is used only
* when the detected CLI is that same `docker compose`; otherwise it is dropped and config runs again.
*/
async function detectAndResolve(env, p) {
	const guess = ["docker", "compose"];
	const early = runConfig(guess, p).catch(() => void 0);
	let cli;
	try {
		cli = await detectCompose(env);
	} catch (e) {
		await early;
		throw e;
	}
	const r = cli.argv.join(" ") === guess.join(" ") ? await early : void 0;
	if (!r) {
		await early;
		return {
			cli,
			model: await resolveModel(cli, p)
		};
	}
	return {
		cli,
		model: modelOf(p, r)
	};
}
/**
* The line of compose's stderr that says what went wrong. Compose interleaves progress
* (`Network x  Creating`, `Container y  Started`) and warnings with the error, which is usually
* the last line and starts with `Error` (`Error response from daemon: …`).
*/
function firstErrorLine(stderr) {
	const lines = stderr.split("\n").map((l) => l.trim()).filter((l) => l && !/^(time=|WARN\[|level=warning)/.test(l)).filter((l) => !/^(Container|Network|Volume|Image)\s+\S+\s+[A-Z][a-z]+( \d+(\.\d+)?s)?$/.test(l) && !/^[\[\]⠀-⣿ ]+(Running|Pulling)/.test(l));
	return ([...lines].reverse().find((l) => /^(error|Error)\b/.test(l) || /Error response from daemon/.test(l)) ?? lines.at(-1) ?? stderr.trim()) || "no error text";
}
/**
* Host prerequisites an engine reports in words nobody can act on: the one-line fix for each, or
* undefined. Both come from rootful Podman on a bare host (checked with Podman 4.3.1).
*/
function hostPrerequisite(stderr) {
	if (/container-init binary not found/i.test(stderr)) return "the engine has no init binary for `init: true` (\"container-init binary not found\"): install catatonit (e.g. `apt-get install catatonit`), or remove `init: true`";
	const rlimit = /error setting rlimit type (\d+)|setrlimit[^\n]*operation not permitted/i.exec(stderr);
	if (rlimit) return `the engine asks for resource limits this host does not allow ("${rlimit[0]}"): set \`default_ulimits\` in containers.conf to values within \`ulimit -Hn\`/\`ulimit -Hu\` (e.g. default_ulimits = ["nofile=1024:1024"]) and restart the Podman service`;
}
/**
* Run a compose command (argv from the plan's operations); a failure is a RuntimeError with
* compose's own words. `opts.timeoutMs` bounds it (compose up waits without limit on a
* `service_healthy` dependency that never turns healthy); `opts.env` adds variables for compose.
*/
async function runCompose(argv, cwd, env, what, signal, opts = {}) {
	let r;
	const childEnv = composeChildEnv(await engineEnv(env), opts.extraEnv);
	try {
		r = await run(argv[0], argv.slice(1), {
			cwd,
			env: childEnv,
			signal,
			...opts.timeoutMs !== void 0 ? { timeoutMs: Math.max(1, opts.timeoutMs) } : {}
		});
	} catch (e) {
		throw new RuntimeError(`could not run ${argv.slice(0, 2).join(" ")}: ${e.message}`);
	}
	if (signal?.aborted) throw new InterruptedError(`interrupted during ${what}`);
	if (r.timedOut) throw new RuntimeError(`${what} did not finish within the timeout (${Math.round((opts.timeoutMs ?? 0) / 1e3)}s)${waitingOn(r.stderr)}; raise --timeout, or see \`docker compose ps\``);
	if (r.code !== 0) throw new RuntimeError(`${what} failed: ${hostPrerequisite(r.stderr) ?? firstErrorLine(r.stderr)}`);
	return r;
}
/** What compose was still waiting for when stopped: its last `Container x  Waiting` line. */
function waitingOn(stderr) {
	const waiting = stderr.split("\n").map((l) => l.trim()).filter((l) => /^Container \S+\s+Waiting$/.test(l)).pop();
	return waiting ? ` (still waiting on ${waiting.split(/\s+/)[1]} to be healthy)` : "";
}
export { parseVersion as a, downArgv as c, restartArgv as d, upArgv as f, detectCompose as i, projectArgs as l, composeDropsVar as n, resolveModel as o, detectAndResolve as r, runCompose as s, composeChildEnv as t, projectOfArgv as u };
