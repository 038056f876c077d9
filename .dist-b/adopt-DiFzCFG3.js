import { t as CONFIG_FILE } from "./load-CnUK0OiY.js";
import { i as detectCompose, o as resolveModel, t as composeChildEnv } from "./compose-aF0sDG8n.js";
import { l as readText } from "./fs-GiFRpoZG.js";
import { D as portEnvName, k as projectName } from "./names-B3NKYqMG.js";
import { n as planFresh, t as composeDefaultEnvFile } from "./plan-fresh-DPShJpKQ.js";
import { c as PortPlanError } from "./errors-CfnyxBL4.js";
import { n as checkPortTable, t as buildPortTable } from "./ports-B0nW58AE.js";
import { n as describePlan } from "./print-plans-aYFkpyzp.js";
import { a as printJson } from "./context-DABbsf0u.js";
import { t as runOperations } from "./run-ops-B4Cm1-wE.js";
import fs from "node:fs";
import path from "node:path";
// dist/load/adopt-scan.js
/**
* What `devslot adopt` reads of a repository that has no devslot.yaml yet: compose files, the
* files compose interpolates from, env templates per app folder, PM2 ecosystem files and
* package.json dev scripts. Read-only; deciding is plan/adopt.ts's.
*/
/** Compose's own default names, in the order `docker compose` tries them. */
const COMPOSE_DEFAULTS = [
	"compose.yaml",
	"compose.yml",
	"docker-compose.yaml",
	"docker-compose.yml"
];
const COMPOSE_OVERRIDES = [
	"compose.override.yaml",
	"compose.override.yml",
	"docker-compose.override.yaml",
	"docker-compose.override.yml"
];
/** Templates people commit instead of `.env` (`.env` itself is git-ignored in most repos). */
const ENV_TEMPLATES = [
	".env.example",
	".env.sample",
	".env.template",
	".env.dist",
	".env.defaults",
	"env.example",
	"example.env",
	".env.local.example"
];
const PM2_FILE = /^(ecosystem|pm2)\.config(\.[\w-]+)?\.(js|cjs|mjs|ts|cts|mts|json)$/;
const APP_PARENTS = [
	"apps",
	"packages",
	"services"
];
const DEV_SCRIPTS = [
	"dev",
	"start:dev",
	"develop",
	"serve"
];
function scanRepo(root, env) {
	const exists = (rel) => fs.existsSync(path.join(root, rel));
	const rootEnv = readText(path.join(root, ".env"));
	const composeFileVar = env.COMPOSE_FILE ?? (rootEnv !== void 0 ? dotenvValue(rootEnv, "COMPOSE_FILE") : void 0);
	const separator = env.COMPOSE_PATH_SEPARATOR ?? (rootEnv !== void 0 ? dotenvValue(rootEnv, "COMPOSE_PATH_SEPARATOR") : void 0) ?? (process.platform === "win32" ? ";" : ":");
	const candidates = [];
	for (const dir of [
		"",
		"docker",
		"compose",
		".devcontainer"
	]) for (const name of listFiles(path.join(root, dir))) if (/\.ya?ml$/.test(name) && /compose/i.test(name) && isComposeFile(path.join(root, dir, name))) candidates.push(path.posix.join(dir, name));
	const referenced = /* @__PURE__ */ new Set();
	for (const c of candidates) for (const r of composeReferences(root, c)) referenced.add(r);
	const apps = [];
	const folders = [""];
	for (const parent of APP_PARENTS) for (const d of listDirs(path.join(root, parent))) folders.push(path.posix.join(parent, d));
	for (const d of listDirs(root)) if (!APP_PARENTS.includes(d) && !d.startsWith(".") && d !== "node_modules" && exists(path.join(d, "package.json"))) folders.push(d);
	for (const dir of folders) {
		const pkgText = readText(path.join(root, dir, "package.json"));
		const templates = [".env", ...ENV_TEMPLATES].filter((t) => exists(path.join(dir, t))).map((t) => path.posix.join(dir, t));
		if (pkgText === void 0) {
			if (dir !== "" && templates.length) apps.push({
				dir,
				templates,
				scripts: {}
			});
			continue;
		}
		let scripts = {};
		let pkgName;
		try {
			const pkg = JSON.parse(pkgText);
			if (typeof pkg.name === "string") pkgName = pkg.name;
			for (const s of DEV_SCRIPTS) if (typeof pkg.scripts?.[s] === "string") scripts[s] = pkg.scripts[s];
		} catch {
			scripts = {};
		}
		apps.push({
			dir,
			templates,
			scripts,
			...pkgName ? { packageName: pkgName } : {},
			packageJson: true
		});
	}
	return {
		root,
		folderName: path.basename(root),
		composeFileVar: composeFileVar ? {
			value: composeFileVar,
			separator,
			from: env.COMPOSE_FILE !== void 0 ? "environment" : ".env"
		} : void 0,
		composeDefaults: [...COMPOSE_DEFAULTS, ...COMPOSE_OVERRIDES].flatMap((n) => ["", "docker"].map((d) => path.posix.join(d, n))).filter(exists),
		composeCandidates: candidates,
		composeReferenced: [...referenced],
		interpolating: [...candidates, ...composeVarFiles(composeFileVar, separator)].filter((f) => /\$\{?[A-Za-z_]/.test(readText(path.join(root, f)) ?? "")),
		envBeside: Object.fromEntries([
			"",
			"docker",
			"compose",
			".devcontainer"
		].map((d) => [d, [".env", ...ENV_TEMPLATES].filter((t) => exists(path.posix.join(d, t)))])),
		pm2Files: listFiles(root).filter((n) => PM2_FILE.test(n)).sort(),
		apps,
		turbo: exists("turbo.json")
	};
}
function composeVarFiles(value, separator) {
	return value ? value.split(separator).filter(Boolean).map((f) => path.posix.normalize(f)) : [];
}
function listFiles(dir) {
	try {
		return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
	} catch {
		return [];
	}
}
function listDirs(dir) {
	try {
		return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
	} catch {
		return [];
	}
}
/** A YAML file whose top level has `services` or `include` (a compose file, not a CI workflow). */
function isComposeFile(abs) {
	const text = readText(abs);
	return text !== void 0 && /^(services|include):/m.test(text);
}
/** Files a compose file pulls in (`include`, `extends.file`), relative to the root: they are not top-level files. */
function composeReferences(root, rel) {
	const text = readText(path.join(root, rel)) ?? "";
	const out = [];
	const dir = path.posix.dirname(rel);
	for (const m of text.matchAll(/^\s*(?:-\s+(?:path:\s*)?|file:\s*|path:\s*)["']?([\w./-]+\.ya?ml)["']?\s*$/gm)) out.push(path.posix.normalize(path.posix.join(dir, m[1])));
	return out;
}
/** One key of a dotenv text, quotes removed (enough for COMPOSE_FILE; the real parse is dotenv's). */
function dotenvValue(text, key) {
	const m = new RegExp(`^\\s*(?:export\\s+)?${key}\\s*=\\s*(.*)$`, "m").exec(text);
	if (!m) return void 0;
	const v = m[1].trim();
	return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v.replace(/\s+#.*$/, "");
}
/** The resolved compose model of a drafted config, as init would resolve it (no engine needed). */
async function resolveDraftModel(config, env) {
	if (!config.compose.files.length) return { services: {} };
	const defaultEnvFile = composeDefaultEnvFile(config);
	const cli = await detectCompose(env);
	return resolveModel(cli, {
		project: projectName(config.name, 0),
		files: config.compose.files,
		envFiles: config.compose.envFiles.length ? config.compose.envFiles : defaultEnvFile ? [defaultEnvFile] : [],
		profiles: config.compose.profiles,
		cwd: config.root,
		env: composeChildEnv(env)
	});
}
/** The draft's text → Config, as `loadConfig` would validate it from `<root>/devslot.yaml`. */
async function validateDraft(text, root) {
	const { parseConfigYaml } = await import("./parse-yaml-hmkaUtII.js");
	const { validateConfig } = await import("./validate-3n6IBTyS.js");
	const file = path.join(root, CONFIG_FILE);
	const { data, locate } = parseConfigYaml(text, CONFIG_FILE);
	return validateConfig(data, {
		path: file,
		display: CONFIG_FILE,
		locate
	});
}
// dist/plan/adopt.js
const ADOPT_DEFAULTS = {
	stride: 100,
	slots: 10
};
/** A compose project name from a folder name: lowercase, `[a-z0-9_-]`, starting with a letter or digit. */
function projectNameFrom(folder) {
	return folder.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/-+/g, "-").replace(/^[-_]+|[-_]+$/g, "") || "app";
}
const envKeyFrom = (s) => s.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "").replace(/\.local$/, "-local") || "app";
function draftConfig(facts) {
	const found = [];
	const undecided = [];
	const name = projectNameFrom(facts.folderName);
	const composeFiles = chooseCompose(facts, found, undecided);
	const composeEnvFiles = [];
	if (composeFiles.length) {
		const dir = posixDir(composeFiles[0]);
		const beside = facts.envBeside[dir] ?? [];
		const interpolates = composeFiles.some((f) => facts.interpolating.includes(f));
		const template = beside.find((t) => t !== ".env");
		if (beside.includes(".env")) {
			if (interpolates) found.push(`${join(dir, ".env")}: compose reads it for interpolation (devslot passes it on)`);
		} else if (interpolates && template) {
			composeEnvFiles.push(join(dir, template));
			found.push(`${join(dir, template)}: compose interpolates variables and there is no ${join(dir, ".env")}, so it is compose.envFiles`);
			undecided.push(`compose.envFiles uses the template ${join(dir, template)}; if people keep their own ${join(dir, ".env")}, list that instead`);
		} else if (interpolates) undecided.push(`${composeFiles.join(", ")} interpolate variables and no .env or template was found beside them; set them in the environment or list a file under compose.envFiles`);
	}
	const env = {};
	const ports = {};
	for (const app of facts.apps) {
		if (!app.templates.length && !Object.keys(app.scripts).length) continue;
		if (app.dir === "" && !app.packageJson) continue;
		let key = envKeyFrom(app.dir === "" ? name : app.dir.split("/").pop());
		if (env[key] || ports[key]) key = envKeyFrom(app.dir.replace(/\//g, "-"));
		const where = app.dir || ".";
		if (app.templates.length) {
			const dotenv = join(app.dir, ".env");
			const template = app.templates.find((t) => t !== dotenv);
			const from = template ? [dotenv, template] : [dotenv];
			env[key] = {
				from,
				why: `env template of ${where}`
			};
			found.push(`${from.filter((f) => app.templates.includes(f)).join(", ")}: env template of ${where} → env.${key}`);
		}
		for (const [script, command] of Object.entries(app.scripts)) {
			const port = portIn(command);
			if (port !== void 0 && !ports[key]) {
				ports[key] = {
					port,
					why: `${join(app.dir, "package.json")} script ${script}: ${command}`
				};
				found.push(`${join(app.dir, "package.json")} script \`${script}\` listens on ${port} → ports.${key}`);
			} else if (port === void 0) {
				const guess = DEFAULT_PORTS.find(([re]) => re.test(command));
				undecided.push(`${join(app.dir, "package.json")} script \`${script}\` (${command}) names no port; add it under ports: as ${key}${guess ? ` (${guess[2]}'s default is ${guess[1]})` : ""} and pass {{ports.${key}}} to it`);
			}
		}
		if (env[key] && facts.pm2Files.length) undecided.push(`env.${key}.apps: list the PM2 apps that read ${where}'s environment`);
	}
	let pm2;
	if (facts.pm2Files.length) {
		const dev = facts.pm2Files.find((f) => /dev|local/i.test(f)) ?? facts.pm2Files.find((f) => !/prod|qa|stag/i.test(f)) ?? facts.pm2Files[0];
		pm2 = {
			config: dev,
			why: "the PM2 ecosystem file"
		};
		found.push(`${dev}: PM2 ecosystem file → pm2.config (its apps become <app>-N in each slot)`);
		const others = facts.pm2Files.filter((f) => f !== dev);
		if (others.length) undecided.push(`also found ${others.join(", ")}; pm2.config takes one file`);
	}
	if (!composeFiles.length && !pm2 && !Object.keys(ports).length) undecided.push("found no compose file, PM2 ecosystem file or dev script with a port: devslot.yaml has only a name; add compose.files or ports");
	return {
		name,
		stride: ADOPT_DEFAULTS.stride,
		slots: ADOPT_DEFAULTS.slots,
		composeFiles,
		composeEnvFiles,
		ports,
		env,
		...pm2 ? { pm2 } : {},
		found,
		undecided
	};
}
const DEFAULT_PORTS = [
	[
		/\bvite\b/,
		5173,
		"vite"
	],
	[
		/\bnext\b/,
		3e3,
		"next dev"
	],
	[
		/\bnuxt\b/,
		3e3,
		"nuxt"
	],
	[
		/\bastro\b/,
		4321,
		"astro"
	],
	[
		/\bng serve\b/,
		4200,
		"ng serve"
	]
];
/** An explicit port in a dev command: `--port 5173`, `--port=5173`, `-p 3000`, `PORT=3000`. */
function portIn(command) {
	const m = /(?:--port[= ]|(?:^|\s)-p\s+|\bPORT=)(\d{2,5})\b/.exec(command);
	const n = m ? Number(m[1]) : NaN;
	return n >= 1 && n <= 65535 ? n : void 0;
}
function chooseCompose(facts, found, undecided) {
	let files;
	if (facts.composeFileVar) {
		files = facts.composeFileVar.value.split(facts.composeFileVar.separator).filter(Boolean);
		found.push(`COMPOSE_FILE (${facts.composeFileVar.from}): ${files.join(", ")} → compose.files`);
	} else {
		files = [];
		for (const dir of ["", "docker"]) {
			const inDir = facts.composeDefaults.filter((f) => posixDir(f) === dir);
			const base = inDir.find((f) => !/override/.test(f));
			if (!base) continue;
			files = [base, ...inDir.filter((f) => /override/.test(f))];
			found.push(`${files.join(", ")}: compose's default file${files.length > 1 ? "s" : ""} → compose.files`);
			break;
		}
		if (!files.length) {
			const top = facts.composeCandidates.filter((c) => !facts.composeReferenced.includes(c));
			const pick = top.find((c) => /dev|local/i.test(c) && !/prod/i.test(c)) ?? top.find((c) => !/prod/i.test(c)) ?? top[0];
			if (pick) {
				files = [pick];
				found.push(`${pick}: the compose file${top.length > 1 ? " that looks meant for development" : ""} → compose.files`);
			}
		}
	}
	const others = facts.composeCandidates.filter((c) => !files.includes(c) && !facts.composeReferenced.includes(c));
	if (others.length) undecided.push(`also found ${others.join(", ")}; add any that belong to the dev stack to compose.files (in -f order)`);
	return files;
}
/**
* The stride for `slots` slots: the default when its ports fit, else the first that does
* (round numbers first, then steps of 10, then of 1), or the default's own error when none does
* (a port used twice within a slot, a privileged port: no stride fixes those).
*/
function chooseStride(table, slots, privilegedOk) {
	const first = tryStride(table, ADOPT_DEFAULTS.stride, slots, privilegedOk);
	if (!first) return { stride: ADOPT_DEFAULTS.stride };
	const candidates = [
		200,
		250,
		500,
		1e3
	];
	for (let s = 110; s <= 2e3; s += 10) candidates.push(s);
	for (let s = 101; s <= 2e3; s++) candidates.push(s);
	for (const s of candidates) if (!tryStride(table, s, slots, privilegedOk)) return {
		stride: s,
		collision: first.message
	};
	throw first;
}
function tryStride(table, stride, slots, privilegedOk) {
	try {
		checkPortTable(table, {
			stride,
			slots,
			privilegedOk
		});
		return;
	} catch (e) {
		if (e instanceof PortPlanError) return e;
		throw e;
	}
}
/**
* The port names, one line per service: its first name with DEVSLOT_PORT_<NAME> and base, then
* its other ports' names (a long range cut short), so a person learns the names without `info`.
*/
function portNameLines(named, envName) {
	const groups = /* @__PURE__ */ new Map();
	for (const p of named) {
		const owner = p.source.kind === "compose" ? `service ${p.source.service}` : `ports.${p.name}`;
		groups.set(owner, [...groups.get(owner) ?? [], p]);
	}
	return [...groups].map(([owner, ps]) => {
		const [first, ...rest] = ps;
		const others = rest.filter((p) => p.base !== first.base || p.source.kind !== "compose" || first.source.kind !== "compose" || p.source.target !== first.source.target);
		const shown = others.slice(0, 3).map((p) => `${p.name}=${p.base}`);
		const more = others.length > 3 ? ` … ${others.length - 3} more` : "";
		return `${owner}: DEVSLOT_PORT_${envName(first.name)}=${first.base}${shown.length ? `; also ${shown.join(", ")}${more}` : ""}`;
	});
}
/** devslot.yaml as text: every choice commented with where it came from. */
function renderConfig(d, o) {
	const q = (s) => JSON.stringify(s);
	const list = (xs) => `[${xs.map(q).join(", ")}]`;
	const out = [
		"# Written by `devslot adopt`: each choice says where it came from; the schema below describes every key.",
		`# yaml-language-server: $schema=${o.schema}`,
		`name: ${d.name}                # compose project ${d.name}-dev-N, PM2 namespace ${d.name}-dev-N`
	];
	if (o.strideWhy) out.push(`# stride ${ADOPT_DEFAULTS.stride} would collide: ${o.strideWhy}`);
	out.push(`stride: ${d.stride}                # slot N gets every port at base + N × stride`);
	out.push(`slots: ${d.slots}                  # valid slots: 0..${d.slots - 1}; the collision check covers all of them`);
	if (d.composeFiles.length) {
		out.push("compose:");
		out.push(`  files: ${list(d.composeFiles)}`);
		if (d.composeEnvFiles.length) out.push(`  envFiles: ${list(d.composeEnvFiles)}   # compose --env-file, before the slot's compose.env`);
		if (o.composePorts?.length) {
			out.push(`  # ports compose publishes; each slot shifts them and sets DEVSLOT_PORT_<NAME> (env files, compose interpolation):`);
			for (const line of o.composePorts) out.push(`  #   ${line}`);
		}
	}
	const ports = Object.entries(d.ports);
	if (ports.length) {
		out.push("ports:                    # base ports compose does not publish (dev servers, PM2 apps)");
		for (const [k, p] of ports) out.push(`  ${k}: ${p.port}   # ${p.why.replace(/\n/g, " ")}`);
	}
	const env = Object.entries(d.env);
	if (env.length) {
		out.push("env:                      # one file per entry: .instances/instance-N/<key>.env, ports rewritten for the slot");
		for (const [k, e] of env) {
			out.push(`  ${k}:`);
			out.push(`    from: ${list(e.from)}   # the first that exists`);
			out.push("    apps: []              # the PM2 apps that get this environment");
		}
	}
	if (d.pm2) {
		out.push("pm2:");
		out.push(`  config: ${q(d.pm2.config)}`);
	}
	return `${out.join("\n")}\n`;
}
const posixDir = (f) => {
	const i = f.lastIndexOf("/");
	return i < 0 ? "" : f.slice(0, i);
};
const join = (dir, f) => dir ? `${dir}/${f}` : f;
// dist/commands/runner-hint.js
/**
* "next: …" hints in the words of the runner devslot was started from: the snippets `devslot
* integrate` writes set DEVSLOT_RUNNER (just, task, mise and make set nothing a child could read);
* npm, pnpm, yarn and bun set npm_lifecycle_event and npm_config_user_agent themselves.
*/
function runnerHint(env, args) {
	const words = args.map(shellWord).join(" ");
	switch (env.DEVSLOT_RUNNER) {
		case "just": return `just dev ${words}`;
		case "task": return `task dev -- ${words}`;
		case "mise": return `mise run dev ${args.some((w) => w === "--" || w === "--help" || w === "-h") ? "-- " : ""}${words}`;
		case "make": {
			const [first, ...rest] = args;
			const slot = first !== void 0 && /^\d+$/.test(first) ? first : void 0;
			const tail = slot === void 0 ? args : rest;
			const inner = tail.map((w) => /^[\w@%+=:,./-]+$/.test(w) ? w : `"${w.replace(/["\\$`]/g, "\\$&")}"`).join(" ");
			return `make dev${slot !== void 0 ? ` SLOT=${slot}` : ""}${tail.length ? ` ARGS=${shellWord(inner)}` : ""}`;
		}
	}
	const script = env.npm_lifecycle_event;
	if (script) {
		const agent = (env.npm_config_user_agent ?? "npm").split("/")[0];
		if (agent === "pnpm" || agent === "yarn" || agent === "bun") return `${agent} run ${script} ${words}`;
		return `npm run ${script} -- ${words}`;
	}
	return `devslot ${words}`;
}
/** A word as a POSIX shell reads it back: bare when safe, else single-quoted. */
function shellWord(w) {
	return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}
// dist/commands/adopt.js
/** Where an installed devslot's schema is, relative to a devslot.yaml at the project root. */
const SCHEMA_MODELINE_PATH = "./node_modules/devslot/scripts/config/devslot.schema.json";
/**
* `devslot adopt` (DESIGN §14): scan the repository in the current folder, draft devslot.yaml,
* resolve compose and run the planner on the draft (a collision picks the stride that avoids it),
* then create the file. Never overwrites: an existing devslot.yaml is left as it is.
*/
async function adoptCommand(ctx) {
	const root = ctx.cwd;
	const target = path.join(root, CONFIG_FILE);
	if (fs.existsSync(target)) {
		ctx.io.err(`devslot: ${CONFIG_FILE} already exists here; adopt never overwrites it (left as it is). Check it with: devslot check\n`);
		if (ctx.options.json) printJson(ctx, {
			written: false,
			reason: "exists",
			file: CONFIG_FILE
		});
		return;
	}
	const draft = draftConfig(scanRepo(root, ctx.env));
	let config = await validateDraft(renderConfig(draft, { schema: SCHEMA_MODELINE_PATH }), root);
	const model = await resolveDraftModel(config, ctx.env);
	const table = buildPortTable(config.ports, model);
	const { stride, collision } = chooseStride(table, draft.slots, ctx.isRoot);
	draft.stride = stride;
	const composePorts = portNameLines(table.named.filter((p) => p.source.kind === "compose"), portEnvName);
	const text = renderConfig(draft, {
		schema: SCHEMA_MODELINE_PATH,
		...collision ? { strideWhy: collision } : {},
		composePorts
	});
	config = await validateDraft(text, root);
	for (const slot of /* @__PURE__ */ new Set([0, config.slots - 1])) await planFresh(config, slot, {
		env: ctx.env,
		isRoot: ctx.isRoot
	});
	const ops = [{
		slot: 0,
		kind: "write-project-file",
		root,
		path: CONFIG_FILE,
		before: null,
		content: text,
		cause: "adopt: the drafted config, planned for every slot without a collision"
	}];
	const portNames = table.named.map((p) => ({
		name: p.name,
		base: p.base,
		env: `DEVSLOT_PORT_${portEnvName(p.name)}`
	}));
	if (ctx.options.json) {
		if (!ctx.options.dryRun) await runOperations(ctx, ops);
		printJson(ctx, {
			written: !ctx.options.dryRun,
			file: CONFIG_FILE,
			content: text,
			stride,
			collision: collision ?? null,
			found: draft.found,
			undecided: draft.undecided,
			ports: portNames
		});
		return;
	}
	if (ctx.options.dryRun) ctx.io.out(`${describePlan(ops, {
		showSecrets: false,
		values: false
	}).join("\n")}\n--- ${CONFIG_FILE}\n${text}`);
	else await runOperations(ctx, ops);
	if (ctx.options.quiet) return;
	const lines = [];
	lines.push(ctx.options.dryRun ? `would write ${CONFIG_FILE} (--dry-run: nothing written)` : `wrote ${CONFIG_FILE}`);
	if (draft.found.length) lines.push("found:", ...draft.found.map((f) => `  ${f}`));
	if (collision) lines.push(`stride: ${stride}, because stride 100 would collide: ${collision}`);
	if (portNames.length) {
		lines.push(`ports (slot N adds N × ${stride}; each is DEVSLOT_PORT_<NAME> in env files and compose interpolation):`);
		for (const l of portNameLines(table.named, portEnvName)) lines.push(`  ${l}`);
	}
	if (draft.undecided.length) lines.push("could not decide (edit devslot.yaml):", ...draft.undecided.map((u) => `  ${u}`));
	lines.push(`next: ${runnerHint(ctx.env, ["0", "init"])}   then ${runnerHint(ctx.env, ["1"])} to start slot 1`);
	ctx.io.out(`${lines.join("\n")}\n`);
}
export { adoptCommand };
