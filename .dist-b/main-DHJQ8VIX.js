import { f as UsageError, i as DevslotError, n as ChildExitError, p as exitCodeOf, s as InterruptedError } from "./errors-CfnyxBL4.js";
import { t as devslotVersion } from "./version-0C7iIfkQ.js";
import { n as ENV_FORMATS, r as defaultOptions, t as ACTIONS } from "./context-73x8uNHD.js";
import { t as closest } from "./suggest-C3xJugRN.js";
import { a as isSlotToken, i as parseCopy, o as parseSlot, r as copyWordOf } from "./copy-args-Cjw2NDmt.js";
import { a as OPTION_FLAGS, i as LEASING, n as ACTION_SPEC, o as allowedOptions, r as ALIASES, t as ACTING } from "./actions-P6PuGGx9.js";
import { c as parseTool, d as toolOf, s as expandWords } from "./tools-_UcAhgWR.js";
import { n as isInfraArgv, r as parseInfra } from "./infra-args-CyNN3IWW.js";
import { a as loadConfig } from "./load-CnUK0OiY.js";
// dist/cli/args.js
/** Actions whose words after `--` are a command to run, not devslot's. */
const TAKES_COMMAND = /* @__PURE__ */ new Set(["exec", "shell"]);
const FLAG_TO_OPTION = new Map(Object.entries(OPTION_FLAGS).map(([name, spec]) => [spec.flag, name]));
FLAG_TO_OPTION.set("-y", "yes");
FLAG_TO_OPTION.set("-q", "quiet");
FLAG_TO_OPTION.set("--follow", "follow");
/** Looks like a number someone meant as a slot: -1, 1.5, 1e3, +2. */
const NUMBERISH = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
/**
* DESIGN §2 grammar: `[SLOT] [ACTION]` or `[ACTION] [SLOT|all]`, options anywhere.
* Pure: argv and the environment are parameters.
*/
function parseArgs(words, env) {
	const argv = expandWords(words);
	const tool = toolOf(argv);
	if (tool) return parseTool(tool, argv);
	const copy = copyWordOf(argv);
	if (copy) return parseCopy(copy, argv);
	if (isInfraArgv(argv)) return parseInfra(argv);
	const positionals = [];
	const seen = /* @__PURE__ */ new Map();
	const opts = defaultOptions(120);
	let help = false;
	let version = false;
	/** Words after `--`; whose they are depends on the action (below). */
	let afterDashes;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === "--") {
			afterDashes = argv.slice(i + 1);
			break;
		}
		if (arg === "--help" || arg === "-h" || arg === "help") {
			help = true;
			continue;
		}
		if (arg === "--version" || arg === "-V") {
			version = true;
			continue;
		}
		if (!arg.startsWith("-") || arg === "-" || NUMBERISH.test(arg)) {
			if (positionals.some((p) => TAKES_COMMAND.has(p)) && !(isSlotToken(arg) && !positionals.some(isSlotToken))) {
				opts.command = argv.slice(i);
				break;
			}
			positionals.push(arg);
			continue;
		}
		const eq = arg.indexOf("=");
		const flag = eq > 0 ? arg.slice(0, eq) : arg;
		const name = FLAG_TO_OPTION.get(flag);
		if (!name) {
			const near = closest(flag, [...FLAG_TO_OPTION.keys()].filter((f) => f.startsWith("--")));
			throw new UsageError(`unknown option ${flag}${near ? ` (did you mean ${near}?)` : ""}; see devslot --help`);
		}
		const spec = OPTION_FLAGS[name];
		let value;
		if (spec.value) {
			value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
			if (value === void 0 || eq < 0 && value.startsWith("--")) throw new UsageError(`${spec.flag} needs a value: ${spec.flag} ${spec.value}`);
		} else if (eq > 0) throw new UsageError(`${flag} takes no value`);
		seen.set(name, flag);
		applyOption(opts, name, flag, value);
	}
	if (version && !help) return { kind: "version" };
	const named = positionals.map((p) => ACTIONS.includes(p) ? p : ALIASES[p]).filter((a) => a !== void 0);
	if (afterDashes && named.length === 1 && TAKES_COMMAND.has(named[0])) opts.command = afterDashes;
	else if (afterDashes) positionals.push(...afterDashes);
	let action;
	let target;
	for (const p of positionals) {
		const act = ACTIONS.includes(p) ? p : ALIASES[p];
		if (act) {
			if (action && TAKES_COMMAND.has(action)) throw commandHint(action);
			if (action) throw new UsageError(`two actions given (${action} and ${p}); give one`);
			action = act;
		} else if (p === "all") {
			if (target) throw new UsageError("two slots given; give one slot, or all");
			target = { kind: "all" };
		} else if (isSlotToken(p)) {
			if (target) throw new UsageError("two slots given; give one slot, or all");
			target = {
				kind: "slot",
				slot: parseSlot(p),
				source: "argument"
			};
		} else if (NUMBERISH.test(p) || p === "") parseSlot(p);
		else {
			if (action && TAKES_COMMAND.has(action)) throw commandHint(action);
			const near = closest(p, [...ACTIONS, ...Object.keys(ALIASES)]);
			throw new UsageError(`unknown action ${JSON.stringify(p)}${near ? ` (did you mean ${near}?)` : ""}; actions: ${ACTIONS.join(", ")}; a slot is a number like 2`);
		}
	}
	if (help) return {
		kind: "help",
		action
	};
	action ??= "start";
	const spec = ACTION_SPEC[action];
	for (const [name, flag] of seen) {
		if (name !== "follow" && !allowedOptions(action).includes(name)) throw new UsageError(`${flag} does not apply to ${action}; see devslot ${action} --help`);
		if (name === "follow" && action !== "logs") throw new UsageError(`${flag} applies only to logs`);
	}
	if (target?.kind === "all" && !spec.all) throw new UsageError(`${action} takes one slot, not all; \`all\` works with ${ACTIONS.filter((a) => ACTION_SPEC[a].all && ACTION_SPEC[a].slot).join(", ")}`);
	if (action === "ls" || action === "prune") {
		if (target?.kind === "slot") throw new UsageError(`${action} covers every slot and takes no slot number`);
		target = { kind: "all" };
	}
	if (action === "exec" && !opts.command.length) throw new UsageError("exec needs a command after --: devslot N exec [--app NAME] -- CMD ARGS…");
	if (opts.format && (opts.explain || opts.json)) throw new UsageError(`--format prints the values only; drop ${opts.explain ? "--explain" : "--json"}`);
	if (action === "release" && target) throw new UsageError("release acts on the slot leased to this worktree and takes no slot number");
	if (!target) {
		const fromEnv = env.DEVSLOT_SLOT;
		target = fromEnv !== void 0 && fromEnv !== "" ? {
			kind: "slot",
			slot: parseSlot(fromEnv, "DEVSLOT_SLOT"),
			source: "DEVSLOT_SLOT"
		} : {
			kind: "slot",
			slot: 0,
			source: "default"
		};
	}
	return {
		kind: "run",
		action,
		target,
		options: opts
	};
}
function commandHint(action) {
	return new UsageError(`${action} runs the command given after --: devslot N ${action}${action === "exec" ? " [--app NAME] -- CMD ARGS…" : " [-- ARGS…]"}`);
}
function applyOption(opts, name, flag, value) {
	switch (name) {
		case "json":
			opts.json = true;
			break;
		case "dryRun":
			opts.dryRun = true;
			break;
		case "yes":
			opts.yes = true;
			break;
		case "quiet":
			opts.quiet = true;
			break;
		case "explain":
			opts.explain = true;
			break;
		case "showSecrets":
			opts.showSecrets = true;
			break;
		case "force":
			opts.force = true;
			break;
		case "strict":
			opts.strict = true;
			break;
		case "skipHooks":
			opts.skipHooks = true;
			break;
		case "follow":
			opts.follow = flag === "--follow";
			break;
		case "config":
			opts.config = value;
			break;
		case "app":
			opts.app = value;
			break;
		case "format":
			if (!ENV_FORMATS.includes(value)) throw new UsageError(`--format ${JSON.stringify(value)}: give one of ${ENV_FORMATS.join(", ")}`);
			opts.format = value;
			break;
		case "service":
			opts.service.push(value);
			break;
		case "timeout": {
			const n = Number(value);
			if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) throw new UsageError(`--timeout ${JSON.stringify(value)}: give the health wait in seconds, a number above 0 (default 120)`);
			opts.timeout = n;
			break;
		}
		case "lines":
			if (!/^\d+$/.test(value)) throw new UsageError(`--lines ${JSON.stringify(value)}: give a whole number 0 or above`);
			opts.lines = Number(value);
	}
}
// dist/cli/dispatch.js
/**
* One entry per action, so a new action does not compile until it is handled here. Each imports
* its command only when it runs: `ports` must not pay for dockerode, pm2 or jiti.
*/
const HANDLERS = {
	init: async (ctx, p) => (await import("./init-BzWEWYS1.js")).initCommand(ctx, slotOf(p)),
	info: async (ctx, p) => (await import("./info-BlXQUbnY.js")).infoCommand(ctx, slotOf(p)),
	ports: async (ctx, p) => (await import("./ports-Dhtdkx_O.js")).portsCommand(ctx, slotOf(p)),
	env: async (ctx, p) => (await import("./env-Dv_8D1Dv.js")).envCommand(ctx, slotOf(p)),
	exec: async (ctx, p) => (await import("./exec-CXnDO2tC.js")).execCommand(ctx, slotOf(p)),
	shell: async (ctx, p) => (await import("./exec-CXnDO2tC.js")).shellCommand(ctx, slotOf(p)),
	start: async (ctx, p) => (await import("./start-lgZvqgvs.js")).startCommand(ctx, slotOf(p)),
	stop: async (ctx, p) => (await import("./stop-BhW-5O2g.js")).stopCommand(ctx, p.target),
	clean: async (ctx, p, deps) => (await import("./clean-CqSRZkE_.js")).cleanCommand(ctx, p.target, deps.confirm),
	restart: async (ctx, p) => (await import("./restart-Btbm92_3.js")).restartCommand(ctx, p.target),
	status: async (ctx, p) => (await import("./status-DVGQC6ja.js")).statusCommand(ctx, p.target),
	ls: async (ctx) => (await import("./ls-DaS8hrSI.js")).lsCommand(ctx),
	logs: async (ctx, p) => (await import("./logs-C5N7xuMd.js")).logsCommand(ctx, p.target),
	release: async (ctx) => (await import("./release-oBkrfSwd.js")).releaseCommand(ctx),
	prune: async (ctx) => (await import("./prune-Bb1jIc-q.js")).pruneCommand(ctx),
	check: async (ctx, p) => (await import("./check-rAQmYd-j.js")).checkCommand(ctx, p.target)
};
function slotOf(p) {
	if (p.target.kind !== "slot") throw new Error(`${p.action} needs one slot`);
	return p.target.slot;
}
/** The grammar's result → one command, with the config loaded once for it. */
async function dispatch(parsed, deps) {
	const config = await loadConfig(deps.cwd, parsed.options.config);
	const ctx = {
		io: deps.io,
		signal: deps.signal,
		cwd: deps.cwd,
		env: deps.env,
		isRoot: deps.isRoot,
		options: parsed.options,
		config,
		...deps.trace ? { trace: deps.trace } : {}
	};
	await (await import("./copy-recover-BfNfGmYO.js")).recoverInterruptedCopies(ctx);
	let target = parsed.target;
	if (target.kind === "slot") {
		const { resolveSlot } = await import("./target-ByyXQCxj.js");
		target = await resolveSlot(ctx, parsed.action, target, {
			slot: ACTION_SPEC[parsed.action].slot,
			acting: ACTING.has(parsed.action),
			leasing: LEASING.has(parsed.action)
		}, deps.now ?? (() => /* @__PURE__ */ new Date()));
	}
	const { onSlotEngine } = await import("./context-TmnrKEZk.js");
	await HANDLERS[parsed.action](target.kind === "slot" ? onSlotEngine(ctx, target.slot) : ctx, {
		...parsed,
		target
	}, deps);
}
// dist/cli/main.js
/**
* argv → exit code (DESIGN §2's, or the code of the child `exec` ran). The only place an error
* becomes an exit code; it never calls process.exit.
*/
async function main(argv, deps) {
	let parsed;
	try {
		parsed = parseArgs(argv, deps.env);
		if (parsed.kind === "version") {
			deps.io.out(`${devslotVersion()}\n`);
			return 0;
		}
		if (parsed.kind === "help" && "copy" in parsed) {
			deps.io.out(`${(await import("./copy-args-CqHn8mun.js")).COPY_USAGE.map((u) => `usage: ${u}`).join("\n")}\n\n  copy a slot's volumes into another slot, or to and from a named snapshot kept by the engine (labelled as devslot's), with GNU tar in a helper container (copy.image in devslot.yaml, or DEVSLOT_COPY_IMAGE; default debian:bookworm-slim). The source is paused for one instant and always unpaused (--stop: stopped and started again); --only SERVICE limits the copy to the volumes those services mount; the target must be stopped, and clone --force replaces its volumes. --timeout SECONDS bounds the copy (default 600).\n`);
			return 0;
		}
		if (parsed.kind === "help" && "infra" in parsed) {
			deps.io.out(`usage: ${(await import("./infra-args-BnSRoImC.js")).INFRA_USAGE}\n\n  the services every slot shares (shared.services in devslot.yaml), run once as <name>-infra: status shows them and the slots that use them; stop stops them and clean removes them with their volumes (every slot's databases: asks, or --yes), each only when no slot of any checkout uses them.\n`);
			return 0;
		}
		if (parsed.kind === "help") {
			deps.io.out(parsed.tool ? (await import("./tools-D8_aTsCn.js")).toolHelp(parsed.tool) : (await import("./help-D2rNWmXn.js")).helpText(parsed.action));
			return 0;
		}
		if (parsed.kind === "copy") {
			await (await import("./dispatch-copy-D-aLqgSJ.js")).dispatchCopy(parsed, deps);
			return 0;
		}
		if (parsed.kind === "infra") {
			const { loadConfig } = await import("./load-BKPIUCzj.js");
			const config = await loadConfig(deps.cwd, parsed.options.config);
			await (await import("./infra-DGYo1umC.js")).infraCommand({
				io: deps.io,
				signal: deps.signal,
				cwd: deps.cwd,
				env: deps.env,
				isRoot: deps.isRoot,
				options: parsed.options,
				config
			}, parsed.what, deps.confirm);
			return 0;
		}
		if (parsed.kind === "tool") {
			await (await import("./dispatch-tools-mwOtKIUt.js")).dispatchTool(parsed, deps);
			return 0;
		}
		await dispatch(parsed, deps);
		return 0;
	} catch (err) {
		reportError(deps.io, err, (parsed?.kind === "run" || parsed?.kind === "copy" || parsed?.kind === "infra") && parsed.options.json);
		if (err instanceof InterruptedError && deps.signal.aborted && deps.signal.reason === "SIGTERM") return 143;
		return exitCodeOf(err);
	}
}
function reportError(io, err, json) {
	if (err instanceof ChildExitError) return;
	if (err instanceof DevslotError) {
		if (json) io.out(`${JSON.stringify({ error: {
			kind: err.kind,
			message: err.message,
			exitCode: err.exitCode
		} })}\n`);
		io.err(`devslot: ${err.message}\n`);
		return;
	}
	const e = err instanceof Error ? err : new Error(String(err));
	io.err(`devslot: internal error: ${e.message}. This is a bug in devslot; please report it with the command you ran and this trace:\n${e.stack ?? ""}\n`);
}
export { main };
