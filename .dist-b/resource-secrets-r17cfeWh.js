import { c as readInstancesFile, g as headerFor, h as GENERATED_MARK } from "./fs-GiFRpoZG.js";
import { C as infraProject, D as portEnvName, E as pm2Namespace, M as slotSuffixed, T as pm2AppName, c as LABEL_INFRA, f as LABEL_SLOT, k as projectName, r as INSTANCES_DIR, t as CONFIG_CACHE, u as LABEL_ROOT, w as instanceDirName } from "./names-B3NKYqMG.js";
import { d as StateError, r as ConfigError } from "./errors-CfnyxBL4.js";
import { t as closest } from "./suggest-C3xJugRN.js";
import { l as PLACEHOLDER_RE } from "./validate-CjURY_vT.js";
import { i as parseDotenvDoc, n as editDotenv, r as encodeValue, t as decodeRaw } from "./dotenv-doc-CxW76Kaj.js";
import { a as portsForSlot, c as explicitName, i as fmtRange, l as isExternal, n as checkPortTable, o as shiftMap, r as envPortNames, t as buildPortTable, u as parsePublished } from "./ports-B0nW58AE.js";
import { t as slotJson } from "./slot-json-DxVpxGBb.js";
import { n as tcpTarget } from "./urls-JtC8Pev1.js";
import path from "node:path";
import { randomBytes } from "node:crypto";
import dotenv from "dotenv";
import { Document, isMap, isSeq } from "yaml";
// dist/plan/template.js
/**
* Render `{{slot}}`, `{{project}}`, `{{name}}`, `{{ports.NAME}}` and `{{resources.NAME.KEY}}`. `where` names the config key
* for the error when a template names a port the table does not have.
*/
function renderTemplate(text, vars, where) {
	return text.replace(PLACEHOLDER_RE, (whole, expr) => {
		if (expr === "slot") return String(vars.slot);
		if (expr === "project") return vars.project;
		if (expr === "name") return vars.name;
		if (expr.startsWith("ports.")) {
			const port = expr.slice(6);
			const value = vars.ports[port];
			if (value === void 0) {
				const known = Object.keys(vars.ports);
				const near = closest(port, known);
				throw new ConfigError(`${where}: ${whole} names an unknown port \`${port}\`${near ? ` (did you mean \`${near}\`?)` : ""}; known ports: ${known.join(", ") || "none"}`);
			}
			return String(value);
		}
		const ref = /^resources\.([^.]+)\.([^.]+)$/.exec(expr);
		const value = ref ? vars.resources?.[ref[1]]?.[ref[2]] : void 0;
		if (value !== void 0) return value;
		throw new ConfigError(`${where}: unknown placeholder ${whole}${ref ? " (no such resource value)" : ""}`);
	});
}
// dist/plan/hooks.js
function planHooks(input) {
	const out = {};
	for (const [hook, steps] of Object.entries(input.hooks)) out[hook] = steps.map((step, i) => {
		const where = `${input.configFile}: hooks.${hook}[${i}]`;
		const render = (t) => renderTemplate(t, input.vars, where);
		const env = Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, render(v)]));
		const common = {
			hook,
			label: step.name ?? `${hook}[${i + 1}]`,
			env,
			timeout: step.timeout
		};
		if (step.app !== void 0 && !input.apps.includes(step.app)) throw new ConfigError(`${where}.app: no PM2 app is named ${JSON.stringify(step.app)}; apps: ${input.apps.join(", ") || "none"}`);
		const app = step.app !== void 0 ? { app: step.app } : {};
		if (step.kind === "run") return {
			...common,
			...app,
			kind: "run",
			argv: step.argv.map(render)
		};
		if (step.kind === "script") return {
			...common,
			...app,
			kind: "script",
			file: path.relative(input.root, step.file)
		};
		if (!input.services.includes(step.service)) throw new ConfigError(`${where}.exec.service: the slot has no service ${JSON.stringify(step.service)}; services: ${input.services.join(", ") || "none"}`);
		return {
			...common,
			kind: "exec",
			service: step.service,
			argv: step.argv.map(render),
			...step.user ? { user: step.user } : {}
		};
	});
	return out;
}
// dist/plan/infra.js
/** `.instances/infra/`: the infra project's generated files (one set per checkout; the project is shared). */
const INFRA_DIR = path.join(INSTANCES_DIR, "infra");
function planInfra(input) {
	if (!input.shared.length) return void 0;
	const shared = new Set(input.shared);
	const project = infraProject(input.name);
	const services = {};
	const overrides = [];
	const resets = [];
	for (const [name, svc] of Object.entries(input.model.services)) {
		if (!shared.has(name)) {
			services[name] = { scale: 0 };
			continue;
		}
		const out = { labels: { [LABEL_INFRA]: input.name } };
		const deps = svc.depends_on && !Array.isArray(svc.depends_on) ? svc.depends_on : void 0;
		if (deps && Object.keys(deps).some((d) => !shared.has(d))) {
			out.depends_on = Object.fromEntries(Object.entries(deps).filter(([d]) => shared.has(d)));
			(Object.keys(out.depends_on).length ? overrides : resets).push([
				"services",
				name,
				"depends_on"
			]);
		}
		services[name] = out;
	}
	const doc = new Document({ services });
	for (const [at, tag] of [...overrides.map((a) => [a, "!override"]), ...resets.map((a) => [a, "!reset"])]) {
		const node = doc.getIn(at, true);
		if (isMap(node)) node.tag = tag;
	}
	const header = (c) => `${c} ${GENERATED_MARK} for the shared services (${project}) from ${input.configFile}.\n${c} Do not edit: it is rewritten on every start that uses them.\n`;
	const overridePath = path.join(INFRA_DIR, "docker-compose.override.yml");
	const envPath = path.join(INFRA_DIR, "compose.env");
	const env = {
		COMPOSE_PROJECT_NAME: project,
		...Object.fromEntries(Object.entries(input.ports).map(([n, p]) => [`DEVSLOT_PORT_${portEnvName(n)}`, String(p)]))
	};
	return {
		project,
		services: Object.keys(input.model.services).filter((s) => shared.has(s)),
		files: [...input.composeFiles, overridePath],
		envFiles: [...input.envFiles, envPath],
		profiles: input.profiles,
		written: [{
			path: overridePath,
			content: header("#") + doc.toString({ lineWidth: 0 }),
			mode: 420
		}, {
			path: envPath,
			content: header("#") + Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(""),
			mode: 420
		}],
		ports: input.ports
	};
}
// dist/plan/env-rewrite.js
const LOCAL_HOST_PORT = /(?<![A-Za-z0-9.\-_])(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal):(\d{1,5})(?![A-Za-z0-9_])/g;
/**
* Rewrite local `host:PORT` tokens inside a raw value; unknown ports stay as they are. `keep`
* leaves chosen tokens alone (inside a container, `0.0.0.0:P` is a bind address of its own port).
*/
function rewriteHostPorts(raw, shift, keep) {
	const rewrites = [];
	return {
		raw: raw.replace(LOCAL_HOST_PORT, (whole, host, port) => {
			const from = Number(port);
			const to = shift.get(from);
			if (to === void 0 || String(from) !== port || keep?.(host, from)) return whole;
			rewrites.push({
				from,
				to
			});
			return `${host}:${to}`;
		}),
		rewrites
	};
}
function isPortKey(key) {
	return /port$/i.test(key);
}
/** `PORT=3211`, `API_PORT="3211"`: a value that is exactly a known port, quotes kept. */
function rewritePortValue(raw, shift) {
	const m = /^(\s*)(['"`]?)(\d{1,5})\2(\s*)$/.exec(raw);
	if (!m || String(Number(m[3])) !== m[3]) return {
		raw,
		rewrites: []
	};
	const from = Number(m[3]);
	const to = shift.get(from);
	if (to === void 0) return {
		raw,
		rewrites: []
	};
	return {
		raw: `${m[1]}${m[2]}${to}${m[2]}${m[4]}`,
		rewrites: [{
			from,
			to
		}]
	};
}
function rewriteValue(key, raw, shift) {
	if (isPortKey(key)) {
		const exact = rewritePortValue(raw, shift);
		if (exact.rewrites.length) return exact;
	}
	return rewriteHostPorts(raw, shift);
}
/** Every local `host:PORT` token of a text (exact tokens, the same rule as the rewrite). */
function hostPortTokens(raw) {
	const out = [];
	for (const m of raw.matchAll(LOCAL_HOST_PORT)) if (String(Number(m[2])) === m[2]) out.push({
		host: m[1],
		port: Number(m[2]),
		index: m.index
	});
	return out;
}
// dist/plan/env-file.js
/** Template → exact-token port rewriting → `set` → DEVSLOT_* (DESIGN §5), as text and as provenance. */
function buildEnvFile(input) {
	const explain = {};
	const step = (key, s) => (explain[key] ??= []).push(s);
	const doc = input.template ? parseDotenvDoc(input.template.text, input.template.display) : {
		text: "",
		pairs: []
	};
	const replace = /* @__PURE__ */ new Map();
	const lastIndex = /* @__PURE__ */ new Map();
	doc.pairs.forEach((p, i) => {
		lastIndex.set(p.key, i);
		const raw = doc.text.slice(p.start, p.end);
		step(p.key, {
			source: "template",
			file: input.template.display,
			line: p.line,
			value: decodeRaw(raw)
		});
		const { raw: next, rewrites } = rewriteValue(p.key, raw, input.shift);
		if (rewrites.length) {
			replace.set(i, next.trimStart());
			const value = decodeRaw(next);
			for (const r of rewrites) step(p.key, {
				source: "rewrite",
				from: r.from,
				to: r.to,
				value
			});
		}
	});
	const append = [];
	const assign = (key, value, s) => {
		const i = lastIndex.get(key);
		if (i === void 0) {
			append.push([key, encodeValue(value, void 0, key)]);
			lastIndex.set(key, -1);
		} else if (i === -1) {
			const at = append.findIndex(([k]) => k === key);
			append[at] = [key, encodeValue(value, void 0, key)];
		} else {
			const p = doc.pairs[i];
			const quote = /^\s*(['"`])/.exec(doc.text.slice(p.start, p.end))?.[1];
			replace.set(i, encodeValue(value, quote, key));
		}
		step(key, s);
	};
	for (const [key, tmpl] of Object.entries(input.set)) {
		const value = renderTemplate(tmpl, input.vars, `${input.setWhere}.${key}`);
		assign(key, value, {
			source: "set",
			template: tmpl,
			value
		});
	}
	for (const [key, value] of Object.entries(input.devslotVars)) assign(key, value, {
		source: "devslot",
		value
	});
	const body = editDotenv(doc, replace, append);
	return {
		text: input.header + body,
		explain
	};
}
// dist/plan/service-rewrite.js
/**
* The §5 exact `host:PORT` tokens inside a service's `environment`, `command`, `entrypoint` and
* `healthcheck.test` (DESIGN §11), so `--advertise-kafka-addr=localhost:9092` follows the slot.
* Inside a container two tokens name the container's own port and must stay: `0.0.0.0:P` (a bind
* address) and, in the healthcheck (it runs inside), `localhost:P` for one of the service's own
* container ports. A `PORT=3000` value is not rewritten here: in a container it is the port the
* process listens on, which stays the container port in every slot.
*/
function rewriteService(name, svc, shift) {
	const out = {
		patch: {},
		overridePaths: [],
		rewrites: []
	};
	if (!shift.size) return out;
	const ownTargets = new Set((svc.ports ?? []).map((p) => Number(p.target)));
	const outside = (host) => host === "0.0.0.0";
	const inside = (host, port) => outside(host) || host !== "host.docker.internal" && ownTargets.has(port);
	const rw = (text, key, keep) => {
		const r = rewriteHostPorts(text, shift, keep);
		if (r.raw !== text) out.rewrites.push({
			service: name,
			key,
			from: text,
			to: r.raw
		});
		return r.raw;
	};
	const env = environmentEntries(svc.environment);
	const changed = {};
	for (const [k, v] of env) {
		if (v === null) continue;
		const to = rw(v, `environment.${k}`, outside);
		if (to !== v) changed[k] = to;
	}
	if (Object.keys(changed).length) out.patch.environment = changed;
	for (const key of ["command", "entrypoint"]) {
		const value = rewriteCommand(svc[key], key, (t) => rw(t, key, outside));
		if (value === void 0) continue;
		out.patch[key] = value;
		if (Array.isArray(value)) out.overridePaths.push([key]);
	}
	const hc = svc.healthcheck;
	const test = rewriteCommand(hc?.test, "healthcheck.test", (t) => rw(t, "healthcheck.test", inside));
	if (test !== void 0) {
		out.patch.healthcheck = { test };
		if (Array.isArray(test)) out.overridePaths.push(["healthcheck", "test"]);
	}
	return out;
}
/** Map or `KEY=VALUE` list form; a bare `KEY` (passed from the shell) has no value to rewrite. */
function environmentEntries(env) {
	if (Array.isArray(env)) return env.filter((e) => typeof e === "string").map((e) => {
		const eq = e.indexOf("=");
		return eq < 0 ? [e, null] : [e.slice(0, eq), e.slice(eq + 1)];
	});
	if (env && typeof env === "object") return Object.entries(env).map(([k, v]) => [k, v === null || v === void 0 ? null : String(v)]);
	return [];
}
/** A string or a list of strings, rewritten whole; undefined when nothing changed. */
function rewriteCommand(value, _key, rw) {
	if (typeof value === "string") {
		const to = rw(value);
		return to === value ? void 0 : to;
	}
	if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
		const to = value.map(rw);
		return to.some((t, i) => t !== value[i]) ? to : void 0;
	}
}
// dist/plan/slot-mounts.js
function mountsOf(svc) {
	return (Array.isArray(svc.volumes) ? svc.volumes : []).flatMap((v) => {
		if (typeof v === "string") {
			const [source, target, mode] = v.split(":");
			if (!source || !target) return [];
			const bind = source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
			return [{
				source,
				target,
				readOnly: (mode ?? "").split(",").includes("ro"),
				type: bind ? "bind" : "volume"
			}];
		}
		if (!v || typeof v !== "object") return [];
		const e = v;
		if (typeof e.source !== "string" || typeof e.target !== "string") return [];
		return [{
			source: e.source,
			target: e.target,
			readOnly: !!e.read_only,
			type: e.type ?? "volume"
		}];
	});
}
/** Whether `source` is `base` or inside it. */
function isUnder(source, base) {
	const rel = path.relative(base, source);
	return rel === "" || !rel.startsWith("..") && !path.isAbsolute(rel);
}
/**
* The override's `volumes` for one service: each bind mount whose source is (inside) a configured
* per-slot source, pointed at the slot's own folder with the same target and mode.
*/
function perSlotVolumes(service, svc, opts) {
	const volumes = [];
	const mounts = [];
	for (const m of mountsOf(svc)) {
		if (m.type !== "bind" || !path.isAbsolute(m.source)) continue;
		if (!opts.sources.some((s) => isUnder(m.source, s))) continue;
		const to = path.join(opts.dir, "mounts", path.relative(opts.root, m.source));
		volumes.push({
			type: "bind",
			source: path.join(opts.root, to),
			target: m.target,
			...m.readOnly ? { read_only: true } : {},
			bind: { create_host_path: true }
		});
		mounts.push({
			service,
			target: m.target,
			from: m.source,
			to
		});
	}
	return {
		volumes,
		mounts
	};
}
// dist/plan/override.js
/**
* The slot's docker-compose.override.yml (DESIGN §5). `ports` is always written as `!override`:
* Compose ≥ 2.24 otherwise merges override ports into the base list and the base port stays
* published, so every slot would collide on it (TRAPS "Compose").
*/
function buildOverride(input) {
	const { model, slot, stride } = input;
	const services = {};
	const renamed = {
		containers: {},
		networks: {},
		volumes: {}
	};
	const tagged = [];
	const rewrites = [];
	const mounts = [];
	const preEscaped = /* @__PURE__ */ new Map();
	const labels = {
		[LABEL_SLOT]: String(slot),
		[LABEL_ROOT]: input.root
	};
	const containerNames = /* @__PURE__ */ new Map();
	for (const svc of Object.values(model.services)) if (svc.container_name) containerNames.set(svc.container_name, slotSuffixed(svc.container_name, slot));
	checkFixedAddresses(model);
	const sharedSvcs = input.sharedServices ?? /* @__PURE__ */ new Set();
	const resets = [];
	for (const [name, svc] of Object.entries(model.services)) {
		if (sharedSvcs.has(name)) {
			services[name] = {
				scale: 0,
				ports: [],
				labels
			};
			tagged.push([
				"services",
				name,
				"ports"
			]);
			continue;
		}
		if (svc.network_mode === "host" && !input.hostNetworkSlotAware.has(name)) throw new ConfigError(`service ${name} uses network_mode: host, so compose cannot move its ports and every slot would share them; give it a bridge network with published ports, or make its ports come from \${DEVSLOT_PORT_…} variables`);
		const out = {};
		if (svc.ports && svc.ports.length && svc.network_mode !== "host") {
			out.ports = svc.ports.map((p) => shiftEntry(p, slot, stride));
			tagged.push([
				"services",
				name,
				"ports"
			]);
		}
		if (svc.container_name) {
			out.container_name = slotSuffixed(svc.container_name, slot);
			renamed.containers[name] = out.container_name;
		}
		const ref = (v) => {
			const m = /^container:(.+)$/.exec(v);
			const renamedTo = m ? containerNames.get(m[1]) : void 0;
			return renamedTo ? `container:${renamedTo}` : v;
		};
		if (typeof svc.network_mode === "string" && ref(svc.network_mode) !== svc.network_mode) out.network_mode = ref(svc.network_mode);
		const volumesFrom = Array.isArray(svc.volumes_from) ? svc.volumes_from : [];
		if (volumesFrom.some((v) => ref(v) !== v)) {
			out.volumes_from = volumesFrom.map(ref);
			tagged.push([
				"services",
				name,
				"volumes_from"
			]);
		}
		const inner = rewriteService(name, svc, input.shift ?? /* @__PURE__ */ new Map());
		preEscaped.set(name, inner.patch);
		for (const p of inner.overridePaths) tagged.push([
			"services",
			name,
			...p
		]);
		rewrites.push(...inner.rewrites);
		if (input.perSlotMounts) {
			const moved = perSlotVolumes(name, svc, input.perSlotMounts);
			if (moved.volumes.length) out.volumes = moved.volumes;
			mounts.push(...moved.mounts);
		}
		const deps = svc.depends_on && !Array.isArray(svc.depends_on) ? svc.depends_on : void 0;
		if (deps && Object.keys(deps).some((d) => sharedSvcs.has(d))) {
			out.depends_on = Object.fromEntries(Object.entries(deps).filter(([d]) => !sharedSvcs.has(d)));
			(Object.keys(out.depends_on).length ? tagged : resets).push([
				"services",
				name,
				"depends_on"
			]);
		}
		out.labels = labels;
		services[name] = out;
	}
	const shared = {
		networks: [],
		volumes: []
	};
	const resources = (kind) => {
		const out = {};
		for (const [key, res] of Object.entries(model[kind] ?? {})) {
			if (isExternal(res)) {
				shared[kind].push(res?.name ?? key);
				continue;
			}
			const explicit = explicitName(input.resolvedProject, key, res);
			out[key] = explicit !== void 0 ? {
				name: slotSuffixed(explicit, slot),
				labels
			} : { labels };
			if (explicit !== void 0) renamed[kind][key] = slotSuffixed(explicit, slot);
		}
		return out;
	};
	const networks = resources("networks");
	const volumes = resources("volumes");
	const body = { services };
	if (Object.keys(networks).length) body.networks = networks;
	if (Object.keys(volumes).length) body.volumes = volumes;
	const escaped = escapeDollars(body);
	for (const [name, patch] of preEscaped) Object.assign(escaped.services[name], patch);
	const doc = new Document(escaped);
	for (const at of tagged) {
		const node = doc.getIn(at, true);
		if (isSeq(node) || isMap(node)) node.tag = "!override";
	}
	for (const at of resets) {
		const node = doc.getIn(at, true);
		if (isMap(node)) node.tag = "!reset";
	}
	return {
		text: input.header + doc.toString({ lineWidth: 0 }),
		shared,
		renamed,
		rewrites,
		mounts
	};
}
/**
* A network with a fixed subnet, or a service with a fixed IP, would be claimed by every slot and
* Docker refuses the second ("Pool overlaps"). Nothing can shift those safely, so refuse clearly.
*/
function checkFixedAddresses(model) {
	for (const [key, net] of Object.entries(model.networks ?? {})) {
		if (!net || isExternal(net)) continue;
		const subnet = net.ipam?.config?.find((c) => c.subnet)?.subnet;
		if (subnet) throw new ConfigError(`network ${key} has a fixed subnet ${subnet}, which every slot would claim (Docker refuses overlapping pools); remove its ipam subnet, or make it external and shared`);
	}
	for (const [name, svc] of Object.entries(model.services)) {
		const nets = svc.networks && typeof svc.networks === "object" ? Object.entries(svc.networks) : [];
		for (const [net, cfg] of nets) {
			const ip = cfg?.ipv4_address ?? cfg?.ipv6_address;
			if (ip) throw new ConfigError(`service ${name} has a fixed address ${ip} on network ${net}, which every slot would claim; remove ipv4_address/ipv6_address`);
		}
	}
}
/** Long syntax, every field kept; only `published` moves. Ephemeral entries stay as they are. */
function shiftEntry(p, slot, stride) {
	const out = {};
	for (const [k, v] of Object.entries(p)) if (v !== void 0 && v !== "") out[k] = v;
	const range = parsePublished(p.published);
	if (range) out.published = fmtRange({
		lo: range.lo + slot * stride,
		hi: range.hi + slot * stride
	});
	return out;
}
/** Compose interpolates `$` in every string of every file; a literal `$` must be written `$$`. */
function escapeDollars(value) {
	if (typeof value === "string") return value.replaceAll("$", "$$$$");
	if (Array.isArray(value)) return value.map(escapeDollars);
	if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDollars(v)]));
	return value;
}
// dist/plan/pm2-apps.js
/**
* The ecosystem export: `{ apps }`, or a function of the slot returning it (DESIGN §6).
* `display` names the file in errors.
*/
function ecosystemApps(exported, ctx, display) {
	let value = exported;
	if (value && typeof value === "object" && "default" in value && !("apps" in value)) value = value.default;
	if (typeof value === "function") try {
		value = value(ctx);
	} catch (e) {
		throw new ConfigError(`${display}: its exported function failed for slot ${ctx.slot}: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}`);
	}
	if (!value || typeof value !== "object" || !Array.isArray(value.apps)) throw new ConfigError(`${display}: expected an export of { apps: [...] } or a function of the slot returning it`);
	const apps = value.apps;
	const seen = /* @__PURE__ */ new Set();
	return apps.map((app, i) => {
		if (!app || typeof app !== "object" || Array.isArray(app)) throw new ConfigError(`${display}: apps[${i}] is not an object`);
		const spec = app;
		if (typeof spec.name !== "string" || spec.name.trim() === "") throw new ConfigError(`${display}: apps[${i}] has no name; give every app a \`name\` so devslot can call it <name>-N`);
		if (seen.has(spec.name)) throw new ConfigError(`${display}: two apps are named ${JSON.stringify(spec.name)}; PM2 names must be unique`);
		seen.add(spec.name);
		return spec;
	});
}
function slotApps(specs, slot, name, root, envFor) {
	const namespace = pm2Namespace(name, slot);
	return specs.map((spec) => {
		const base = spec.name;
		const own = spec.env && typeof spec.env === "object" ? stringValues(spec.env) : {};
		const env = {
			...own,
			...envFor(base)
		};
		refuseUnpassable(base, env);
		const options = {
			...spec,
			name: pm2AppName(base, slot),
			namespace,
			cwd: typeof spec.cwd === "string" ? path.resolve(root, spec.cwd) : root,
			env
		};
		return {
			base,
			name: pm2AppName(base, slot),
			namespace,
			ownEnv: own,
			options
		};
	});
}
function stringValues(env) {
	const out = {};
	for (const [k, v] of Object.entries(env)) if (v !== void 0 && v !== null) out[k] = String(v);
	return out;
}
/**
* Linux's execve limits: one `KEY=value` string may be at most 128 KiB (MAX_ARG_STRLEN), and all of
* them together share the argument space (2 MiB by default; we keep 1 MiB for the environment). A
* NUL byte ends a C string, so no process can receive it. PM2 would fork and the app would die or
* never appear, after start reported it online: refuse at plan time instead, naming the key.
*/
const MAX_ENV_STRING = 131072;
const MAX_ENV_TOTAL = 1048576;
function refuseUnpassable(app, env) {
	let total = 0;
	for (const [k, v] of Object.entries(env)) {
		if (k.includes("\0") || v.includes("\0")) throw new ConfigError(`app ${app}: ${JSON.stringify(k.replace(/\0/g, "\\0"))} holds a NUL byte, which no process environment can carry; remove it from the template, set or .local.env`);
		const size = Buffer.byteLength(k) + 1 + Buffer.byteLength(v) + 1;
		if (size > 131072) throw new ConfigError(`app ${app}: ${k} is ${size} bytes, over the ${MAX_ENV_STRING}-byte limit the OS puts on one environment variable; pass it as a file path instead`);
		total += size;
	}
	if (total > 1048576) throw new ConfigError(`app ${app}: its environment is ${total} bytes, over ${MAX_ENV_TOTAL} (the OS limits it with the command line); move large values into files`);
}
// dist/plan/resources.js
/**
* Pure: the config's resources for one slot. Passwords come in (load/ generates and keeps them
* 0600); the service each resource is on is checked against `shared.services` here, where the
* compose model is known. A shared service's ports are the same in every slot, so `{{ports.X}}`
* of a shared service renders to its base port.
*/
function planResources(input) {
	const { config, model, table, where } = input;
	const services = Object.keys(model.services);
	for (const [i, s] of config.shared.services.entries()) if (!model.services[s]) throw new ConfigError(`${where}: shared.services[${i}]: the compose model has no service ${JSON.stringify(s)}; services: ${services.join(", ") || "none"}`);
	const shared = new Set(config.shared.services);
	const serviceOfPort = /* @__PURE__ */ new Map();
	const basePorts = {};
	for (const p of table.named) {
		if (p.source.kind === "compose") serviceOfPort.set(p.name, p.source.service);
		if (p.source.kind === "compose" && shared.has(p.source.service)) basePorts[p.name] = p.base;
	}
	const vars = {
		...input.vars,
		ports: {
			...input.vars.ports,
			...basePorts
		}
	};
	const out = {
		resources: {},
		values: {},
		secrets: []
	};
	for (const [name, spec] of Object.entries(config.resources)) {
		const at = `${where}: resources.${name}`;
		const service = serviceOf(spec, name, at, serviceOfPort, shared);
		if (spec.kind === "postgres") {
			const admin = renderTemplate(spec.admin, vars, `${at}.postgres.admin`);
			const database = renderTemplate(spec.database, vars, `${at}.postgres.database`);
			const password = input.passwords[name];
			if (password === void 0) throw new ConfigError(`${at}: no password was loaded for this resource (a bug in devslot: load/ must pass it)`);
			let u;
			try {
				u = new URL(admin);
			} catch {
				throw new ConfigError(`${at}.postgres.admin: renders to something that is not a URL; expected postgres://USER:PASSWORD@HOST:PORT/DB`);
			}
			if (!u.hostname) throw new ConfigError(`${at}.postgres.admin: the URL has no host`);
			const slotUrl = new URL(u.href);
			slotUrl.username = encodeURIComponent(database);
			slotUrl.password = encodeURIComponent(password);
			slotUrl.pathname = `/${encodeURIComponent(database)}`;
			slotUrl.search = "";
			const host = u.hostname;
			const port = u.port || "5432";
			out.resources[name] = {
				name,
				kind: "postgres",
				service,
				admin,
				database,
				user: database,
				password,
				host,
				port,
				url: slotUrl.href
			};
			out.values[name] = {
				url: slotUrl.href,
				database,
				user: database,
				password,
				host,
				port
			};
			out.secrets.push(password);
		} else if (spec.kind === "redis") {
			const baseUrl = renderTemplate(spec.url, vars, `${at}.redis.url`);
			let u;
			try {
				u = new URL(baseUrl);
			} catch {
				throw new ConfigError(`${at}.redis.url: renders to something that is not a URL; expected redis://HOST:PORT`);
			}
			u.pathname = `/${vars.slot}`;
			out.resources[name] = {
				name,
				kind: "redis",
				service,
				url: u.href,
				baseUrl,
				index: vars.slot,
				slots: config.slots
			};
			out.values[name] = {
				url: u.href,
				index: String(vars.slot)
			};
			if (u.password) out.secrets.push(decodeURIComponent(u.password));
		} else {
			const render = (argv, step) => argv.map((a, i) => renderTemplate(a, vars, `${at}.command.${step}[${i}]`));
			out.resources[name] = {
				name,
				kind: "command",
				...service ? { service } : {},
				exists: render(spec.exists, "exists"),
				create: render(spec.create, "create"),
				drop: render(spec.drop, "drop")
			};
			out.values[name] = {};
		}
	}
	return out;
}
/**
* The shared service a resource is on: `service:` if given, else the service whose published port
* its admin/url names. A postgres or redis resource must be on a shared service; a command
* resource need not name one.
*/
function serviceOf(spec, name, at, serviceOfPort, shared) {
	if (spec.service !== void 0) return spec.service;
	if (spec.kind === "command") return void 0;
	const text = spec.kind === "postgres" ? spec.admin : spec.url;
	const key = spec.kind === "postgres" ? "postgres.admin" : "redis.url";
	const ports = [...text.matchAll(/\{\{\s*ports\.([^{}\s]+)\s*\}\}/g)].map((m) => m[1]);
	const services = [...new Set(ports.map((p) => serviceOfPort.get(p)).filter((s) => s !== void 0))];
	if (services.length !== 1) throw new ConfigError(`${at}: cannot tell which shared service ${name} is on (${key} names ${ports.length ? `no port published by one compose service: ${ports.join(", ")}` : "no {{ports.SERVICE}}"}); add \`service: NAME\``);
	const service = services[0];
	if (!shared.has(service)) throw new ConfigError(`${at}: ${key} names a port of service ${JSON.stringify(service)}, which is not shared; add it to shared.services (each slot would otherwise have its own copy)`);
	return service;
}
// dist/plan/slot-plan.js
/** Per-slot resource passwords, under `.instances/instance-N/` (read back by load/resource-secrets.ts). */
const RESOURCE_SECRETS_FILE = "resources.json";
function planSlot(input) {
	const { config, slot } = input;
	const rel = (abs) => path.relative(config.root, abs) || ".";
	const project = projectName(config.name, slot);
	const dir = path.join(INSTANCES_DIR, instanceDirName(slot));
	const table = buildPortTable(config.ports, input.model, new Set(config.shared.services));
	checkPortTable(table, {
		stride: config.stride,
		slots: config.slots,
		privilegedOk: input.privilegedOk
	});
	const ports = portsForSlot(table, slot, config.stride);
	const shift = shiftMap(table, slot, config.stride);
	const resourcePlan = planResources({
		config,
		model: input.model,
		table,
		vars: {
			slot,
			project,
			name: config.name,
			ports
		},
		passwords: input.resourcePasswords ?? {},
		where: rel(config.path)
	});
	const vars = {
		slot,
		project,
		name: config.name,
		ports,
		resources: resourcePlan.values
	};
	const devslotVars = {
		DEVSLOT_SLOT: String(slot),
		DEVSLOT_PROJECT: project
	};
	const envNames = envPortNames(table);
	for (const [n, p] of Object.entries(ports)) if (envNames.has(n)) devslotVars[`DEVSLOT_PORT_${portEnvName(n)}`] = String(p);
	const files = [];
	const override = buildOverride({
		model: input.model,
		resolvedProject: input.resolvedProject,
		slot,
		stride: config.stride,
		root: config.root,
		hostNetworkSlotAware: input.hostNetworkSlotAware,
		shift,
		perSlotMounts: {
			sources: config.compose.perSlotMounts,
			root: config.root,
			dir
		},
		sharedServices: new Set(config.shared.services),
		header: headerFor("#", slot, project, rel(config.path), "compose settings go in your own compose files")
	});
	const overridePath = path.join(dir, "docker-compose.override.yml");
	const composeEnvPath = path.join(dir, "compose.env");
	if (config.compose.files.length) {
		const secretish = override.rewrites.some((r) => r.key.startsWith("environment."));
		files.push({
			path: overridePath,
			content: override.text,
			mode: secretish ? 384 : 420
		});
	}
	const composeEnv = {
		COMPOSE_PROJECT_NAME: project,
		...devslotVars
	};
	files.push({
		path: composeEnvPath,
		content: headerFor("#", slot, project, rel(config.path), "compose interpolation reads your own --env-file files first") + Object.entries(composeEnv).map(([k, v]) => `${k}=${v}\n`).join(""),
		mode: 420
	});
	const env = {};
	const appEnv = /* @__PURE__ */ new Map();
	for (const [key, entry] of Object.entries(config.env)) {
		const file = path.join(dir, `${key}.env`);
		const localFile = path.join(dir, `${key}.local.env`);
		let template;
		let skipped = [];
		if (entry.from !== void 0) {
			const at = entry.from.findIndex((f) => input.files.has(f));
			if (at < 0) {
				const which = entry.from.length === 1 ? `${rel(entry.from[0])} does not exist` : `none of ${entry.from.map(rel).join(", ")} exists`;
				throw new ConfigError(`${rel(config.path)}: env.${key}.from: ${which}; create ${entry.from.length === 1 ? "it" : "one"} or remove \`from\``);
			}
			template = {
				text: input.files.get(entry.from[at]),
				display: rel(entry.from[at])
			};
			skipped = entry.from.slice(0, at).map(rel);
		}
		const built = buildEnvFile({
			template,
			set: entry.set,
			setWhere: `${rel(config.path)}: env.${key}.set`,
			vars,
			shift,
			devslotVars,
			header: headerFor("#", slot, project, [rel(config.path), template?.display].filter(Boolean).join(" and "), `put your own values in ${path.basename(localFile)} beside this file`)
		});
		const values = dotenv.parse(built.text);
		const localText = input.files.get(path.join(config.root, localFile));
		if (localText !== void 0) {
			const local = dotenv.parse(localText);
			for (const [k, v] of Object.entries(local)) {
				values[k] = v;
				(built.explain[k] ??= []).push({
					source: "local",
					file: localFile,
					line: 0,
					value: v
				});
			}
		}
		files.push({
			path: file,
			content: built.text,
			mode: 384
		});
		env[key] = {
			file,
			localFile,
			apps: entry.apps,
			values,
			explain: built.explain,
			...template ? { template: {
				used: template.display,
				skipped
			} } : {}
		};
		for (const app of entry.apps) appEnv.set(app, {
			...appEnv.get(app),
			...values
		});
	}
	let apps = [];
	if (input.pm2Export !== void 0) {
		const specs = ecosystemApps(input.pm2Export, {
			slot,
			project,
			ports
		}, rel(config.pm2.config));
		const names = new Set(specs.map((s) => s.name));
		for (const [key, entry] of Object.entries(config.env)) for (const app of entry.apps) if (!names.has(app)) throw new ConfigError(`${rel(config.path)}: env.${key}.apps names ${JSON.stringify(app)}, which ${rel(config.pm2.config)} does not define; apps there: ${[...names].join(", ")}`);
		apps = slotApps(specs, slot, config.name, config.root, (app) => ({
			...devslotVars,
			...appEnv.get(app),
			DEVSLOT_ROOT: config.root
		}));
		for (const app of Object.keys(config.health)) if (!names.has(app)) throw new ConfigError(`${rel(config.path)}: health.${app}: no PM2 app is named ${JSON.stringify(app)}; apps: ${[...names].join(", ")}`);
	} else {
		for (const [key, entry] of Object.entries(config.env)) if (entry.apps.length) throw new ConfigError(`${rel(config.path)}: env.${key}.apps names PM2 apps, but there is no PM2 config (${rel(config.pm2.config)})`);
		const probed = Object.keys(config.health)[0];
		if (probed !== void 0) throw new ConfigError(`${rel(config.path)}: health.${probed} probes a PM2 app, but there is no PM2 config (${rel(config.pm2.config)}); create it or remove the probe`);
	}
	const health = {};
	for (const [app, probe] of Object.entries(config.health)) {
		const where = `${rel(config.path)}: health.${app}`;
		health[app] = checkProbe("http" in probe ? { http: renderTemplate(probe.http, vars, where) } : { tcp: renderTemplate(probe.tcp, vars, where) }, where);
	}
	const envFiles = [...(config.compose.envFiles.length ? config.compose.envFiles : input.defaultEnvFile ? [input.defaultEnvFile] : []).map(rel), composeEnvPath];
	const plan = {
		version: 2,
		devslot: input.version,
		slot,
		name: config.name,
		project,
		namespace: pm2Namespace(config.name, slot),
		root: config.root,
		dir,
		ports,
		basePorts: Object.fromEntries(table.named.map((p) => [p.name, p.base])),
		portSources: Object.fromEntries(table.named.map((p) => [p.name, p.source.kind === "declared" ? "ports" : `service ${p.source.service}`])),
		portTargets: Object.fromEntries(table.named.flatMap((p) => p.source.kind === "compose" ? [[p.name, p.source.target]] : [])),
		compose: {
			project,
			files: config.compose.files.length ? [...config.compose.files.map(rel), overridePath] : [],
			envFiles,
			profiles: config.compose.profiles,
			services: config.compose.files.length ? Object.keys(input.model.services).filter((svc) => !config.shared.services.includes(svc)) : [],
			shared: override.shared,
			renamed: override.renamed,
			rewrites: override.rewrites,
			mounts: override.mounts
		},
		env,
		apps,
		health,
		hooks: planHooks({
			hooks: config.hooks,
			vars,
			root: config.root,
			configFile: rel(config.path),
			services: config.compose.files.length ? Object.keys(input.model.services) : [],
			apps: apps.map((a) => a.base)
		}),
		...infraOf(config, input.model, ports, rel, input.defaultEnvFile),
		devslotVars,
		resources: resourcePlan.resources,
		secrets: resourcePlan.secrets,
		sources: input.sourceHashes,
		files
	};
	const planned = Object.values(resourcePlan.resources);
	const passwords = Object.fromEntries(planned.flatMap((r) => r.kind === "postgres" ? [[r.name, r.password]] : []));
	if (planned.length) files.push({
		path: path.join(dir, RESOURCE_SECRETS_FILE),
		content: `${JSON.stringify({
			$comment: `${GENERATED_MARK} for slot ${slot} (${project}). Do not edit: the slot's resource passwords and what clean drops.`,
			passwords,
			resources: planned
		}, null, 2)}\n`,
		mode: 384,
		keepUnreadable: true
	});
	files.push({
		path: path.join(dir, "slot.json"),
		content: `${JSON.stringify(slotJson(plan), null, 2)}\n`,
		mode: 420
	});
	const configHash = input.sourceHashes[rel(config.path)];
	if (configHash) files.push({
		path: path.join(INSTANCES_DIR, CONFIG_CACHE),
		content: `${JSON.stringify({
			version: input.version,
			shape: 4,
			hash: configHash,
			config
		})}\n`,
		mode: 384
	});
	return plan;
}
function infraOf(config, model, ports, rel, defaultEnvFile) {
	if (!config.shared.services.length || !config.compose.files.length) return {};
	const shared = new Set(config.shared.services);
	const table = buildPortTable(config.ports, model, shared);
	const infraPorts = Object.fromEntries(table.named.filter((p) => p.fixed).map((p) => [p.name, ports[p.name]]));
	const infra = planInfra({
		name: config.name,
		model,
		shared: config.shared.services,
		composeFiles: config.compose.files.map(rel),
		envFiles: (config.compose.envFiles.length ? config.compose.envFiles : defaultEnvFile ? [defaultEnvFile] : []).map(rel),
		profiles: config.compose.profiles,
		ports: infraPorts,
		configFile: rel(config.path)
	});
	return infra ? { infra } : {};
}
/** A rendered probe must be a valid URL or [host:]port, or start would fail halfway. */
function checkProbe(probe, where) {
	if ("http" in probe) {
		let url;
		try {
			url = new URL(probe.http);
		} catch {
			url = void 0;
		}
		if (!url || !/^https?:$/.test(url.protocol)) throw new ConfigError(`${where}.http: ${JSON.stringify(probe.http)} is not a valid http(s) URL`);
		return probe;
	}
	const { port } = tcpTarget(probe.tcp);
	if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new ConfigError(`${where}.tcp: ${JSON.stringify(probe.tcp)} is not a port or host:port (port 1–65535)`);
	return probe;
}
// dist/load/resource-secrets.js
/**
* Each postgres resource's password for `slot`: the one kept in `.instances/instance-N/resources.json`
* (0600, written with the slot's other files), or a new random one. Generating here keeps the
* planner pure; a password that is not written yet (a dry run) is simply made again next time, and
* ensure sets the role's password to whatever the plan holds.
*/
function loadResourcePasswords(config, slot) {
	const names = Object.entries(config.resources).filter(([, r]) => r.kind === "postgres").map(([n]) => n);
	if (!names.length) return {};
	const rel = path.join(INSTANCES_DIR, instanceDirName(slot), RESOURCE_SECRETS_FILE);
	const read = readInstancesFile(config.root, rel);
	if (read.problem) throw new StateError(read.problem);
	let kept = {};
	if (read.text !== void 0) try {
		const parsed = JSON.parse(read.text);
		if (parsed && typeof parsed.passwords === "object" && parsed.passwords !== null) kept = parsed.passwords;
	} catch {}
	const out = {};
	for (const n of names) {
		const p = kept[n];
		out[n] = typeof p === "string" && /^[A-Za-z0-9_-]{16,}$/.test(p) ? p : randomBytes(24).toString("base64url");
	}
	return out;
}
/**
* The resources a start recorded for `slot` (resources.json), for clean: exactly what was made for
* this slot, even when devslot.yaml has changed since. Entries of an unknown shape are left out.
* Undefined when the file is there but holds no record to read (truncated, not JSON, `{}`, `null`,
* another shape): the caller decides, rather than reading it as "nothing was made".
*/
function readSlotResources(root, slot) {
	const rel = path.join(INSTANCES_DIR, instanceDirName(slot), RESOURCE_SECRETS_FILE);
	const read = readInstancesFile(root, rel);
	if (read.problem || read.text === void 0) return [];
	let parsed;
	try {
		parsed = JSON.parse(read.text);
	} catch {
		return;
	}
	const list = typeof parsed === "object" && parsed !== null ? parsed.resources : void 0;
	if (!Array.isArray(list)) return void 0;
	return list.filter(isPlannedResource);
}
const str = (v) => typeof v === "string";
const argv = (v) => Array.isArray(v) && v.every(str);
function isPlannedResource(v) {
	if (typeof v !== "object" || v === null) return false;
	const r = v;
	if (!str(r.name)) return false;
	if (r.kind === "postgres") return str(r.admin) && str(r.database) && str(r.user);
	if (r.kind === "redis") return str(r.baseUrl) && Number.isInteger(r.index);
	if (r.kind === "command") return argv(r.exists) && argv(r.create) && argv(r.drop);
	return false;
}
export { isUnder as a, isPortKey as c, planSlot as i, rewriteHostPorts as l, readSlotResources as n, mountsOf as o, RESOURCE_SECRETS_FILE as r, hostPortTokens as s, loadResourcePasswords as t, INFRA_DIR as u };
