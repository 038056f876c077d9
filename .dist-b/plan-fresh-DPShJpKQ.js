import { n as composeDropsVar, o as resolveModel, r as detectAndResolve, t as composeChildEnv } from "./compose-aF0sDG8n.js";
import { c as readInstancesFile, l as readText, o as instancesPathProblem, s as listInstanceSlots } from "./fs-GiFRpoZG.js";
import { n as sha256OrNull, t as sha256 } from "./hash-BS0aKSWh.js";
import { d as StateError, r as ConfigError } from "./errors-CfnyxBL4.js";
import { D as portEnvName, k as projectName, r as INSTANCES_DIR, w as instanceDirName } from "./names-B3NKYqMG.js";
import { a as portsForSlot, t as buildPortTable } from "./ports-B0nW58AE.js";
import { i as planSlot, t as loadResourcePasswords } from "./resource-secrets-r17cfeWh.js";
import { t as devslotVersion } from "./version-0C7iIfkQ.js";
import { c as parseJson } from "./shape-Cq_h9KeT.js";
import { n as ecosystemInputs, r as interpolatedNames, t as PLAN_CACHE } from "./plan-cache-BukBf8d6.js";
import fs from "node:fs";
import path from "node:path";
// dist/load/compose-yaml.js
/**
* A compose file's raw YAML, parsed at most once per process: planning (for `include`/`extends`)
* and `check` (for `env_file`) both read it, and a big file (otel-demo's) costs ~100 ms to parse.
* A file whose text never names the key asked about is not parsed at all.
*/
const parsed = /* @__PURE__ */ new Map();
/** The document, or undefined when the text cannot hold `key` or is not YAML compose would accept. */
async function composeDocMentioning(text, key) {
	if (!(typeof key === "string" ? [key] : key).some((k) => new RegExp(`\\b${k}\\b`).test(text))) return void 0;
	if (parsed.has(text)) return parsed.get(text);
	const { parse } = await import("yaml");
	let doc;
	try {
		doc = parse(text, { logLevel: "error" });
	} catch {
		doc = void 0;
	}
	parsed.set(text, doc);
	return doc;
}
// dist/adapters/pm2-config.js
/**
* Load the PM2 ecosystem file (usually pm2.config.cts) with jiti, which reads TypeScript, CommonJS
* and `export default`; PM2 itself cannot read `.cts` (TRAPS "PM2"). Returns the raw export.
*/
async function loadEcosystem(file, display) {
	const { createJiti } = await import("jiti");
	const jiti = createJiti(import.meta.url, {
		moduleCache: false,
		fsCache: false
	});
	try {
		return await jiti.import(file);
	} catch (e) {
		const msg = (e instanceof Error ? e.message : String(e)).split("\n")[0];
		throw new ConfigError(`${display}: cannot load it: ${msg}`);
	}
}
// dist/load/ecosystem-cache.js
/**
* The PM2 config's export, saved for the next fresh plan (`.instances/instance-N/.pm2-config.json`,
* 0600: it may hold values of the environment). Loading a `pm2.config.cts` costs jiti's import and a
* TypeScript transform, 0.3–0.45 s of every fresh plan (a new slot, a start after stop, info of
* another slot), more than compose's `config`. The saved export is used while its key holds: the
* same devslot, the same file, every file it imports hashing the same, every variable it reads
* having the same value. A config that reads the environment in a way no name list can follow
* (volatile), or exports what JSON cannot carry unchanged (a function of the slot, `undefined`, a
* Date), is loaded every time. The export does not depend on the slot (a function of the slot is
* never saved), so a slot planned afresh takes any slot's whose key holds; each slot keeps its own
* copy in its own folder, so `clean` takes it with the slot and no slot writes another's.
*/
const ECOSYSTEM_CACHE = ".pm2-config.json";
const relIn = (slot) => path.join(INSTANCES_DIR, instanceDirName(slot), ECOSYSTEM_CACHE);
async function loadEcosystemCached(root, slot, file, display, env) {
	const deps = ecosystemDeps(file);
	const key = () => {
		const k = {
			version: devslotVersion(),
			file,
			files: {},
			vars: {}
		};
		for (const f of [file, ...deps.files]) k.files[f] = sha256OrNull(f);
		for (const v of deps.vars) k.vars[v] = env[v] ?? null;
		return k;
	};
	if (deps.volatile) return {
		value: await loadEcosystem(file, display),
		deps
	};
	const before = key();
	const REL = relIn(slot);
	let saved;
	for (const s of [slot, ...listInstanceSlots(root).filter((x) => x !== slot)]) if (saved = savedExport(root, relIn(s), before)) break;
	if (saved) return {
		value: saved.value,
		deps,
		save: {
			path: REL,
			content: cacheText(before, saved.value),
			mode: 384
		}
	};
	const value = await loadEcosystem(file, display);
	if (!jsonExact(value, 0)) return {
		value,
		deps
	};
	return {
		value,
		deps,
		save: {
			path: REL,
			content: cacheText(before, value),
			mode: 384
		}
	};
}
const cacheText = (key, value) => `${JSON.stringify({
	key,
	value
})}\n`;
/** The saved export when its key equals `now`; anything unreadable or different is ignored (planned afresh). */
function savedExport(root, rel, now) {
	const read = readInstancesFile(root, rel);
	if (read.problem || read.text === void 0) return void 0;
	const json = parseJson(read.text);
	if (!json.ok || !json.value || typeof json.value !== "object") return void 0;
	const { key, value } = json.value;
	if (value === void 0 || sha256(JSON.stringify(key)) !== sha256(JSON.stringify(now))) return void 0;
	return { value };
}
/** Whether JSON carries `v` unchanged: plain objects and arrays of strings, finite numbers, booleans and null. */
function jsonExact(v, depth) {
	if (depth > 64) return false;
	if (v === null || typeof v === "string" || typeof v === "boolean") return true;
	if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
	if (Array.isArray(v)) return Object.keys(v).length === v.length && v.every((x) => x !== void 0 && jsonExact(x, depth + 1));
	if (typeof v !== "object") return false;
	const proto = Object.getPrototypeOf(v);
	if (proto !== Object.prototype && proto !== null) return false;
	if (Object.getOwnPropertySymbols(v).some((s) => s !== Symbol.toStringTag)) return false;
	return Object.entries(v).every(([, x]) => x !== void 0 && jsonExact(x, depth + 1));
}
/**
* The files a PM2 ecosystem file pulls in (relative imports, recursively through code files, not
* into node_modules) and the environment variables they read (plan-cache.ts ecosystemInputs).
*/
function ecosystemDeps(entry) {
	const files = /* @__PURE__ */ new Set();
	const vars = /* @__PURE__ */ new Set();
	let volatile = false;
	const visit = (abs) => {
		if (files.has(abs)) return;
		files.add(abs);
		if (!/\.[cm]?[jt]sx?$/.test(abs) || abs.split(path.sep).includes("node_modules")) return;
		let text;
		try {
			text = readText(abs);
		} catch {
			return;
		}
		if (text === void 0) return;
		const inputs = ecosystemInputs(text);
		for (const v of inputs.vars) vars.add(v);
		volatile ||= inputs.volatile;
		for (const spec of inputs.specifiers) {
			const to = resolveSpecifier(path.dirname(abs), spec);
			if (to === void 0) volatile = true;
			else visit(to);
		}
	};
	visit(entry);
	files.delete(entry);
	return {
		files: [...files],
		vars: [...vars],
		volatile
	};
}
/**
* Where a relative specifier lands, as Node or a TypeScript loader would look (else the bare path,
* which must stay absent); undefined for a folder without an index file of a known extension.
*/
function resolveSpecifier(dir, spec) {
	const base = path.resolve(dir, spec);
	const stem = base.replace(/\.[cm]?js$/, "");
	const exts = [
		".ts",
		".cts",
		".mts",
		".js",
		".cjs",
		".mjs",
		".json"
	];
	const candidates = [
		base,
		...exts.map((e) => stem + e),
		...exts.map((e) => path.join(base, `index${e}`))
	];
	const isFile = (c) => {
		try {
			return fs.statSync(c).isFile();
		} catch {
			return false;
		}
	};
	const found = candidates.find(isFile);
	if (found) return found;
	try {
		if (fs.statSync(base).isDirectory()) return void 0;
	} catch {}
	return base;
}
// dist/load/plan-fresh.js
/** Plan a slot from its sources: resolve compose, read templates, load the PM2 config, save the key. */
async function planFresh(config, slot, opts) {
	return (await planFreshParts(config, slot, opts)).plan;
}
/** The plan and the inputs it was made from (`check` reads the resolved model and plans other slots from them). */
async function planFreshParts(config, slot, opts) {
	const r = (abs) => rel(config, abs);
	for (const f of config.compose.files) mustExist(config, f, "compose.files");
	for (const f of config.compose.envFiles) mustExist(config, f, "compose.envFiles");
	for (const [key, entry] of Object.entries(config.env)) for (const f of entry.from ?? []) notAFolder(config, f, `env.${key}.from`);
	notAFolder(config, config.pm2.config, "pm2.config");
	const defaultEnvFile = composeDefaultEnvFile(config);
	const files = /* @__PURE__ */ new Map();
	const hashes = {};
	const addSource = (abs) => {
		const text = readText(abs);
		if (text === void 0) return void 0;
		files.set(abs, text);
		hashes[r(abs)] = sha256(text);
		return text;
	};
	addSource(config.path);
	for (const f of [...config.compose.files, ...config.compose.envFiles]) addSource(f);
	if (defaultEnvFile) addSource(defaultEnvFile);
	const dir = path.join(config.root, INSTANCES_DIR, instanceDirName(slot));
	for (const [key, entry] of Object.entries(config.env)) {
		for (const f of entry.from ?? []) if (addSource(f) !== void 0) break;
		const localRel = path.join(INSTANCES_DIR, instanceDirName(slot), `${key}.local.env`);
		const problem = instancesPathProblem(config.root, localRel, "file");
		if (problem) throw new StateError(problem);
		addSource(path.join(config.root, localRel));
	}
	const project = projectName(config.name, slot);
	let model = { services: {} };
	const hostAware = /* @__PURE__ */ new Set();
	if (config.compose.files.length) {
		const base = {
			project,
			files: config.compose.files,
			envFiles: config.compose.envFiles.length ? config.compose.envFiles : defaultEnvFile ? [defaultEnvFile] : [],
			profiles: config.compose.profiles,
			cwd: config.root
		};
		const resolved = await detectAndResolve(opts.env, {
			...base,
			env: composeChildEnv(opts.env)
		});
		const cli = resolved.cli;
		model = resolved.model;
		const hostServices = Object.entries(model.services).filter(([, s]) => s.network_mode === "host").map(([n]) => n);
		if (hostServices.length && config.slots > 1) {
			const probe = config.slots - 1;
			const ports = portsForSlot(buildPortTable(config.ports, model, new Set(config.shared.services)), probe, config.stride);
			const vars = {};
			for (const [n, p] of Object.entries(ports)) vars[`DEVSLOT_PORT_${portEnvName(n)}`] = String(p);
			const shifted = await resolveModel(cli, {
				...base,
				env: composeChildEnv(opts.env, vars)
			});
			for (const s of hostServices) if (JSON.stringify(shifted.services[s]) !== JSON.stringify(model.services[s])) hostAware.add(s);
		}
	}
	let ecosystem;
	if (fs.existsSync(config.pm2.config)) {
		addSource(config.pm2.config);
		ecosystem = await loadEcosystemCached(config.root, slot, config.pm2.config, r(config.pm2.config), opts.env);
	} else if (config.pm2.explicit) throw new ConfigError(`${r(config.path)}: pm2.config: ${r(config.pm2.config)} does not exist; create it or remove the key`);
	const input = {
		config,
		slot,
		model,
		resolvedProject: project,
		hostNetworkSlotAware: hostAware,
		files,
		sourceHashes: hashes,
		defaultEnvFile,
		pm2Export: ecosystem?.value,
		privilegedOk: opts.isRoot,
		version: devslotVersion(),
		resourcePasswords: loadResourcePasswords(config, slot)
	};
	const plan = planSlot(input);
	const composeInputs = config.compose.files.length ? await composeInputFiles(config.compose.files) : {
		files: [],
		vars: []
	};
	if (ecosystem?.save) plan.files.push(ecosystem.save);
	const deps = ecosystem?.deps ?? {
		files: [],
		vars: [],
		volatile: false
	};
	const key = {
		version: devslotVersion(),
		isRoot: opts.isRoot,
		config: config.path,
		files: {},
		vars: {},
		...deps.volatile ? { volatile: true } : {}
	};
	const mark = (abs) => {
		const rel_ = r(abs);
		key.files[rel_] = Object.hasOwn(hashes, rel_) ? hashes[rel_] : sha256OrNull(abs);
	};
	for (const f of [
		...Object.keys(hashes).map((h) => path.join(config.root, h)),
		...composeInputs.files,
		...deps.files
	]) mark(f);
	mark(path.join(path.dirname(config.compose.files[0] ?? config.path), ".env"));
	mark(config.pm2.config);
	for (const key_ of Object.keys(config.env)) mark(path.join(dir, `${key_}.local.env`));
	for (const e of Object.values(plan.env)) for (const skipped of e.template?.skipped ?? []) mark(path.join(config.root, skipped));
	for (const f of plan.files) if (f !== ecosystem?.save) key.files[f.path] = sha256(f.content);
	for (const name of composeInputs.vars) if (!composeDropsVar(name)) key.vars[name] = opts.env[name] ?? null;
	for (const name of deps.vars) key.vars[name] = opts.env[name] ?? null;
	plan.compose.inputs = {
		files: {},
		vars: {}
	};
	for (const f of composeInputs.files) plan.compose.inputs.files[r(f)] = sha256OrNull(f);
	for (const name of composeInputs.vars) if (!composeDropsVar(name)) plan.compose.inputs.vars[name] = opts.env[name] ?? null;
	const { files: _files, ...rest } = plan;
	const cache = {
		key,
		plan: {
			...rest,
			files: plan.files.map((f) => ({
				...f,
				content: ""
			}))
		}
	};
	plan.files.push({
		path: path.join(INSTANCES_DIR, instanceDirName(slot), PLAN_CACHE),
		content: `${JSON.stringify(cache)}\n`,
		mode: 384
	});
	return {
		plan,
		input
	};
}
/**
* Every file the compose files pull in (`include`, `extends.file`, recursively) and every variable
* they interpolate: the saved plan must be dropped when any of them changes.
*/
async function composeInputFiles(files) {
	const seen = /* @__PURE__ */ new Set();
	const vars = /* @__PURE__ */ new Set();
	const visit = async (abs) => {
		if (seen.has(abs)) return;
		seen.add(abs);
		const text = readText(abs);
		if (text === void 0) return;
		for (const v of interpolatedNames(text)) vars.add(v);
		const doc = await composeDocMentioning(text, ["include", "extends"]);
		if (doc === void 0) return;
		const base = path.dirname(abs);
		const d = doc ?? {};
		const includes = Array.isArray(d.include) ? d.include : d.include ? [d.include] : [];
		for (const inc of includes) {
			const paths = typeof inc === "string" ? [inc] : inc && typeof inc === "object" ? [].concat(inc.path ?? []) : [];
			for (const p of paths) if (typeof p === "string" && !p.includes("$")) await visit(path.resolve(base, p));
		}
		for (const svc of Object.values(d.services ?? {})) {
			const file = svc?.extends?.file;
			if (typeof file === "string" && !file.includes("$")) await visit(path.resolve(base, file));
		}
	};
	for (const f of files) await visit(f);
	return {
		files: [...seen],
		vars: [...vars]
	};
}
/**
* Compose reads `<project dir>/.env` only when no --env-file is given. devslot always passes its
* compose.env, so it passes that `.env` explicitly first, keeping the project's interpolation.
*/
function composeDefaultEnvFile(config) {
	if (config.compose.envFiles.length || !config.compose.files.length) return void 0;
	const candidate = path.join(path.dirname(config.compose.files[0]), ".env");
	return fs.existsSync(candidate) ? candidate : void 0;
}
function mustExist(config, abs, key) {
	if (!fs.existsSync(abs)) throw new ConfigError(`${rel(config, config.path)}: ${key}: ${rel(config, abs)} does not exist; fix the path or create the file`);
	notAFolder(config, abs, key);
}
/** A path the config names as a file must not be a folder (reading it would fail with EISDIR). */
function notAFolder(config, abs, key) {
	let dir = false;
	try {
		dir = fs.statSync(abs).isDirectory();
	} catch {
		return;
	}
	if (dir) throw new ConfigError(`${rel(config, config.path)}: ${key}: ${rel(config, abs)} is a folder; name a file there`);
}
function rel(config, abs) {
	return path.relative(config.root, abs) || abs;
}
export { composeDocMentioning as i, planFresh as n, planFreshParts as r, composeDefaultEnvFile as t };
