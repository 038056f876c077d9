import { t as ACTIONS } from "./context-73x8uNHD.js";
import { a as OPTION_FLAGS, n as ACTION_SPEC, o as allowedOptions, r as ALIASES } from "./actions-P6PuGGx9.js";
import { a as TOOL_SUMMARY, i as TOOLS } from "./tools-_UcAhgWR.js";
import { t as INFRA_USAGE } from "./infra-args-CyNN3IWW.js";
import { t as COPY_USAGE } from "./copy-args-Cjw2NDmt.js";
// dist/cli/help.js
/** What follows the options for actions that run a command. */
const COMMAND_USAGE = {
	exec: " [--] CMD ARGS…",
	shell: " [-- SHELL-ARGS…]"
};
function helpText(action) {
	if (action) {
		const spec = ACTION_SPEC[action];
		const aliases = Object.entries(ALIASES).filter(([, a]) => a === action).map(([k]) => k);
		return [
			`usage: ${spec.slot ? `devslot [SLOT${spec.all ? "|all" : ""}] ${action}` : `devslot ${action}`} [options]${COMMAND_USAGE[action] ?? ""}${aliases.length ? `   (alias: ${aliases.join(", ")})` : ""}`,
			"",
			`  ${spec.summary}`,
			...COMMAND_USAGE[action] ? ["  devslot's options go before the command; `--` before it is optional (`just dev` drops it)."] : [],
			"",
			"options:",
			...allowedOptions(action).map((o) => {
				const f = OPTION_FLAGS[o];
				return `  ${`${f.flag}${f.value ? ` ${f.value}` : ""}`.padEnd(22)} ${f.help}`;
			}),
			""
		].join("\n");
	}
	return [
		"devslot: run several copies of this project's dev stack side by side, one per numbered slot.",
		"Slot N gets every port at base + N × stride, compose project <name>-dev-N and PM2 apps <app>-N.",
		"",
		"usage: devslot [SLOT] [ACTION] [options]",
		"       devslot [ACTION] [SLOT|all] [options]",
		"",
		"SLOT defaults to $DEVSLOT_SLOT, else this git worktree's first slot or the lowest free one (only start and init lease it), else 0.",
		"ACTION defaults to start.",
		"",
		"actions:",
		...ACTIONS.map((a) => {
			const aliases = Object.entries(ALIASES).filter(([, x]) => x === a).map(([k]) => k);
			return `  ${`${a}${aliases.length ? ` (${aliases.join(", ")})` : ""}`.padEnd(16)} ${ACTION_SPEC[a].summary}${ACTION_SPEC[a].all && ACTION_SPEC[a].slot ? "; takes all" : ""}`;
		}),
		"",
		"setting up (no slot):",
		...TOOLS.map((t) => `  ${TOOL_SUMMARY[t].usage.replace(/^devslot /, "").padEnd(30)} ${TOOL_SUMMARY[t].summary}`),
		"",
		"copying data (the source is paused for one instant; --stop stops it instead; the target must be stopped):",
		...COPY_USAGE.map((u) => `  ${u.replace(/^devslot /, "")}`),
		"",
		"shared services (shared.services in devslot.yaml, run once as <name>-infra):",
		`  ${INFRA_USAGE.replace(/^devslot /, "")}   status, and the slots that use them; stop, or clean with their volumes, when none does`,
		"",
		"options:",
		...Object.values(OPTION_FLAGS).map((f) => `  ${`${f.flag}${f.value ? ` ${f.value}` : ""}`.padEnd(22)} ${f.help}`),
		"  --help, --version",
		"",
		"examples: devslot 2          start slot 2        devslot 1 logs      follow slot 1's logs",
		"          devslot stop all   stop every slot     devslot 2 ports     NAME=PORT lines",
		"          devslot 2 exec --app api -- npm test   run a command with slot 2's environment",
		"          eval \"$(devslot 2 env --app api --format sh --show-secrets)\"   the same, in this shell",
		"",
		"exit codes: 0 ok, 1 bad input or config, 2 runtime failure, 3 internal error, 130 interrupted, 143 terminated",
		""
	].join("\n");
}
export { helpText };
