import { n as ENV_FORMATS, t as ACTIONS } from "./context-73x8uNHD.js";
import { a as OPTION_FLAGS, n as ACTION_SPEC, o as allowedOptions, r as ALIASES } from "./actions-P6PuGGx9.js";
import { a as TOOL_SUMMARY, i as TOOLS, n as RUNNERS, r as SHELLS, t as COMPLETE_WORD } from "./tools-_UcAhgWR.js";
// dist/cli/complete.js
/**
* Shell completion: `devslot completion SHELL` prints a script whose completer calls `devslot
* __complete CWORD WORD…`; the answer comes from the grammar's own tables, and slots, services
* and apps from the project's saved plans (commands/completion.ts).
*/
const COMPLETION_SCRIPTS = {
	bash: `# devslot completion for bash: eval "$(devslot completion bash)" (e.g. in ~/.bashrc)
_devslot() {
  local IFS=$'\\n'
  COMPREPLY=($(command devslot ${COMPLETE_WORD} "$COMP_CWORD" "\${COMP_WORDS[@]}" 2>/dev/null))
}
complete -o default -F _devslot devslot
`,
	zsh: `#compdef devslot
# devslot completion for zsh: source <(devslot completion zsh) (after compinit)
_devslot() {
  local -a cands
  cands=("\${(@f)$(command devslot ${COMPLETE_WORD} $((CURRENT - 1)) "\${words[@]}" 2>/dev/null)}")
  compadd -a cands
}
compdef _devslot devslot
`,
	fish: `# devslot completion for fish: devslot completion fish > ~/.config/fish/completions/devslot.fish
complete -c devslot -f -a '(devslot ${COMPLETE_WORD} (count (commandline -opc)) (commandline -opc) (commandline -ct) 2>/dev/null)'
`
};
/** The candidates for word `cword` of `words` (words[0] is the program), matching what is typed so far. */
function completeWords(cword, words, project) {
	const cur = words[cword] ?? "";
	return [...new Set(candidates(words.slice(1, cword), cur, project))].filter((c) => c.startsWith(cur));
}
function candidates(before, cur, project) {
	const tool = before.find((w) => TOOLS.includes(w));
	if (tool) {
		if (cur.startsWith("-")) return TOOL_SUMMARY[tool].flags.map(([f]) => f);
		if (before.some((w) => !w.startsWith("-") && w !== tool)) return [];
		return tool === "integrate" ? [...RUNNERS] : tool === "completion" ? [...SHELLS] : [];
	}
	const action = before.map((w) => ACTIONS.includes(w) ? w : ALIASES[w]).find((a) => a !== void 0);
	const slotWord = before.find((w) => /^\d+$/.test(w));
	const slot = slotWord === void 0 ? void 0 : Number(slotWord);
	const prev = before[before.length - 1];
	if (prev === "--service") return [...project.names(slot, "services"), ...project.names(slot, "apps")];
	if (prev === "--app") return project.names(slot, "apps");
	if (prev === "--format") return [...ENV_FORMATS];
	if (prev === "--config" || prev === "--timeout" || prev === "--lines") return [];
	if (cur.startsWith("-")) return [
		...(action ? allowedOptions(action) : Object.keys(OPTION_FLAGS)).map((o) => OPTION_FLAGS[o].flag),
		...action === "logs" ? ["--follow"] : [],
		"--help"
	];
	const slots = slotWord === void 0 && (!action || ACTION_SPEC[action].slot) ? [...project.slots().map(String), ...!action || ACTION_SPEC[action].all ? ["all"] : []] : [];
	if (action) return slots;
	return [
		...ACTIONS,
		...Object.keys(ALIASES),
		...slotWord === void 0 ? TOOLS : [],
		...slots
	];
}
export { COMPLETION_SCRIPTS, completeWords };
