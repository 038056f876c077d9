import { defaultOptions, type Options } from '../context.js';
import { UsageError } from '../errors.js';

/**
 * Commands that set a project up rather than act on a slot (DESIGN §14): they take a word, not a
 * slot, and `adopt` runs where no devslot.yaml exists yet.
 */
export const TOOLS = ['adopt', 'integrate', 'completion'] as const;
export type Tool = (typeof TOOLS)[number];
export const RUNNERS = ['just', 'npm', 'task', 'mise', 'make'] as const;
export type Runner = (typeof RUNNERS)[number];
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** The hidden word completion scripts call: `devslot __complete CWORD WORD…` prints candidates. */
export const COMPLETE_WORD = '__complete';
/** The hidden word make's snippet calls: `devslot __words SLOT ARGS` (ARGS split as a shell would, nothing expanded). */
export const WORDS_WORD = '__words';

export type ToolParsed =
  | { kind: 'tool'; tool: 'adopt'; options: Options }
  | { kind: 'tool'; tool: 'integrate'; runner: Runner; write: boolean; options: Options }
  | { kind: 'tool'; tool: 'completion'; shell: Shell; options: Options }
  | { kind: 'tool'; tool: '__complete'; cword: number; words: string[]; options: Options };

export const TOOL_SUMMARY: Record<Tool, { usage: string; summary: string; flags: [string, string][] }> = {
  adopt: {
    usage: 'devslot adopt [--dry-run] [--json]',
    summary: 'write devslot.yaml for the repository in this folder from its compose files, env templates, PM2 files and dev scripts (never overwrites)',
    flags: [['--dry-run', 'print the file instead of writing it'], ['--json', 'machine output on stdout'], ['--quiet', 'no report']],
  },
  integrate: {
    usage: `devslot integrate ${RUNNERS.join('|')} [--write]`,
    summary: 'print (or write between marker comments) the `dev` entry that passes arguments to devslot unchanged',
    flags: [['--write', 'write it into the runner\'s file (idempotent; only the marked block changes)'], ['--dry-run', 'with --write: print the operation only']],
  },
  completion: {
    usage: `devslot completion ${SHELLS.join('|')}`,
    summary: 'print a completion script: actions, options, slots, services and apps of the current project',
    flags: [],
  },
};

function defaults(): Options {
  return defaultOptions(120);
}

/** The tool the argv names (its first word that is not an option), if any. */
export function toolOf(argv: readonly string[]): Tool | typeof COMPLETE_WORD | undefined {
  const first = argv.find((a) => !a.startsWith('-'));
  if (first === COMPLETE_WORD && argv[0] === COMPLETE_WORD) return COMPLETE_WORD;
  return (TOOLS as readonly string[]).includes(first ?? '') ? (first as Tool) : undefined;
}

/** `__words SLOT ARGS` → the argv it stands for: SLOT when given, then ARGS split into words. */
export function expandWords(argv: readonly string[]): readonly string[] {
  if (argv[0] !== WORDS_WORD) return argv;
  const [, slot = '', args = '', ...extra] = argv;
  if (extra.length) throw new UsageError(`${WORDS_WORD} takes SLOT and ARGS only`);
  return [...(slot ? [slot] : []), ...splitWords(args)];
}

/**
 * A shell-like split with no expansion: whitespace separates, '…' and "…" group, a backslash
 * escapes the next character (inside "…" only before " \ $ `). `$(…)`, `*` and `~` stay text.
 */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  let cur: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (cur !== undefined) out.push(cur);
      cur = undefined;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new UsageError('ARGS has an unterminated \' quote');
      cur = (cur ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      cur ??= '';
      for (i++; ; i++) {
        if (i >= text.length) throw new UsageError('ARGS has an unterminated " quote');
        const c = text[i]!;
        if (c === '"') break;
        if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) cur += text[++i]!;
        else cur += c;
      }
    } else if (ch === '\\' && i + 1 < text.length) {
      cur = (cur ?? '') + text[++i]!;
    } else {
      cur = (cur ?? '') + ch;
    }
  }
  if (cur !== undefined) out.push(cur);
  return out;
}

export function parseTool(tool: Tool | typeof COMPLETE_WORD, argv: readonly string[]): ToolParsed | { kind: 'help'; tool: Tool } {
  const options = defaults();
  if (tool === COMPLETE_WORD) {
    const cword = Number(argv[1]);
    if (!Number.isSafeInteger(cword) || cword < 0) throw new UsageError(`${COMPLETE_WORD} CWORD WORD…: CWORD is the index of the word being completed`);
    return { kind: 'tool', tool: COMPLETE_WORD, cword, words: argv.slice(2), options };
  }
  const words: string[] = [];
  let write = false;
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') return { kind: 'help', tool };
    if (!arg.startsWith('-')) {
      words.push(arg);
      continue;
    }
    const allowed = TOOL_SUMMARY[tool].flags.map(([f]) => f);
    if (!allowed.includes(arg)) throw new UsageError(`${arg} does not apply to ${tool}${allowed.length ? `; it takes ${allowed.join(', ')}` : ''}`);
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--quiet') options.quiet = true;
    else if (arg === '--write') write = true;
  }
  const [, operand, ...extra] = words;
  const usage = `usage: ${TOOL_SUMMARY[tool].usage}`;
  if (tool === 'adopt') {
    if (operand !== undefined) throw new UsageError(`adopt takes no word (got ${JSON.stringify(operand)}); run it in the project's folder. ${usage}`);
    return { kind: 'tool', tool, options };
  }
  if (extra.length) throw new UsageError(`${tool} takes one word (got ${words.slice(1).join(' ')}); ${usage}`);
  if (tool === 'integrate') {
    if (!(RUNNERS as readonly string[]).includes(operand ?? '')) throw new UsageError(`integrate needs a runner: ${RUNNERS.join(', ')}; ${usage}`);
    if (options.dryRun && !write) throw new UsageError('--dry-run goes with --write (without --write, integrate only prints)');
    return { kind: 'tool', tool, runner: operand as Runner, write, options };
  }
  if (!(SHELLS as readonly string[]).includes(operand ?? '')) throw new UsageError(`completion needs a shell: ${SHELLS.join(', ')}; ${usage}`);
  return { kind: 'tool', tool, shell: operand as Shell, options };
}

export function toolHelp(tool: Tool): string {
  const t = TOOL_SUMMARY[tool];
  return [`usage: ${t.usage}`, '', `  ${t.summary}`, '', ...(t.flags.length ? ['options:', ...t.flags.map(([f, h]) => `  ${f.padEnd(22)} ${h}`), ''] : [])].join('\n');
}
