import { a as printJson } from "./context-DABbsf0u.js";
import { r as ConfigError } from "./errors-CfnyxBL4.js";
import { a as parseVersion, i as detectCompose } from "./compose-aF0sDG8n.js";
import { l as readText } from "./fs-GiFRpoZG.js";
import { l as isExternal } from "./ports-B0nW58AE.js";
import { a as isUnder, c as isPortKey, i as planSlot, l as rewriteHostPorts, o as mountsOf, s as hostPortTokens } from "./resource-secrets-r17cfeWh.js";
import { i as composeDocMentioning, r as planFreshParts } from "./plan-fresh-DPShJpKQ.js";
import { i as maskValue } from "./secrets-Bmi2-sd4.js";
import { t as paint } from "./io-D46OrwhK.js";
import fs from "node:fs";
import path from "node:path";
import dotenv from "dotenv";
// dist/plan/check.js
const KIND_TITLE = {
	"base-port-label": "base port in a label",
	"base-port-env-file": "base port in an env_file",
	"base-port-mounted-file": "base port in a mounted file",
	"base-port-template": "base port in an env template",
	"base-port-pm2": "base port in the PM2 config",
	"foreign-port": "URL on a port that is not this slot's",
	"shared-mount": "writable bind mount shared by every slot",
	"external-network": "external network shared by every slot",
	"external-volume": "external volume shared by every slot",
	"docker-socket": "Docker socket mounted",
	proxy: "docker-provider proxy",
	"compose-lifecycle": "compose lifecycle hook this Compose never runs"
};
/** Compose runs a service's `post_start` and `pre_stop` from this version; older ones accept and ignore them. */
const COMPOSE_LIFECYCLE_MIN = [
	2,
	30,
	0
];
/** Files the loader should read for a check: what services mount (single files), by absolute path. */
function mountedFiles(model) {
	const out = /* @__PURE__ */ new Set();
	for (const svc of Object.values(model.services)) for (const m of mountsOf(svc)) if (m.type === "bind" && path.isAbsolute(m.source) && !isDockerSocket(m.source)) out.add(m.source);
	return [...out];
}
function findingsFor(input) {
	const { config, model, probe } = input;
	const rel = (abs) => path.relative(config.root, abs) || abs;
	const composeFile = (...needles) => {
		const hit = config.compose.files.find((f) => needles.every((n) => input.files.get(f)?.includes(n)));
		return rel(hit ?? config.compose.files[0] ?? config.path);
	};
	const probeShift = shiftOf(probe);
	const moved = new Set([...probeShift].filter(([a, b]) => a !== b).map(([a]) => a));
	const out = [];
	const add = (f) => out.push(f);
	for (const [name, svc] of Object.entries(model.services)) {
		const v = input.composeVersion;
		if (v && !atLeast(v, COMPOSE_LIFECYCLE_MIN)) for (const hook of ["post_start", "pre_stop"]) {
			const steps = svc[hook];
			if (!Array.isArray(steps) || !steps.length) continue;
			add({
				kind: "compose-lifecycle",
				file: composeFile(hook),
				service: name,
				key: `services.${name}.${hook}`,
				value: JSON.stringify(steps),
				message: `Compose ${v.join(".")} accepts ${hook} of service ${name} but never runs it (Compose runs it from ${COMPOSE_LIFECYCLE_MIN.join(".")})`,
				fix: `upgrade Compose to ${COMPOSE_LIFECYCLE_MIN.join(".")} or newer, or run it as a devslot hook: hooks.${hook === "post_start" ? "post-start" : "pre-stop"}: [{ exec: { service: ${name}, cmd: [...] } }]`
			});
		}
		const targets = new Set((svc.ports ?? []).map((p) => Number(p.target)));
		const leaks = (text) => hostPortTokens(text).filter((t) => moved.has(t.port) && t.host !== "0.0.0.0" && !(t.host !== "host.docker.internal" && targets.has(t.port)));
		for (const [key, value] of Object.entries(labelsOf(svc))) {
			if (key.startsWith("dev.devslot.")) continue;
			const t = leaks(value)[0];
			if (!t) continue;
			add({
				kind: "base-port-label",
				file: composeFile(key),
				service: name,
				key: `services.${name}.labels.${key}`,
				value,
				message: `label ${key} of service ${name} names base port ${t.port}, which devslot does not move in labels`,
				fix: `use \${DEVSLOT_PORT_${portVarOf(probe, t.port)}:-${t.port}} in the label, so each slot's compose.env gives its own port`
			});
		}
		const environment = envMap(svc.environment);
		for (const ef of input.envFiles.filter((e) => e.service === name)) {
			const text = input.files.get(ef.file);
			if (text === void 0) continue;
			for (const [k, v] of Object.entries(dotenv.parse(text))) {
				if (environment[k] !== v || !isPortKey(k)) continue;
				const port = exactPort(v);
				if (port === void 0 || !moved.has(port) || targets.has(port)) continue;
				add({
					kind: "base-port-env-file",
					file: rel(ef.file),
					service: name,
					key: k,
					value: v,
					message: `${k}=${v} in ${rel(ef.file)} (env_file of service ${name}) is base host port ${port}, not a port of the container, and stays ${port} in every slot`,
					fix: `set ${k} in the service's environment as \${DEVSLOT_PORT_${portVarOf(probe, port)}:-${port}}`
				});
			}
		}
		for (const m of mountsOf(svc)) {
			if (m.type !== "bind" || !path.isAbsolute(m.source)) continue;
			if (isDockerSocket(m.source)) {
				add({
					kind: "docker-socket",
					file: composeFile(m.target),
					service: name,
					key: `services.${name}.volumes`,
					value: `${m.source}:${m.target}`,
					message: `service ${name} mounts the Docker socket: it sees and can change the containers of every slot`,
					fix: "run it once outside the slots (its own compose project), or make it filter on the slot's compose project label"
				});
				continue;
			}
			const text = input.files.get(m.source);
			const t = text === void 0 ? void 0 : leaks(text)[0];
			if (text !== void 0 && t) {
				const line = text.slice(0, t.index).split("\n").length;
				add({
					kind: "base-port-mounted-file",
					file: `${rel(m.source)}:${line}`,
					service: name,
					key: `services.${name}.volumes ${m.target}`,
					value: text.split("\n")[line - 1].trim(),
					message: `${rel(m.source)}, mounted into ${name} at ${m.target}, names base port ${t.port}, which stays ${t.port} in every slot`,
					fix: `template the file per slot (compose can mount .instances/instance-N/ files) or read the port from DEVSLOT_PORT_${portVarOf(probe, t.port)}`
				});
			}
			if (m.readOnly || isSystemPath(m.source)) continue;
			if ([...config.compose.sharedMounts, ...config.compose.perSlotMounts].some((s) => isUnder(m.source, s))) continue;
			add({
				kind: "shared-mount",
				file: composeFile(m.target),
				service: name,
				key: `services.${name}.volumes`,
				value: `${rel(m.source)}:${m.target}`,
				message: `service ${name} writes ${rel(m.source)} (mounted at ${m.target}), the same host folder in every slot`,
				fix: `list ${rel(m.source)} under compose.perSlotMounts in devslot.yaml (each slot gets .instances/instance-N/mounts/), mount it :ro, or list it under compose.sharedMounts if sharing is meant`
			});
		}
		const proxy = proxyReason(svc, labelsOf(svc));
		if (proxy) add({
			kind: "proxy",
			file: composeFile(name),
			service: name,
			key: `services.${name}`,
			value: proxy,
			message: `service ${name} ${proxy}: a docker-provider proxy sees the containers of every slot`,
			fix: "run one proxy outside the slots with a per-slot host rule (e.g. a Host rule holding the slot's compose project), or limit its provider to this project (providers.docker.constraints on com.docker.compose.project)"
		});
	}
	for (const kind of ["networks", "volumes"]) for (const [key, res] of Object.entries(model[kind] ?? {})) {
		if (!isExternal(res)) continue;
		const name = res?.name ?? key;
		add({
			kind: kind === "networks" ? "external-network" : "external-volume",
			file: composeFile(key),
			key: `${kind}.${key}`,
			value: name,
			message: `${kind === "networks" ? "network" : "volume"} ${name} is external: every slot joins the same one`,
			fix: kind === "networks" ? "drop `external: true` so each slot gets its own network, or keep it if the slots are meant to meet there" : "drop `external: true` so each slot gets its own volume, or keep it if the data is meant to be shared"
		});
	}
	for (const [key, entry] of Object.entries(config.env)) {
		const from = entry.from?.find((f) => input.files.has(f));
		if (from === void 0) continue;
		const values = probe.env[key]?.values ?? {};
		const text = input.files.get(from);
		for (const k of Object.keys(dotenv.parse(text))) {
			if (k in entry.set) continue;
			const v = values[k] ?? "";
			const left = [...v.matchAll(/(?<![\w.])(\d{2,5})(?![\w])/g)].map((m) => Number(m[1])).find((n) => moved.has(n));
			if (left === void 0) continue;
			add({
				kind: "base-port-template",
				file: rel(from),
				key: `env.${key}: ${k}`,
				value: v,
				message: `${k} in ${rel(from)} still holds base port ${left} after rewriting (only localhost:PORT tokens and *PORT keys move)`,
				fix: `set ${k} under env.${key}.set with {{ports.${portNameOf(probe, left)}}}, or write it as localhost:${left}`
			});
		}
	}
	for (const app of probe.apps) {
		const env = app.options.env ?? {};
		for (const [k, v] of Object.entries(app.ownEnv)) {
			if (env[k] !== v) continue;
			const port = isPortKey(k) ? exactPort(v) : void 0;
			const left = port !== void 0 && moved.has(port) ? port : hostPortTokens(v).find((t) => moved.has(t.port))?.port;
			if (left === void 0) continue;
			add({
				kind: "base-port-pm2",
				file: rel(config.pm2.config),
				key: `apps[${app.base}].env.${k}`,
				value: v,
				message: `app ${app.base} sets ${k}=${v} in ${rel(config.pm2.config)}: base port ${left} in every slot`,
				fix: `read it from process.env.DEVSLOT_PORT_${portVarOf(probe, left)}, or export a function of the slot's ports, or set it under env in devslot.yaml`
			});
		}
	}
	for (const plan of input.plans) out.push(...foreignPorts(input, plan, rel));
	return out;
}
/**
* URLs on localhost whose port is not this slot's: another slot's port of some service (the 9200
* case: slot 2's MinIO when the base stack has none there) or a port no slot owns at all.
*/
function foreignPorts(input, plan, rel) {
	const { config, model } = input;
	const own = new Set(Object.values(plan.ports));
	const shared = new Set(config.shared?.services ?? []);
	for (const [name, source] of Object.entries(plan.portSources ?? {})) if (source.startsWith("service ") && shared.has(source.slice(8))) own.add(plan.basePorts[name]);
	for (const r of Object.values(plan.resources ?? {})) {
		const port = r.kind === "postgres" ? Number(r.port) : r.kind === "redis" ? Number(new URL(r.baseUrl).port || 6379) : NaN;
		if (Number.isInteger(port)) own.add(port);
	}
	const owners = /* @__PURE__ */ new Map();
	for (let k = 0; k < config.slots; k++) for (const [name, base] of Object.entries(plan.basePorts)) if (!owners.has(base + k * config.stride)) owners.set(base + k * config.stride, {
		name,
		slot: k
	});
	const out = [];
	const judge = (value, skip, where) => {
		const t = hostPortTokens(value).find((x) => x.host !== "0.0.0.0" && !own.has(x.port) && !skip(x.host, x.port));
		if (!t) return;
		const owner = owners.get(t.port);
		out.push({
			kind: "foreign-port",
			slot: plan.slot,
			value,
			...where,
			message: owner ? `${where.key} in slot ${plan.slot} points at port ${t.port}, which is ${owner.name} of slot ${owner.slot}, not this slot's` : `${where.key} in slot ${plan.slot} points at port ${t.port}, which no slot owns, so it is the same port in every slot`,
			fix: owner ? `use localhost:{{ports.NAME}} for the service it means (for ${owner.name}: localhost:${plan.ports[owner.name]} in slot ${plan.slot})` : `declare it under ports: in devslot.yaml (then use {{ports.NAME}}), or point it at a port devslot moves`
		});
	};
	for (const [key, entry] of Object.entries(plan.env)) {
		const source = config.env[key]?.from?.find((f) => input.files.has(f));
		for (const [k, v] of Object.entries(entry.values)) judge(v, () => false, {
			file: rel(source && !(k in (config.env[key]?.set ?? {})) ? source : config.path),
			key: `env.${key}: ${k}`
		});
	}
	const shift = shiftOf(plan);
	for (const [name, svc] of Object.entries(model.services)) {
		const targets = new Set((svc.ports ?? []).map((p) => Number(p.target)));
		for (const [k, v] of Object.entries(envMap(svc.environment))) {
			const after = rewriteHostPorts(v, shift, (h) => h === "0.0.0.0").raw;
			judge(after, (h, p) => h !== "host.docker.internal" && (targets.has(p) || !owners.has(p)), {
				file: rel(config.compose.files.find((f) => input.files.get(f)?.includes(k)) ?? config.compose.files[0] ?? config.path),
				service: name,
				key: `services.${name}.environment.${k}`
			});
		}
	}
	return out;
}
/** Strict mode (`--strict`, `check.strict`): findings refuse the start. */
function refuseIfStrict(findings, strict, slot) {
	if (!strict || !findings.length) return;
	const first = findings[0];
	throw new ConfigError(`slot ${slot}: devslot check found ${findings.length} thing${findings.length === 1 ? "" : "s"} every slot would share or that point at the wrong slot (first: ${first.file}: ${first.message}); see \`devslot check ${slot}\`, fix them, or drop --strict / check.strict`);
}
function shiftOf(plan) {
	const m = /* @__PURE__ */ new Map();
	for (const [name, base] of Object.entries(plan.basePorts)) if (plan.ports[name] !== void 0) m.set(base, plan.ports[name]);
	return m;
}
function portNameOf(plan, base) {
	return Object.entries(plan.basePorts).find(([, b]) => b === base)?.[0] ?? "NAME";
}
function portVarOf(plan, base) {
	return portNameOf(plan, base).toUpperCase().replace(/[^A-Z0-9]/g, "_");
}
function exactPort(v) {
	const m = /^\s*['"]?(\d{1,5})['"]?\s*$/.exec(v);
	return m && String(Number(m[1])) === m[1] ? Number(m[1]) : void 0;
}
function envMap(env) {
	if (Array.isArray(env)) return Object.fromEntries(env.filter((e) => typeof e === "string" && e.includes("=")).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
	if (env && typeof env === "object") return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== null && v !== void 0).map(([k, v]) => [k, String(v)]));
	return {};
}
function labelsOf(svc) {
	return envMap(svc.labels);
}
function isDockerSocket(source) {
	return /(^|\/)docker\.sock$/.test(source);
}
/** Host files every container may write without slots meeting there (clock, devices, kernel views). */
function isSystemPath(source) {
	return /^\/(etc|dev|proc|sys|run|var\/run|lib\/modules|usr|tmp\/\.X11-unix)(\/|$)/.test(source);
}
function atLeast(v, min) {
	for (let i = 0; i < min.length; i++) if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i];
	return true;
}
function proxyReason(svc, labels) {
	const image = typeof svc.image === "string" ? svc.image : "";
	const argv = [svc.command, svc.entrypoint].flatMap((c) => Array.isArray(c) ? c : typeof c === "string" ? [c] : []).join(" ");
	if (/--providers\.docker\b/.test(argv)) return "runs Traefik with the docker provider";
	if (/(^|\/)traefik(:|@|$)/.test(image)) return `runs ${image}, a Traefik proxy`;
	if (/(^|\/)(nginx-proxy|docker-gen|caddy-docker-proxy|nginx-proxy-manager)(:|@|$)/.test(image)) return `runs ${image}, a proxy configured from Docker`;
	const routed = Object.keys(labels).find((k) => /^traefik\.(enable|http\.routers\.)/.test(k) || /^caddy(\.|$)/.test(k));
	if (routed && labels[routed] !== "false") return `carries the proxy label ${routed}`;
}
// dist/load/check-inputs.js
/** A mounted file larger than this is data, not configuration: not read. */
const MAX_MOUNTED_FILE = 262144;
/**
* Everything `devslot check` looks at, read once: the plans of the slots checked (compose resolves
* once; the other slots are planned from the same model), a plan of a slot other than 0 (where an
* unmoved base port shows), the compose files' `env_file:` entries and the files they and the
* services' bind mounts name.
*/
async function loadCheck(config, slots, opts) {
	const first = slots[0] ?? 0;
	const parts = await planFreshParts(config, first, opts);
	const plans = slots.map((s) => s === first ? parts.plan : planSlot({
		...parts.input,
		slot: s
	}));
	const probe = plans.find((p) => p.slot !== 0) ?? (config.slots > 1 ? planSlot({
		...parts.input,
		slot: 1
	}) : parts.plan);
	const model = parts.input.model;
	const files = new Map(parts.input.files);
	for (const f of config.compose.files) {
		const text = readText(f);
		if (text !== void 0) files.set(f, text);
	}
	const envFiles = await composeEnvFiles(config.compose.files, files);
	for (const e of envFiles) readSmallText(e.file, files);
	for (const f of mountedFiles(model)) readSmallText(f, files);
	const composeVersion = config.compose.files.length ? parseVersion((await detectCompose(opts.env)).version) : void 0;
	return {
		input: {
			config,
			model,
			plans,
			probe,
			envFiles,
			files,
			...composeVersion ? { composeVersion } : {}
		},
		plans
	};
}
/** `env_file:` of each service as the compose files write it (the resolved model drops it). */
async function composeEnvFiles(composeFiles, texts) {
	const out = [];
	for (const f of composeFiles) {
		const doc = await composeDocMentioning(texts.get(f) ?? "", "env_file");
		for (const [service, svc] of Object.entries(doc?.services ?? {})) {
			const list = [].concat(svc?.env_file ?? []);
			for (const e of list) {
				const p = typeof e === "string" ? e : e && typeof e === "object" ? e.path : void 0;
				if (typeof p === "string" && !p.includes("$")) out.push({
					service,
					file: path.resolve(path.dirname(f), p)
				});
			}
		}
	}
	return out;
}
/** A regular text file of configuration size; folders, devices, binaries and unreadable files are skipped. */
function readSmallText(abs, into) {
	if (into.has(abs)) return;
	try {
		const st = fs.statSync(abs);
		if (!st.isFile() || st.size > MAX_MOUNTED_FILE) return;
		const text = fs.readFileSync(abs, "utf8");
		if (!text.includes("\0")) into.set(abs, text);
	} catch {}
}
// dist/render/check-view.js
/** `devslot check`: one block per finding, where it is, what is wrong, and the fix. */
function checkLines(io, findings, slots) {
	const which = slots.length === 1 ? `slot ${slots[0]}` : `slots ${slots[0]}–${slots[slots.length - 1]}`;
	if (!findings.length) return [`check ${which}: nothing found; every port devslot sees moves with the slot and nothing is shared`];
	const lines = [`check ${which}: ${findings.length} finding${findings.length === 1 ? "" : "s"}`];
	for (const f of findings) {
		lines.push(`${paint(io, "yellow", KIND_TITLE[f.kind])}${f.slot !== void 0 && slots.length > 1 ? ` (slot ${f.slot})` : ""}: ${f.file}: ${f.key} = ${clip(f.value)}`);
		lines.push(`  ${f.message}`);
		lines.push(`  ${paint(io, "dim", `fix: ${f.fix}`)}`);
	}
	return lines;
}
/** What init and start print: a few lines, then they go on. */
function checkWarning(io, findings, slot, max = 3) {
	if (!findings.length) return [];
	const lines = [`warning: ${findings.length} thing${findings.length === 1 ? "" : "s"} devslot cannot move or that every slot shares (see \`devslot check ${slot}\`):`];
	for (const f of findings.slice(0, max)) lines.push(`  ${KIND_TITLE[f.kind]}: ${f.file}: ${f.key}`);
	if (findings.length > max) lines.push(`  … and ${findings.length - max} more`);
	return lines.map((l, i) => i === 0 ? paint(io, "yellow", l) : l);
}
function clip(v) {
	const one = v.replace(/\s+/g, " ");
	return one.length > 120 ? `${one.slice(0, 117)}…` : one;
}
// dist/commands/check.js
/** The slots' plans and what `check` finds in them. Read-only: writes nothing. */
async function checkSlots(ctx, config, slots) {
	const { input, plans } = await loadCheck(config, slots, {
		env: ctx.env,
		isRoot: ctx.isRoot
	});
	return {
		plans,
		findings: findingsFor(input).map((f) => ctx.options.showSecrets ? f : {
			...f,
			value: maskValue(f.key.split(/[.: ]/).pop() ?? "", f.value)
		})
	};
}
/** `devslot check [SLOT|all] [--json] [--strict]` (DESIGN §11). */
async function checkCommand(ctx, target) {
	const { config } = ctx;
	const slots = target.kind === "all" ? Array.from({ length: config.slots }, (_, i) => i) : [target.slot];
	const { findings } = await checkSlots(ctx, config, slots);
	const strict = ctx.options.strict || config.check.strict;
	if (ctx.options.json) printJson(ctx, {
		slots,
		strict,
		findings
	});
	else if (!ctx.options.quiet || findings.length) ctx.io.out(`${checkLines(ctx.io, findings, slots).join("\n")}\n`);
	if (strict && findings.length) throw new ConfigError(`check found ${findings.length} finding${findings.length === 1 ? "" : "s"} and strict mode is on (${ctx.options.strict ? "--strict" : "check.strict in devslot.yaml"}); fix them, or list meant-to-be-shared mounts under compose.sharedMounts`);
}
/**
* For `start` (and `init`): the findings of one slot, printed as a short warning on stderr; with
* `--strict` or `check.strict`, findings refuse with exit 1 before anything is created.
*/
async function warnOrRefuse(ctx, config, slot, found) {
	const findings = found ?? (await checkSlots(ctx, config, [slot])).findings;
	refuseIfStrict(findings, ctx.options.strict || config.check.strict, slot);
	if (!ctx.options.json && !ctx.options.quiet) for (const l of checkWarning(ctx.io, findings, slot)) ctx.io.err(`${l}\n`);
	return findings;
}
export { checkSlots as n, warnOrRefuse as r, checkCommand as t };
