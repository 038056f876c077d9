import { r as defaultOptions } from "./context-73x8uNHD.js";
import { f as UsageError } from "./errors-CfnyxBL4.js";
// dist/cli/tools.js
/**
* Commands that set a project up rather than act on a slot (DESIGN §14): they take a word, not a
* slot, and `adopt` runs where no devslot.yaml exists yet.
*/
const TOOLS = [
	"adopt",
	"integrate",
	"completion"
];
const RUNNERS = [
	"just",
	"npm",
	"task",
	"mise",
	"make"
];
const SHELLS = [
	"bash",
	"zsh",
	"fish"
];
/** The hidden word completion scripts call: `devslot __complete CWORD WORD…` prints candidates. */
const COMPLETE_WORD = "__complete";
/** The hidden word make's snippet calls: `devslot __words SLOT ARGS` (ARGS split as a shell would, nothing expanded). */
const WORDS_WORD = "__words";
const TOOL_SUMMARY = {
	adopt: {
		usage: "devslot adopt [--dry-run] [--json]",
		summary: "write devslot.yaml for the repository in this folder from its compose files, env templates, PM2 files and dev scripts (never overwrites)",
		flags: [
			["--dry-run", "print the file instead of writing it"],
			["--json", "machine output on stdout"],
			["--quiet", "no report"]
		]
	},
	integrate: {
		usage: `devslot integrate ${RUNNERS.join("|")} [--write]`,
		summary: "print (or write between marker comments) the `dev` entry that passes arguments to devslot unchanged",
		flags: [["--write", "write it into the runner's file (idempotent; only the marked block changes)"], ["--dry-run", "with --write: print the operation only"]]
	},
	completion: {
		usage: `devslot completion ${SHELLS.join("|")}`,
		summary: "print a completion script: actions, options, slots, services and apps of the current project",
		flags: []
	}
};
function defaults() {
	return defaultOptions(120);
}
/** The tool the argv names (its first word that is not an option), if any. */
function toolOf(argv) {
	const first = argv.find((a) => !a.startsWith("-"));
	if (first === "__complete" && argv[0] === "__complete") return COMPLETE_WORD;
	return TOOLS.includes(first ?? "") ? first : void 0;
}
/** `__words SLOT ARGS` → the argv it stands for: SLOT when given, then ARGS split into words. */
function expandWords(argv) {
	if (argv[0] !== "__words") return argv;
	const [, slot = "", args = "", ...extra] = argv;
	if (extra.length) throw new UsageError(`${WORDS_WORD} takes SLOT and ARGS only`);
	return [...slot ? [slot] : [], ...splitWords(args)];
}
/**
* A shell-like split with no expansion: whitespace separates, '…' and "…" group, a backslash
* escapes the next character (inside "…" only before " \ $ `). `$(…)`, `*` and `~` stay text.
*/
function splitWords(text) {
	const out = [];
	let cur;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (/\s/.test(ch)) {
			if (cur !== void 0) out.push(cur);
			cur = void 0;
		} else if (ch === "'") {
			const end = text.indexOf("'", i + 1);
			if (end < 0) throw new UsageError("ARGS has an unterminated ' quote");
			cur = (cur ?? "") + text.slice(i + 1, end);
			i = end;
		} else if (ch === "\"") {
			cur ??= "";
			for (i++;; i++) {
				if (i >= text.length) throw new UsageError("ARGS has an unterminated \" quote");
				const c = text[i];
				if (c === "\"") break;
				if (c === "\\" && i + 1 < text.length && "\"\\$`".includes(text[i + 1])) cur += text[++i];
				else cur += c;
			}
		} else if (ch === "\\" && i + 1 < text.length) cur = (cur ?? "") + text[++i];
		else cur = (cur ?? "") + ch;
	}
	if (cur !== void 0) out.push(cur);
	return out;
}
function parseTool(tool, argv) {
	const options = defaults();
	if (tool === "__complete") {
		const cword = Number(argv[1]);
		if (!Number.isSafeInteger(cword) || cword < 0) throw new UsageError(`${COMPLETE_WORD} CWORD WORD…: CWORD is the index of the word being completed`);
		return {
			kind: "tool",
			tool: COMPLETE_WORD,
			cword,
			words: argv.slice(2),
			options
		};
	}
	const words = [];
	let write = false;
	for (const arg of argv) {
		if (arg === "--help" || arg === "-h") return {
			kind: "help",
			tool
		};
		if (!arg.startsWith("-")) {
			words.push(arg);
			continue;
		}
		const allowed = TOOL_SUMMARY[tool].flags.map(([f]) => f);
		if (!allowed.includes(arg)) throw new UsageError(`${arg} does not apply to ${tool}${allowed.length ? `; it takes ${allowed.join(", ")}` : ""}`);
		if (arg === "--dry-run") options.dryRun = true;
		else if (arg === "--json") options.json = true;
		else if (arg === "--quiet") options.quiet = true;
		else if (arg === "--write") write = true;
	}
	const [, operand, ...extra] = words;
	const usage = `usage: ${TOOL_SUMMARY[tool].usage}`;
	if (tool === "adopt") {
		if (operand !== void 0) throw new UsageError(`adopt takes no word (got ${JSON.stringify(operand)}); run it in the project's folder. ${usage}`);
		return {
			kind: "tool",
			tool,
			options
		};
	}
	if (extra.length) throw new UsageError(`${tool} takes one word (got ${words.slice(1).join(" ")}); ${usage}`);
	if (tool === "integrate") {
		if (!RUNNERS.includes(operand ?? "")) throw new UsageError(`integrate needs a runner: ${RUNNERS.join(", ")}; ${usage}`);
		if (options.dryRun && !write) throw new UsageError("--dry-run goes with --write (without --write, integrate only prints)");
		return {
			kind: "tool",
			tool,
			runner: operand,
			write,
			options
		};
	}
	if (!SHELLS.includes(operand ?? "")) throw new UsageError(`completion needs a shell: ${SHELLS.join(", ")}; ${usage}`);
	return {
		kind: "tool",
		tool,
		shell: operand,
		options
	};
}
function toolHelp(tool) {
	const t = TOOL_SUMMARY[tool];
	return [
		`usage: ${t.usage}`,
		"",
		`  ${t.summary}`,
		"",
		...t.flags.length ? [
			"options:",
			...t.flags.map(([f, h]) => `  ${f.padEnd(22)} ${h}`),
			""
		] : []
	].join("\n");
}
export { TOOL_SUMMARY as a, parseTool as c, toolOf as d, TOOLS as i, splitWords as l, RUNNERS as n, WORDS_WORD as o, SHELLS as r, expandWords as s, COMPLETE_WORD as t, toolHelp as u };
