import { r as ConfigError } from "./errors-CfnyxBL4.js";
import { D as portEnvName } from "./names-B3NKYqMG.js";
import { r as parseEngines } from "./engines-C7sy86WD.js";
import { t as HOOK_NAMES } from "./types-CWOCXX-w.js";
import { t as closest } from "./suggest-C3xJugRN.js";
import path from "node:path";
// dist/config/hooks.js
const STEP_KEYS = [
	"run",
	"exec",
	"script",
	"name",
	"app",
	"env",
	"timeout"
];
const EXEC_KEYS = [
	"service",
	"cmd",
	"user"
];
/** `hooks:` of devslot.yaml (DESIGN §10): each hook a list of steps, each step exactly one of run, exec, script. */
function validateHooks(c, raw, root) {
	if (raw === void 0 || raw === null) return {};
	const hooks = {};
	for (const [name, list] of Object.entries(c.map(raw, ["hooks"], HOOK_NAMES))) {
		const at = ["hooks", name];
		if (!Array.isArray(list) || !list.length) c.fail(at, "expected a list of steps, each `run: [argv…]`, `exec: { service, cmd: [argv…] }` or `script: file.mjs`");
		hooks[name] = list.map((step, i) => validateStep(c, step, [...at, i], root));
	}
	return hooks;
}
function validateStep(c, raw, at, root) {
	const s = c.map(raw, at, STEP_KEYS);
	const kinds = [
		"run",
		"exec",
		"script"
	].filter((k) => s[k] !== void 0);
	if (kinds.length !== 1) c.fail(at, `a step is exactly one of \`run: [argv…]\`, \`exec: { service, cmd: [argv…] }\` or \`script: file.mjs\`${kinds.length ? `, not ${kinds.join(" and ")}` : ""}`);
	const env = {};
	for (const [k, v] of Object.entries(s.env === void 0 ? {} : c.map(s.env, [...at, "env"]))) {
		if (!ENV_KEY_RE.test(k)) c.fail([
			...at,
			"env",
			k
		], "not a valid environment variable name");
		env[k] = c.template(c.scalar(v, [
			...at,
			"env",
			k
		]), [
			...at,
			"env",
			k
		]);
	}
	const common = {
		...s.name !== void 0 ? { name: c.string(s.name, [...at, "name"]) } : {},
		...s.app !== void 0 ? { app: c.string(s.app, [...at, "app"]) } : {},
		env,
		timeout: s.timeout === void 0 ? 600 : c.int(s.timeout, [...at, "timeout"], 1, 86400, "seconds")
	};
	if (s.run !== void 0) return {
		...common,
		kind: "run",
		argv: argv(c, s.run, [...at, "run"])
	};
	if (s.script !== void 0) {
		const file = c.string(s.script, [...at, "script"]);
		const abs = path.resolve(root, file);
		const rel = path.relative(root, abs);
		if (rel.startsWith("..") || path.isAbsolute(rel)) c.fail([...at, "script"], `${JSON.stringify(file)} must be a file inside the project`);
		return {
			...common,
			kind: "script",
			file: abs
		};
	}
	const e = c.map(s.exec, [...at, "exec"], EXEC_KEYS);
	if (e.service === void 0) c.fail([...at, "exec"], "missing `service:` (the compose service to run the command in)");
	if (e.cmd === void 0) c.fail([...at, "exec"], "missing `cmd: [argv…]`");
	if (s.app !== void 0) c.fail([...at, "app"], "`app` chooses a host environment; an exec step runs in its container with `env` only");
	return {
		...common,
		kind: "exec",
		service: c.string(e.service, [
			...at,
			"exec",
			"service"
		]),
		argv: argv(c, e.cmd, [
			...at,
			"exec",
			"cmd"
		]),
		...e.user !== void 0 ? { user: c.string(e.user, [
			...at,
			"exec",
			"user"
		]) } : {}
	};
}
/** An argv: a non-empty list of words (templates), never one string for a shell to split. */
function argv(c, raw, at) {
	if (typeof raw === "string") c.fail(at, `expected a list of words, like [npm, run, migrate], not one string (devslot runs no shell)`);
	if (!Array.isArray(raw) || !raw.length) c.fail(at, "expected a non-empty list of words, like [npm, run, migrate]");
	return raw.map((w, i) => c.template(c.scalar(w, [...at, i]), [...at, i])).map((w, i) => {
		if (i === 0 && w.trim() === "") c.fail([...at, 0], "the command word is empty");
		return w;
	});
}
// dist/config/resources.js
/** Keys under `shared:` and under each `resources.NAME`. */
const SHARED_KEYS = ["services"];
const RESOURCE_KINDS = [
	"postgres",
	"redis",
	"command"
];
const RESOURCE_KEYS = [...RESOURCE_KINDS, "service"];
const POSTGRES_KEYS = ["admin", "database"];
const REDIS_KEYS = ["url"];
const COMMAND_KEYS = [
	"exists",
	"create",
	"drop"
];
/** The `{{resources.NAME.KEY}}` values each kind gives a slot (DESIGN §9). */
const RESOURCE_VALUE_KEYS = {
	postgres: [
		"url",
		"database",
		"user",
		"password",
		"host",
		"port"
	],
	redis: ["url", "index"],
	command: []
};
const RESOURCE_NAME_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
const RESOURCE_REF_RE = /^resources\.([^.]+)\.([^.]+)$/;
/**
* A database (and its role's) name: lowercase letters, digits and "_", starting with a letter or
* "_", at most 63 bytes. Postgres itself would take more once quoted, but these names also appear
* unquoted in users' own psql and in URLs, and Postgres silently truncates beyond 63 bytes.
*/
const DATABASE_NAME_RE = /^[a-z_][a-z0-9_]*$/;
/** The default database template: the name with "-" made "_" (a valid name for any project name). */
function defaultDatabaseTemplate(name) {
	return `${name.replace(/-/g, "_")}_slot_{{slot}}`;
}
function parseShared(c, raw) {
	if (raw === void 0) return { services: [] };
	const m = c.map(raw, ["shared"], SHARED_KEYS);
	const services = m.services === void 0 ? [] : c.stringList(m.services, ["shared", "services"]);
	for (const [i, s] of services.entries()) if (services.indexOf(s) !== i) c.fail([
		"shared",
		"services",
		i
	], `${JSON.stringify(s)} is listed twice`);
	return { services };
}
function parseResources(c, raw, shared, naming) {
	const out = {};
	if (raw === void 0) return out;
	for (const [key, value] of Object.entries(c.map(raw, ["resources"]))) {
		const at = ["resources", key];
		if (!RESOURCE_NAME_RE.test(key)) c.fail(at, "resource names start with a letter and hold only letters, digits, \"-\" and \"_\"");
		const m = c.map(value, at);
		for (const k of Object.keys(m)) if (!RESOURCE_KEYS.includes(k)) c.fail([...at, k], `unknown resource kind \`${k}\`; kinds: ${RESOURCE_KINDS.join(", ")} (use \`command\` with exists/create/drop argv for any other system)`);
		const kinds = RESOURCE_KINDS.filter((k) => m[k] !== void 0);
		if (kinds.length !== 1) c.fail(at, `give exactly one kind: ${RESOURCE_KINDS.join(", ")}`);
		const kind = kinds[0];
		let service;
		if (m.service !== void 0) {
			service = c.string(m.service, [...at, "service"]);
			if (!shared.services.includes(service)) c.fail([...at, "service"], `service ${JSON.stringify(service)} is not shared; add it to shared.services (resources are made on shared services)`);
		}
		const svc = service === void 0 ? {} : { service };
		if (kind === "postgres") {
			const p = c.map(m.postgres, [...at, "postgres"], POSTGRES_KEYS);
			if (p.admin === void 0) c.fail([...at, "postgres"], "missing key `admin` (e.g. \"postgres://postgres:postgres@127.0.0.1:{{ports.postgres}}/postgres\")");
			const admin = c.template(c.string(p.admin, [
				...at,
				"postgres",
				"admin"
			]), [
				...at,
				"postgres",
				"admin"
			]);
			if (!/^postgres(ql)?:\/\//.test(admin)) c.fail([
				...at,
				"postgres",
				"admin"
			], "expected a postgres:// URL");
			const database = p.database === void 0 ? defaultDatabaseTemplate(naming.name) : c.template(c.string(p.database, [
				...at,
				"postgres",
				"database"
			]), [
				...at,
				"postgres",
				"database"
			]);
			checkDatabaseTemplate(c, database, [
				...at,
				"postgres",
				"database"
			], naming);
			out[key] = {
				kind,
				...svc,
				admin,
				database
			};
		} else if (kind === "redis") {
			const r = c.map(m.redis, [...at, "redis"], REDIS_KEYS);
			if (r.url === void 0) c.fail([...at, "redis"], "missing key `url` (e.g. \"redis://127.0.0.1:{{ports.redis}}\")");
			const url = c.template(c.string(r.url, [
				...at,
				"redis",
				"url"
			]), [
				...at,
				"redis",
				"url"
			]);
			if (!/^rediss?:\/\//.test(url)) c.fail([
				...at,
				"redis",
				"url"
			], "expected a redis:// URL");
			out[key] = {
				kind,
				...svc,
				url
			};
		} else {
			const cm = c.map(m.command, [...at, "command"], COMMAND_KEYS);
			const argv = (step) => {
				if (cm[step] === void 0) c.fail([...at, "command"], `missing key \`${step}\` (an argv list, e.g. [temporal, operator, namespace, ${step === "exists" ? "describe" : step}, -n, "{{project}}"])`);
				const list = c.stringList(cm[step], [
					...at,
					"command",
					step
				]);
				if (!list.length) c.fail([
					...at,
					"command",
					step
				], "expected an argv list, got an empty list");
				return list.map((a, i) => c.template(a, [
					...at,
					"command",
					step,
					i
				]));
			};
			out[key] = {
				kind,
				...svc,
				exists: argv("exists"),
				create: argv("create"),
				drop: argv("drop")
			};
		}
	}
	return out;
}
/**
* The database name is known before any compose model: {{name}}, {{project}} and {{slot}} only.
* The last slot renders the longest name, so checking it (and slot 0 for the characters) covers all.
*/
function checkDatabaseTemplate(c, template, at, naming) {
	for (const slot of /* @__PURE__ */ new Set([0, naming.slots - 1])) {
		const rendered = template.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, expr) => {
			if (expr === "slot") return String(slot);
			if (expr === "name") return naming.name;
			if (expr === "project") return `${naming.name}-dev-${slot}`;
			c.fail(at, `${whole} cannot be used in a database name; use {{name}} and {{slot}}`);
		});
		if (!DATABASE_NAME_RE.test(rendered)) c.fail(at, `renders to ${JSON.stringify(rendered)} for slot ${slot}, which is not a usable database name: use lowercase letters, digits and "_", starting with a letter or "_"`);
		if (Buffer.byteLength(rendered) > 63) c.fail(at, `renders to ${JSON.stringify(rendered)} for slot ${slot}, ${Buffer.byteLength(rendered)} bytes; Postgres names hold at most 63`);
	}
}
/** Every `{{resources.NAME.KEY}}` in `text` names a declared resource and a key its kind gives. */
function checkResourceRefs(c, text, at, resources) {
	for (const m of text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
		const ref = RESOURCE_REF_RE.exec(m[1] ?? "");
		if (!ref) continue;
		const spec = resources[ref[1]];
		if (!spec) {
			const known = Object.keys(resources);
			c.fail(at, `${m[0]} names no resource \`${ref[1]}\`; resources: ${known.join(", ") || "none"}`);
		}
		const keys = RESOURCE_VALUE_KEYS[spec.kind];
		if (!keys.includes(ref[2])) c.fail(at, `${m[0]}: a ${spec.kind} resource gives ${keys.length ? keys.map((k) => `\`${k}\``).join(", ") : "no values"}`);
	}
}
// dist/config/validate.js
const TOP_KEYS = [
	"name",
	"stride",
	"slots",
	"compose",
	"ports",
	"env",
	"pm2",
	"health",
	"urls",
	"check",
	"shared",
	"resources",
	"hooks",
	"copy",
	"engines"
];
const COMPOSE_KEYS = [
	"files",
	"envFiles",
	"profiles",
	"perSlotMounts",
	"sharedMounts"
];
const CHECK_KEYS = ["strict"];
const COPY_KEYS = ["image"];
const ENV_KEYS = [
	"from",
	"set",
	"apps"
];
const PM2_KEYS = ["config"];
const HEALTH_KEYS = ["http", "tcp"];
const DEFAULTS = {
	stride: 100,
	slots: 10,
	pm2Config: "pm2.config.cts"
};
/** Compose's own rule for project names; `<name>-dev-N` then stays valid. */
const PROJECT_NAME_RE = /^[a-z0-9][a-z0-9_-]*$/;
const PORT_NAME_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
const ENV_KEY_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PLACEHOLDER_OK = /^(slot|project|name|ports\.[A-Za-z][A-Za-z0-9_-]*|resources\.[A-Za-z][A-Za-z0-9_-]*\.[a-z]+)$/;
var Checker = class {
	ctx;
	constructor(ctx) {
		this.ctx = ctx;
	}
	fail(at, what) {
		const line = this.lineOf(at);
		const where = line === void 0 ? this.ctx.display : `${this.ctx.display}:${line}`;
		const key = at.length ? `${formatKey(at)}: ` : "";
		throw new ConfigError(`${where}: ${key}${what}`);
	}
	lineOf(at) {
		for (let n = at.length; n >= 0; n--) {
			const line = this.ctx.locate(at.slice(0, n));
			if (line !== void 0) return line;
		}
	}
	map(value, at, allowed) {
		if (value === null || typeof value !== "object" || Array.isArray(value)) this.fail(at, `expected a mapping, got ${describe(value)}`);
		const obj = value;
		if (allowed) {
			for (const key of Object.keys(obj)) if (!allowed.includes(key)) {
				const near = closest(key, allowed);
				this.fail([...at, key], `unknown key${near ? ` (did you mean \`${near}\`?)` : ""}; allowed: ${allowed.join(", ")}`);
			}
		}
		return obj;
	}
	string(value, at) {
		if (typeof value !== "string" || value === "") this.fail(at, `expected a non-empty string, got ${describe(value)}`);
		return value;
	}
	/** Env values may be written as YAML numbers or booleans; they are text in the env file. */
	scalar(value, at) {
		if (typeof value === "string") return value;
		if (typeof value === "number" || typeof value === "boolean") return String(value);
		this.fail(at, `expected a string, number or boolean, got ${describe(value)}`);
	}
	int(value, at, min, max, what) {
		if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) this.fail(at, `expected ${what} (a whole number ${min}–${max}), got ${describe(value)}`);
		return value;
	}
	stringList(value, at) {
		if (!Array.isArray(value)) this.fail(at, `expected a list of strings, got ${describe(value)}`);
		return value.map((v, i) => this.string(v, [...at, i]));
	}
	template(text, at) {
		for (const m of text.matchAll(PLACEHOLDER_RE)) if (!PLACEHOLDER_OK.test(m[1] ?? "")) this.fail(at, `unknown placeholder ${m[0]}; use {{slot}}, {{project}}, {{name}}, {{ports.NAME}} or {{resources.NAME.KEY}}`);
		return text;
	}
};
function validateConfig(raw, ctx) {
	const c = new Checker(ctx);
	const root = path.dirname(ctx.path);
	const abs = (p) => path.resolve(root, p);
	if (raw === null || raw === void 0) c.fail([], "the file is empty; it needs at least `name` and `compose.files`");
	const top = c.map(raw, [], TOP_KEYS);
	if (top.name === void 0) c.fail([], "missing key `name` (the compose project prefix, e.g. `name: app`)");
	const name = c.string(top.name, ["name"]);
	if (!PROJECT_NAME_RE.test(name)) c.fail(["name"], `${JSON.stringify(name)} is not a valid compose project name: use lowercase letters, digits, "-" and "_", starting with a letter or digit`);
	const stride = top.stride === void 0 ? DEFAULTS.stride : c.int(top.stride, ["stride"], 1, 65535, "a port offset per slot");
	const slots = top.slots === void 0 ? DEFAULTS.slots : c.int(top.slots, ["slots"], 1, 1e3, "the number of slots");
	const composeRaw = top.compose === void 0 ? {} : c.map(top.compose, ["compose"], COMPOSE_KEYS);
	const compose = {
		files: composeRaw.files === void 0 ? [] : c.stringList(composeRaw.files, ["compose", "files"]).map(abs),
		envFiles: composeRaw.envFiles === void 0 ? [] : c.stringList(composeRaw.envFiles, ["compose", "envFiles"]).map(abs),
		profiles: composeRaw.profiles === void 0 ? [] : c.stringList(composeRaw.profiles, ["compose", "profiles"]),
		perSlotMounts: mountList(c, composeRaw.perSlotMounts, "perSlotMounts", root),
		sharedMounts: mountList(c, composeRaw.sharedMounts, "sharedMounts", root)
	};
	for (const [i, p] of compose.perSlotMounts.entries()) if (compose.sharedMounts.includes(p)) c.fail([
		"compose",
		"perSlotMounts",
		i
	], `${path.relative(root, p) || "."} is listed in both perSlotMounts and sharedMounts; keep it in one`);
	const ports = {};
	const portKeys = /* @__PURE__ */ new Map();
	const portsRaw = top.ports === void 0 ? {} : c.map(top.ports, ["ports"]);
	for (const [key, value] of Object.entries(portsRaw)) {
		if (!PORT_NAME_RE.test(key)) c.fail(["ports", key], "port names start with a letter and hold only letters, digits, \"-\" and \"_\"");
		const envName = portEnvName(key);
		const clash = portKeys.get(envName);
		if (clash !== void 0) c.fail(["ports", key], `duplicate port name: \`${key}\` and \`${clash}\` both become DEVSLOT_PORT_${envName}; rename one`);
		portKeys.set(envName, key);
		ports[key] = c.int(value, ["ports", key], 1, 65535, "a port number");
	}
	const env = {};
	const envRaw = top.env === void 0 ? {} : c.map(top.env, ["env"]);
	for (const [key, value] of Object.entries(envRaw)) {
		if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(key) || key.endsWith(".local")) c.fail(["env", key], "env entry names become file names: use letters, digits, \".\", \"-\" and \"_\" (not ending in \".local\")");
		const entryRaw = value === null ? {} : c.map(value, ["env", key], ENV_KEYS);
		const entry = {
			set: {},
			apps: []
		};
		if (entryRaw.from !== void 0) {
			const at = [
				"env",
				key,
				"from"
			];
			const list = Array.isArray(entryRaw.from) ? c.stringList(entryRaw.from, at) : [c.string(entryRaw.from, at)];
			if (!list.length) c.fail(at, "expected a file or a list of files (the first that exists is used), got an empty list");
			entry.from = list.map(abs);
		}
		const setRaw = entryRaw.set === void 0 ? {} : c.map(entryRaw.set, [
			"env",
			key,
			"set"
		]);
		for (const [k, v] of Object.entries(setRaw)) {
			if (!ENV_KEY_RE.test(k)) c.fail([
				"env",
				key,
				"set",
				k
			], "not a valid environment variable name");
			entry.set[k] = c.template(c.scalar(v, [
				"env",
				key,
				"set",
				k
			]), [
				"env",
				key,
				"set",
				k
			]);
		}
		if (entryRaw.apps !== void 0) entry.apps = c.stringList(entryRaw.apps, [
			"env",
			key,
			"apps"
		]);
		env[key] = entry;
	}
	const pm2Raw = top.pm2 === void 0 ? {} : c.map(top.pm2, ["pm2"], PM2_KEYS);
	const pm2 = pm2Raw.config === void 0 ? {
		config: abs(DEFAULTS.pm2Config),
		explicit: false
	} : {
		config: abs(c.string(pm2Raw.config, ["pm2", "config"])),
		explicit: true
	};
	const health = {};
	const healthRaw = top.health === void 0 ? {} : c.map(top.health, ["health"]);
	for (const [app, value] of Object.entries(healthRaw)) {
		const probe = c.map(value, ["health", app], HEALTH_KEYS);
		if (Object.keys(probe).length !== 1) c.fail(["health", app], "give exactly one of `http: URL` or `tcp: PORT`");
		if (probe.http !== void 0) {
			const url = c.template(c.scalar(probe.http, [
				"health",
				app,
				"http"
			]), [
				"health",
				app,
				"http"
			]);
			if (!/^https?:\/\//.test(url)) c.fail([
				"health",
				app,
				"http"
			], `expected an http:// or https:// URL, got ${JSON.stringify(url)}`);
			health[app] = { http: url };
		} else health[app] = { tcp: c.template(c.scalar(probe.tcp, [
			"health",
			app,
			"tcp"
		]), [
			"health",
			app,
			"tcp"
		]) };
	}
	const urls = {};
	const urlsRaw = top.urls === void 0 ? {} : c.map(top.urls, ["urls"]);
	for (const [key, value] of Object.entries(urlsRaw)) {
		if (!PORT_NAME_RE.test(key)) c.fail(["urls", key], "a named port, a compose service or an app: names start with a letter and hold only letters, digits, \"-\" and \"_\"");
		if (value === false) urls[key] = false;
		else if (typeof value === "string" && /^\/[^\s]*$/.test(value)) urls[key] = value;
		else c.fail(["urls", key], `expected a URL path starting with "/" (e.g. /docs), or false for no URL, got ${describe(value)}`);
	}
	const checkRaw = top.check === void 0 ? {} : c.map(top.check, ["check"], CHECK_KEYS);
	if (checkRaw.strict !== void 0 && typeof checkRaw.strict !== "boolean") c.fail(["check", "strict"], `expected true or false, got ${describe(checkRaw.strict)}`);
	const check = { strict: checkRaw.strict === true };
	const shared = parseShared(c, top.shared);
	const resources = parseResources(c, top.resources, shared, {
		name,
		slots
	});
	for (const [key, entry] of Object.entries(env)) for (const [k, v] of Object.entries(entry.set)) checkResourceRefs(c, v, [
		"env",
		key,
		"set",
		k
	], resources);
	for (const [app, probe] of Object.entries(health)) checkResourceRefs(c, "http" in probe ? probe.http : probe.tcp, [
		"health",
		app,
		"http" in probe ? "http" : "tcp"
	], resources);
	for (const [key, spec] of Object.entries(resources)) {
		const texts = spec.kind === "postgres" ? [spec.admin, spec.database] : spec.kind === "redis" ? [spec.url] : [
			...spec.exists,
			...spec.create,
			...spec.drop
		];
		for (const t of texts) if (/\{\{\s*resources\./.test(t)) c.fail(["resources", key], "a resource cannot use {{resources.…}} values");
	}
	const hooks = validateHooks(c, top.hooks, root);
	const copyRaw = top.copy === void 0 ? void 0 : c.map(top.copy, ["copy"], COPY_KEYS);
	const copy = copyRaw?.image === void 0 ? void 0 : { image: c.string(copyRaw.image, ["copy", "image"]) };
	const engines = parseEngines(c, top.engines, slots);
	return {
		path: ctx.path,
		root,
		name,
		stride,
		slots,
		compose,
		ports,
		env,
		pm2,
		health,
		urls,
		check,
		shared,
		resources,
		hooks,
		...copy ? { copy } : {},
		...engines.length ? { engines } : {}
	};
}
/** Bind-mount sources, relative to the root and inside it: a per-slot copy lives under .instances/. */
function mountList(c, value, key, root) {
	if (value === void 0) return [];
	return c.stringList(value, ["compose", key]).map((p, i) => {
		const abs = path.resolve(root, p);
		const rel = path.relative(root, abs);
		if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel) || rel.split(path.sep)[0] === ".instances") c.fail([
			"compose",
			key,
			i
		], `${JSON.stringify(p)} must be a folder or file inside the project (not the project itself, nor .instances/), like ./pgdata`);
		return abs;
	});
}
function formatKey(at) {
	return at.map((k, i) => typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`).join("");
}
function describe(value) {
	if (value === null || value === void 0) return "nothing";
	if (Array.isArray(value)) return "a list";
	if (typeof value === "object") return "a mapping";
	if (typeof value === "string") return JSON.stringify(value);
	return `${typeof value} ${String(value)}`;
}
export { DEFAULTS as a, HEALTH_KEYS as c, PORT_NAME_RE as d, PROJECT_NAME_RE as f, Checker as i, PLACEHOLDER_RE as l, validateConfig as m, COMPOSE_KEYS as n, ENV_KEYS as o, TOP_KEYS as p, COPY_KEYS as r, ENV_KEY_RE as s, CHECK_KEYS as t, PM2_KEYS as u };
