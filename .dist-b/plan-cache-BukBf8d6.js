import { c as readInstancesFile, d as setAside } from "./fs-GiFRpoZG.js";
import { n as sha256OrNull } from "./hash-BS0aKSWh.js";
import { r as INSTANCES_DIR, w as instanceDirName } from "./names-B3NKYqMG.js";
import { a as num, c as parseJson, d as str, i as nullable, l as record, n as bool, o as object, r as int, s as optional, t as array, u as shapeProblem } from "./shape-Cq_h9KeT.js";
import path from "node:path";
// dist/load/plan-cache.js
/**
* The saved plan of an initialized slot (`.instances/instance-N/.plan.json`, 0600: it holds env
* values). `ports`, `info`, `env` and a no-op `start` answer from it while its key still holds:
* every source and generated file hashes the same, the variables compose interpolates have the
* same values, and devslot is the same version. Checking costs a few small file reads; building
* the plan costs compose CLI calls and loading the PM2 config.
*/
const PLAN_CACHE = ".plan.json";
const strings = array(str);
const cacheShape = object({
	key: object({
		version: str,
		isRoot: bool,
		config: optional(str),
		volatile: optional(bool),
		files: record(nullable(str)),
		vars: record(nullable(str))
	}),
	plan: object({
		version: num,
		devslot: str,
		slot: int,
		name: str,
		project: str,
		namespace: str,
		root: str,
		dir: str,
		ports: record(num),
		basePorts: record(num),
		portSources: record(str),
		portTargets: record(num),
		compose: object({
			project: str,
			files: strings,
			envFiles: strings,
			profiles: strings,
			services: strings,
			shared: object({
				networks: strings,
				volumes: strings
			}),
			renamed: object({
				containers: record(str),
				networks: record(str),
				volumes: record(str)
			})
		}),
		env: record(object({
			file: str,
			localFile: str,
			apps: strings,
			values: record(str),
			explain: object({})
		})),
		apps: array(object({
			name: str,
			base: str,
			namespace: str,
			ownEnv: record(str),
			options: object({})
		})),
		health: record(object({})),
		devslotVars: record(str),
		resources: optional(record(object({
			name: str,
			kind: str
		}))),
		secrets: optional(strings),
		sources: record(str),
		files: array(object({
			path: str,
			content: str,
			mode: int
		}))
	})
});
/** Why parsed `.plan.json` content is not a saved plan of `slot`, or undefined. Pure. */
function planCacheProblem(value, slot) {
	const bad = shapeProblem(cacheShape, value);
	if (bad) return bad;
	const s = value.plan.slot;
	return s === slot ? void 0 : `plan.slot: ${s}, not ${slot}`;
}
/**
* The saved plan when its key holds now, else undefined (then the caller plans afresh). A file
* that is not a saved plan at all (`{}`, `null`, truncated, wrong types) is set aside with one line
* through `warn` (the next init or start writes a new one); without `warn` it is only ignored.
*/
function readPlanCache(root, slot, env, isRoot, version, configPath, warn) {
	const rel = path.join(INSTANCES_DIR, instanceDirName(slot), PLAN_CACHE);
	const read = readInstancesFile(root, rel);
	if (read.problem || read.text === void 0) return void 0;
	const json = parseJson(read.text);
	const problem = json.ok ? planCacheProblem(json.value, slot) : json.problem;
	if (problem) {
		if (warn) {
			const moved = setAside(path.join(root, rel), read.text);
			warn(`${rel}: ${problem}; ${"to" in moved ? `set aside as ${moved.to}` : `ignored (not set aside: ${moved.failed})`}, planning afresh`);
		}
		return;
	}
	const cache = json.value;
	const { key } = cache;
	if (key.version !== version || cache.plan.version !== 2 || key.isRoot !== isRoot || cache.plan.root !== root || key.config !== configPath || key.volatile) return void 0;
	if (!cache.plan.resources || !cache.plan.secrets) return void 0;
	for (const [name, value] of Object.entries(key.vars)) if ((env[name] ?? null) !== value) return void 0;
	for (const [rel, hash] of Object.entries(key.files)) if (sha256OrNull(path.join(root, rel)) !== hash) return void 0;
	return cache.plan;
}
/** Names a compose file interpolates (`$VAR`, `${VAR}`, `${VAR:-x}`; `$$` is a literal dollar). */
function interpolatedNames(text) {
	const names = /* @__PURE__ */ new Set();
	for (const m of text.matchAll(/\$(\$)|\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) if (!m[1] && m[2]) names.add(m[2]);
	return [...names].sort();
}
/**
* What a PM2 ecosystem file reads besides itself: relative `import`/`require` specifiers (files
* to hash) and `process.env.NAME` / `process.env['NAME']` (variables to compare). Any other use of
* `process.env` (a spread, a computed key), an import of a package or of a Node module that reads
* files or runs commands, or the clock, cannot be followed: `volatile` (the export is loaded anew).
*/
function ecosystemInputs(text) {
	const specifiers = /* @__PURE__ */ new Set();
	for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"\n]+)\1/gm)) specifiers.add(m[2]);
	const vars = /* @__PURE__ */ new Set();
	let uses = 0;
	let named = 0;
	for (const m of text.matchAll(/\bprocess\s*\.\s*env\b(?:\s*\.\s*([A-Za-z_$][\w$]*)|\s*\[\s*(['"])([^'"\n]+)\2\s*\])?/g)) {
		uses++;
		const name = m[1] ?? m[3];
		if (name) {
			named++;
			vars.add(name);
		}
	}
	let outside = false;
	const code = text.replace(/^\s*(?:import|export)\s+type\b[^;]*?from\s*(['"])[^'"\n]+\1/gm, "");
	for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])([^'"\n]+)\1/gm)) if (!m[2].startsWith(".") && !PURE_MODULES.has(m[2].replace(/^node:/, ""))) outside = true;
	if (/\b(?:Date\.now|new\s+Date|Math\.random|readFileSync|execSync|spawnSync)\b/.test(text)) outside = true;
	if (/\b(?:require|import)\s*\(\s*(?!(['"])[^'"\n]*\1\s*[,)])/.test(code)) outside = true;
	if (/\bDate\s*\(|\bcrypto\s*\.|\bperformance\s*\.\s*now\b|\bprocess\s*\.\s*(?:cwd|argv|execArgv|hrtime|uptime|pid|ppid|loadEnvFile|getBuiltinModule|binding)\b|\bprocess\s*\[|\buserInfo\s*\(/.test(code)) outside = true;
	if (/\bhomedir\s*\(/.test(code)) vars.add("HOME");
	if (/\btmpdir\s*\(/.test(code)) for (const v of [
		"TMPDIR",
		"TMP",
		"TEMP"
	]) vars.add(v);
	return {
		specifiers: [...specifiers].sort(),
		vars: [...vars].sort(),
		volatile: uses > named || outside
	};
}
/** Node modules a config may import without reading anything outside itself. */
const PURE_MODULES = /* @__PURE__ */ new Set([
	"path",
	"os",
	"url",
	"util"
]);
export { readPlanCache as i, ecosystemInputs as n, interpolatedNames as r, PLAN_CACHE as t };
