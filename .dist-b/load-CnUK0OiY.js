import { r as ConfigError } from "./errors-CfnyxBL4.js";
import { t as sha256 } from "./hash-BS0aKSWh.js";
import { r as INSTANCES_DIR, t as CONFIG_CACHE } from "./names-B3NKYqMG.js";
import { t as devslotVersion } from "./version-0C7iIfkQ.js";
import fs from "node:fs";
import path from "node:path";
// dist/config/load.js
const CONFIG_FILE = "devslot.yaml";
/** The nearest devslot.yaml from `cwd` upwards, or the one named by --config. */
function findConfig(cwd, explicit) {
	if (explicit !== void 0) {
		const p = path.resolve(cwd, explicit);
		if (!fs.existsSync(p)) throw new ConfigError(`--config ${explicit}: no such file; give the path of a devslot.yaml`);
		return p;
	}
	for (let dir = path.resolve(cwd);; dir = path.dirname(dir)) {
		const p = path.join(dir, CONFIG_FILE);
		if (fs.existsSync(p)) return p;
		if (path.dirname(dir) === dir) break;
	}
	throw new ConfigError(`no ${CONFIG_FILE} in ${cwd} or any folder above it; create one (see README) or pass --config PATH`);
}
function configCachePath(root) {
	return path.join(root, INSTANCES_DIR, CONFIG_CACHE);
}
async function loadConfig(cwd, explicit) {
	const file = findConfig(cwd, explicit);
	const display = path.relative(cwd, file) || file;
	let text;
	try {
		text = fs.readFileSync(file, "utf8");
	} catch (e) {
		throw new ConfigError(`${display}: cannot read it (${e.code ?? String(e)})`);
	}
	const cached = readConfigCache(path.dirname(file));
	if (cached && cached.hash === sha256(text) && cached.version === devslotVersion() && cached.shape === 4 && cached.config.path === file) return cached.config;
	return parseAndValidate(text, file, display);
}
/**
* The cached config, or undefined: absent, unreadable, of another shape (it is only a cache: the
* YAML is parsed instead, and the next init or start writes it again), or behind a symlinked
* `.instances` (never read through).
*/
function readConfigCache(root) {
	try {
		if (fs.lstatSync(path.join(root, ".instances")).isSymbolicLink()) return void 0;
		const entry = JSON.parse(fs.readFileSync(configCachePath(root), "utf8"));
		return isConfigCacheEntry(entry) ? entry : void 0;
	} catch {
		return;
	}
}
const isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
/** The fields every command reads from a Config, checked before the cache is trusted. Pure. */
function isConfigCacheEntry(v) {
	if (!isObj(v) || typeof v.version !== "string" || typeof v.hash !== "string" || !isObj(v.config)) return false;
	const c = v.config;
	return typeof c.name === "string" && typeof c.path === "string" && typeof c.root === "string" && Number.isSafeInteger(c.slots) && Number.isSafeInteger(c.stride) && isObj(c.compose) && Array.isArray(c.compose.files) && Array.isArray(c.compose.envFiles) && Array.isArray(c.compose.profiles) && isObj(c.ports) && isObj(c.env) && isObj(c.health) && isObj(c.pm2) && typeof c.pm2.config === "string" && isObj(c.shared) && isObj(c.resources);
}
/** YAML loads only on a cache miss (yaml costs ~30 ms to import). */
async function parseAndValidate(text, file, display) {
	const { parseConfigYaml } = await import("./parse-yaml-hmkaUtII.js");
	const { validateConfig } = await import("./validate-3n6IBTyS.js");
	const { data, locate } = parseConfigYaml(text, display);
	return validateConfig(data, {
		path: file,
		display,
		locate
	});
}
export { loadConfig as a, isConfigCacheEntry as i, configCachePath as n, findConfig as r, CONFIG_FILE as t };
