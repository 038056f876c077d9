import "./load-CnUK0OiY.js";
import { f as UsageError, r as ConfigError } from "./errors-CfnyxBL4.js";
import { t as devslotVersion } from "./version-0C7iIfkQ.js";
import { i as readPlanCache } from "./plan-cache-BukBf8d6.js";
import { n as isHostValue, t as engineOfSlot } from "./engines-C7sy86WD.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
// dist/config/slot-range.js
/** Range check against the config's `slots`; separate so parsing needs no config. */
function checkSlotInRange(slot, slots, configPath) {
	if (slot >= slots) throw new UsageError(`slot ${slot} is out of range: ${configPath} allows slots 0..${slots - 1} (raise \`slots\` to use more)`);
}
// dist/load/prepare.js
/**
* A slot's plan: from the saved plan when allowed and still valid, else planned afresh
* (plan-fresh.ts, loaded only then: it needs the compose CLI, YAML and the PM2 config loader).
* Writes nothing.
*/
async function loadSlotPlan(config, slot, opts) {
	checkSlotInRange(slot, config.slots, path.relative(config.root, config.path) || config.path);
	if (opts.useCache) {
		const cached = readPlanCache(config.root, slot, opts.env, opts.isRoot, devslotVersion(), config.path, opts.warn);
		if (cached) return {
			...cached,
			fromCache: true
		};
	}
	return (await import("./plan-fresh-lbM1FGn8.js")).planFresh(config, slot, opts);
}
/** The saved plan when it still holds, else undefined (nothing is planned). */
function cachedSlotPlan(config, slot, opts) {
	checkSlotInRange(slot, config.slots, path.relative(config.root, config.path) || config.path);
	const cached = readPlanCache(config.root, slot, opts.env, opts.isRoot, devslotVersion(), config.path, opts.warn);
	return cached ? {
		...cached,
		fromCache: true
	} : void 0;
}
// dist/adapters/docker-context.js
/**
* A Docker context's engine address, read from the docker CLI's own store (no `docker context
* inspect` process): `$DOCKER_CONFIG/contexts/meta/<sha256 of the name>/meta.json`, whose
* `Endpoints.docker.Host` is the DOCKER_HOST the context stands for.
*/
function contextHost(env, name) {
	const config = env.DOCKER_CONFIG ?? path.join(env.HOME ?? os.homedir(), ".docker");
	const id = crypto.createHash("sha256").update(name).digest("hex");
	const file = path.join(config, "contexts", "meta", id, "meta.json");
	let meta;
	try {
		meta = JSON.parse(fs.readFileSync(file, "utf8"));
	} catch (e) {
		const code = e.code;
		if (code === "ENOENT") throw new ConfigError(`engines: no Docker context named "${name}" (looked in ${path.join(config, "contexts")}); create it (\`docker context create ${name} --docker host=ssh://user@host\`), or write the DOCKER_HOST value instead`);
		throw new ConfigError(`engines: the Docker context "${name}" cannot be read (${file}: ${code ?? e.message}); fix it with \`docker context inspect ${name}\`, or write the DOCKER_HOST value instead`);
	}
	const host = meta.Endpoints?.docker?.Host;
	if (typeof host !== "string" || !host) throw new ConfigError(`engines: the Docker context "${name}" names no engine host (${file}); write the DOCKER_HOST value instead`);
	if (fs.existsSync(path.join(config, "contexts", "tls", id, "docker"))) throw new ConfigError(`engines: the Docker context "${name}" uses TLS certificates, which devslot does not read from a context; use an ssh:// host for it instead`);
	return host;
}
// dist/load/slot-engine.js
/**
* Issue 19: which engine each slot runs on, as the environment its adapters get. A slot the config
* gives an engine gets DOCKER_HOST set to it (a Docker context resolved to its host); every other
* slot keeps `env` as it is, so the user's own DOCKER_HOST stays the default.
*/
function engineHost(config, env, slot) {
	const engine = engineOfSlot(config.engines, slot);
	if (engine === void 0) return env.DOCKER_HOST;
	return isHostValue(engine) ? engine : contextHost(env, engine);
}
/** The environment for every engine call and compose run of one slot. */
function slotEnv(config, env, slot) {
	const host = engineHost(config, env, slot);
	if (host === env.DOCKER_HOST) return env;
	return host === void 0 ? withoutHost(env) : {
		...env,
		DOCKER_HOST: host
	};
}
function withoutHost(env) {
	const { DOCKER_HOST: _default, ...rest } = env;
	return rest;
}
/** Where a slot runs, as `ls` and `status` show it: `local`, or the engine's host. */
function engineWhere(host) {
	return host === void 0 ? "local" : host;
}
/**
* The distinct engines this project's slots run on (one entry without `engines:`): the default
* engine first. Asked once per command, each list goes to one engine only once.
*/
function engineGroups(config, env) {
	const named = /* @__PURE__ */ new Map();
	for (const r of config.engines ?? []) {
		const host = engineHost(config, env, r.from);
		for (let slot = r.from; slot <= r.to; slot++) named.set(slot, host);
	}
	const hostOf = (slot) => named.has(slot) ? named.get(slot) : env.DOCKER_HOST;
	return [.../* @__PURE__ */ new Set([env.DOCKER_HOST, ...named.values()])].map((host) => ({
		host,
		env: host === env.DOCKER_HOST ? env : host === void 0 ? withoutHost(env) : {
			...env,
			DOCKER_HOST: host
		},
		owns: (slot) => hostOf(slot) === host
	}));
}
// dist/commands/context.js
/** The slot's plan; `cached` lets it come from the saved plan while that is still valid. */
function planOf(ctx, slot, cached = false) {
	return loadSlotPlan(ctx.config, slot, {
		env: ctx.env,
		isRoot: ctx.isRoot,
		useCache: cached,
		warn: warnOf(ctx)
	});
}
/** One `devslot: …` line on stderr that does not end the command (a bad state file set aside). */
function warnOf(ctx) {
	return (line) => ctx.io.err(`devslot: ${line}\n`);
}
function printJson(ctx, value) {
	ctx.io.out(`${JSON.stringify(value, null, 2)}\n`);
}
/** How long a command waits for another one holding its slot: the --timeout (default 120 s). */
function lockWaitMs(ctx) {
	return ctx.options.timeout * 1e3;
}
/** A command's context for one slot: `env` names that slot's engine (issue 19: `engines:` in devslot.yaml). */
function onSlotEngine(ctx, slot) {
	if (ctx.engineOfSlot !== void 0) return ctx;
	return {
		...ctx,
		env: slotEnv(ctx.config, ctx.env, slot),
		engineOfSlot: slot
	};
}
/** The engines a command lists: its slot's one, or (for `all`) every engine the project's slots run on. */
function enginesOf(ctx) {
	if (ctx.engineOfSlot !== void 0) return [{
		host: ctx.env.DOCKER_HOST,
		env: ctx.env,
		owns: () => true
	}];
	return engineGroups(ctx.config, ctx.env);
}
export { printJson as a, cachedSlotPlan as c, planOf as i, checkSlotInRange as l, lockWaitMs as n, warnOf as o, onSlotEngine as r, engineWhere as s, enginesOf as t };
