import type { ProjectLookup } from '../commands/completion.js';
import { ENV_FORMATS } from '../context.js';
import { ACTION_SPEC, ACTIONS, ALIASES, allowedOptions, OPTION_FLAGS, type Action } from './actions.js';
import { COMPLETE_WORD, RUNNERS, SHELLS, TOOL_SUMMARY, TOOLS, type Shell, type Tool } from './tools.js';

/**
 * Shell completion: `devslot completion SHELL` prints a script whose completer calls `devslot
 * __complete CWORD WORD…`; the answer comes from the grammar's own tables, and slots, services
 * and apps from the project's saved plans (commands/completion.ts).
 */
export const COMPLETION_SCRIPTS: Record<Shell, string> = {
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
`,
};

/** The candidates for word `cword` of `words` (words[0] is the program), matching what is typed so far. */
export function completeWords(cword: number, words: readonly string[], project: ProjectLookup): string[] {
  const cur = words[cword] ?? '';
  return [...new Set(candidates(words.slice(1, cword), cur, project))].filter((c) => c.startsWith(cur));
}

function candidates(before: string[], cur: string, project: ProjectLookup): string[] {
  const tool = before.find((w) => (TOOLS as readonly string[]).includes(w)) as Tool | undefined;
  if (tool) {
    if (cur.startsWith('-')) return TOOL_SUMMARY[tool].flags.map(([f]) => f);
    if (before.some((w) => !w.startsWith('-') && w !== tool)) return [];
    return tool === 'integrate' ? [...RUNNERS] : tool === 'completion' ? [...SHELLS] : [];
  }
  const action = before.map((w) => (ACTIONS.includes(w as Action) ? (w as Action) : ALIASES[w])).find((a) => a !== undefined);
  const slotWord = before.find((w) => /^\d+$/.test(w));
  const slot = slotWord === undefined ? undefined : Number(slotWord);
  const prev = before[before.length - 1];
  if (prev === '--service') return [...project.names(slot, 'services'), ...project.names(slot, 'apps')];
  if (prev === '--app') return project.names(slot, 'apps');
  if (prev === '--format') return [...ENV_FORMATS];
  if (prev === '--config' || prev === '--timeout' || prev === '--lines') return [];
  if (cur.startsWith('-')) {
    const opts = action ? allowedOptions(action) : (Object.keys(OPTION_FLAGS) as (keyof typeof OPTION_FLAGS)[]);
    return [...opts.map((o) => OPTION_FLAGS[o].flag), ...(action === 'logs' ? ['--follow'] : []), '--help'];
  }
  const takesSlot = slotWord === undefined && (!action || ACTION_SPEC[action].slot);
  const slots = takesSlot ? [...project.slots().map(String), ...(!action || ACTION_SPEC[action].all ? ['all'] : [])] : [];
  if (action) return slots;
  return [...ACTIONS, ...Object.keys(ALIASES), ...(slotWord === undefined ? TOOLS : []), ...slots];
}
