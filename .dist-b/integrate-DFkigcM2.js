import { f as UsageError } from "./errors-CfnyxBL4.js";
import { n as describePlan } from "./print-plans-aYFkpyzp.js";
import { t as runOperations } from "./run-ops-B4Cm1-wE.js";
import fs from "node:fs";
import path from "node:path";
// dist/plan/integrate.js
const RUNNER_FILE = {
	just: "justfile",
	npm: "package.json",
	task: "Taskfile.yml",
	mise: "mise.toml",
	make: "Makefile"
};
const BIN = "node_modules/.bin/devslot";
const BEGIN = (r) => `# >>> devslot: written by \`devslot integrate ${r}\`; a second run replaces only this block >>>`;
const END = "# <<< devslot <<<";
/** The block for each runner (npm has no comments: its `dev` script is the whole of it). */
function snippet(r) {
	switch (r) {
		case "just": return [
			BEGIN(r),
			"# `just dev 2`, `just dev 1 logs`: each argument reaches devslot as its own word, unsplit.",
			"[positional-arguments]",
			"[no-exit-message]",
			"dev *args:",
			`    @DEVSLOT_RUNNER=just {{quote(justfile_directory() / "${BIN}")}} "$@"`,
			END
		].join("\n");
		case "make": return [
			BEGIN(r),
			"# `make dev SLOT=2 ARGS='logs --json'`: devslot splits ARGS as a shell would (quotes kept), expanding nothing.",
			".PHONY: dev",
			"dev:",
			`\t@DEVSLOT_RUNNER=make ./${BIN} __words '$(subst ','\\'',$(value SLOT))' '$(subst ','\\'',$(value ARGS))'`,
			END
		].join("\n");
		case "task": return [
			"  " + BEGIN(r),
			"  # `task dev -- 2 logs`: Task quotes each word after -- in {{.CLI_ARGS}}, so each reaches devslot unsplit.",
			"  dev:",
			"    cmds:",
			`      - DEVSLOT_RUNNER=task ./${BIN} {{.CLI_ARGS}}`,
			"    interactive: true",
			"  " + END
		].join("\n");
		case "mise": return [
			BEGIN(r),
			"# `mise run dev 2 logs`: mise appends the words, quoted, to run. It keeps the first `--` and `--help` for itself:",
			"# start with `mise run dev -- …` when devslot's words hold them.",
			"[tasks.dev]",
			`run = "${BIN}"`,
			"env = { DEVSLOT_RUNNER = \"mise\" }",
			"raw = true",
			"quiet = true",
			END
		].join("\n");
		case "npm": return "devslot";
	}
}
/** The file's next text with the block in place of the old one (or appended), or why it is left alone. */
function integrate(r, current) {
	if (r === "npm") return integrateNpm(current);
	const block = snippet(r);
	const text = current ?? (r === "task" ? "version: '3'\n\ntasks:\n" : "");
	const begin = text.indexOf(BEGIN(r).trimStart().slice(0, 14));
	if (begin >= 0) {
		const lineStart = text.lastIndexOf("\n", begin) + 1;
		const endAt = text.indexOf(END, begin);
		if (endAt < 0) return { refused: `${RUNNER_FILE[r]} has devslot's start marker but not its end marker (${END}); restore it or remove the block, then run again` };
		const next = text.slice(0, lineStart) + block + text.slice(endAt + 17);
		return {
			next,
			changed: next !== text
		};
	}
	if ((r === "just" ? /^@?dev(\s[^:=]*)?:(?!=)/m : r === "make" ? /^dev\s*:(?!=)/m : r === "task" ? /^ {2}dev:/m : /^\[tasks\.dev\]/m).test(text)) return { refused: `${RUNNER_FILE[r]} already has a dev ${r === "mise" ? "task" : r === "task" ? "task" : "recipe"}; rename or remove it, then run again (devslot never replaces what you wrote)` };
	if (r === "task") {
		const m = /^tasks:[ \t]*\n/m.exec(text);
		if (!m) return { refused: `${RUNNER_FILE[r]} has no top-level \`tasks:\` map to add the dev task to` };
		const at = m.index + m[0].length;
		return {
			next: `${text.slice(0, at)}${block}\n${text.slice(at)}`,
			changed: true
		};
	}
	return {
		next: `${text}${text === "" ? "" : text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n"}${block}\n`,
		changed: true
	};
}
function integrateNpm(current) {
	if (current === void 0) return { refused: "no package.json here; run `npm init` first (devslot is installed as a dev dependency)" };
	let pkg;
	try {
		pkg = JSON.parse(current);
	} catch {
		return { refused: "package.json is not valid JSON; fix it, then run again" };
	}
	const dev = pkg.scripts?.dev;
	if (dev === "devslot") return {
		next: current,
		changed: false
	};
	if (dev !== void 0) return { refused: `package.json already has a dev script (${JSON.stringify(dev)}); add "devslot": "devslot" under scripts instead, and run \`npm run devslot -- 2\`` };
	const indent = /^[ \t]+(?=")/m.exec(current)?.[0] ?? "  ";
	const next = {
		...pkg,
		scripts: {
			...pkg.scripts ?? {},
			dev: "devslot"
		}
	};
	return {
		next: `${JSON.stringify(next, null, indent)}${current.endsWith("\n") ? "\n" : ""}`,
		changed: true
	};
}
/** What to say besides the block: how to call it, and for Turborepo the env it must pass through. */
function usageLines(r, turbo) {
	const out = [`then: ${{
		just: "just dev 2   just dev 1 logs   just dev stop all",
		npm: "npm run dev -- 2   npm run dev -- 1 logs   (npm needs -- before devslot's options)",
		task: "task dev -- 2   task dev -- 1 logs",
		mise: "mise run dev 2   mise run dev 1 logs   mise run dev -- 2 exec -- CMD   (mise keeps a first -- and --help for itself)",
		make: "make dev SLOT=2   make dev SLOT=1 ARGS='logs --no-follow'"
	}[r]}`];
	if (turbo) out.push("turbo.json: strict env mode drops DEVSLOT_SLOT and DEVSLOT_PORT_*; in each task that runs a slot's app add  \"passThroughEnv\": [\"DEVSLOT_*\"]");
	return out;
}
// dist/commands/integrate.js
/**
* `devslot integrate RUNNER [--write]` (DESIGN §14): print the runner's `dev` entry, or write it
* into the runner's file in this folder between marker comments. Idempotent: a second run leaves
* the file byte-identical; nothing outside the block is touched; an entry the user wrote is refused.
*/
async function integrateCommand(ctx, runner, write) {
	const file = RUNNER_FILE[runner];
	const abs = path.join(ctx.cwd, file);
	const turbo = fs.existsSync(path.join(ctx.cwd, "turbo.json"));
	if (!write) {
		ctx.io.out(`${runner === "npm" ? "\"scripts\": { \"dev\": \"devslot\" }" : snippet(runner)}\n`);
		ctx.io.err(`${[`(printed only; \`devslot integrate ${runner} --write\` puts it in ${file})`, ...usageLines(runner, turbo)].join("\n")}\n`);
		return;
	}
	let current;
	try {
		current = fs.readFileSync(abs, "utf8");
	} catch (e) {
		if (e.code !== "ENOENT") throw new UsageError(`${file}: cannot read it (${e.code})`);
	}
	const result = integrate(runner, current);
	if ("refused" in result) throw new UsageError(result.refused);
	if (!result.changed) {
		if (!ctx.options.quiet) ctx.io.out(`${file}: already integrated, unchanged\n`);
		return;
	}
	const ops = [{
		slot: 0,
		kind: "write-project-file",
		root: ctx.cwd,
		path: file,
		before: current ?? null,
		content: result.next,
		cause: `integrate ${runner}: the dev entry between devslot's markers`
	}];
	if (ctx.options.dryRun) {
		ctx.io.out(`${describePlan(ops, {
			showSecrets: false,
			values: false
		}).join("\n")}\n`);
		return;
	}
	await runOperations(ctx, ops);
	if (!ctx.options.quiet) ctx.io.out(`${[`${file}: ${current === void 0 ? "created" : "updated"}`, ...usageLines(runner, turbo)].join("\n")}\n`);
}
export { integrateCommand };
