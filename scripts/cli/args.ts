import { defaultOptions, ENV_FORMATS, type EnvFormat, type Options, type Target } from '../context.js';
import { UsageError } from '../errors.js';

export { ENV_FORMATS, type EnvFormat, type Options, type Target };
import { closest } from '../config/suggest.js';
import { isSlotToken, parseSlot } from './slot.js';
import { ACTION_SPEC, ACTIONS, ALIASES, allowedOptions, OPTION_FLAGS, type Action, type OptionName } from './actions.js';
import { expandWords, parseTool, toolOf, type Tool, type ToolParsed } from './tools.js';
import { copyWordOf, parseCopy, type CopyParsed } from './copy-args.js';
import { isInfraArgv, parseInfra, type InfraParsed } from './infra-args.js';

/** Actions whose words after `--` are a command to run, not devslot's. */
const TAKES_COMMAND: ReadonlySet<Action> = new Set(['exec', 'shell']);

export type Parsed =
  | { kind: 'help'; action?: Action; tool?: Tool }
  | ToolParsed
  | CopyParsed
  | { kind: 'help'; copy: true }
  | InfraParsed
  | { kind: 'help'; infra: true }
  | { kind: 'version' }
  | { kind: 'run'; action: Action; target: Target; options: Options };

export const DEFAULT_TIMEOUT = 120;

const FLAG_TO_OPTION = new Map<string, OptionName>(
  (Object.entries(OPTION_FLAGS) as [OptionName, { flag: string }][]).map(([name, spec]) => [spec.flag, name]),
);
FLAG_TO_OPTION.set('-y', 'yes');
FLAG_TO_OPTION.set('-q', 'quiet');
FLAG_TO_OPTION.set('--follow', 'follow');

/** Looks like a number someone meant as a slot: -1, 1.5, 1e3, +2. */
const NUMBERISH = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * DESIGN §2 grammar: `[SLOT] [ACTION]` or `[ACTION] [SLOT|all]`, options anywhere.
 * Pure: argv and the environment are parameters.
 */
export function parseArgs(words: readonly string[], env: Readonly<Record<string, string | undefined>>): Parsed {
  const argv = expandWords(words);
  const tool = toolOf(argv);
  if (tool) return parseTool(tool, argv);
  const copy = copyWordOf(argv);
  if (copy) return parseCopy(copy, argv);
  if (isInfraArgv(argv)) return parseInfra(argv);
  const positionals: string[] = [];
  const seen = new Map<OptionName, string>();
  const opts: Options = defaultOptions(DEFAULT_TIMEOUT);
  let help = false;
  let version = false;
  /** Words after `--`; whose they are depends on the action (below). */
  let afterDashes: string[] | undefined;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      afterDashes = argv.slice(i + 1);
      break;
    }
    if (arg === '--help' || arg === '-h' || arg === 'help') {
      help = true;
      continue;
    }
    if (arg === '--version' || arg === '-V') {
      version = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-' || NUMBERISH.test(arg)) {
      // `just dev 2 exec node -e …`: just eats the `--`, so after exec (and its slot) the first
      // other word starts the command, and every word from there is the child's, as with sudo or env.
      if (positionals.some((p) => TAKES_COMMAND.has(p as Action)) && !(isSlotToken(arg) && !positionals.some(isSlotToken))) {
        opts.command = argv.slice(i);
        break;
      }
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const name = FLAG_TO_OPTION.get(flag);
    if (!name) {
      const near = closest(flag, [...FLAG_TO_OPTION.keys()].filter((f) => f.startsWith('--')));
      throw new UsageError(`unknown option ${flag}${near ? ` (did you mean ${near}?)` : ''}; see devslot --help`);
    }
    const spec = OPTION_FLAGS[name];
    let value: string | undefined;
    if (spec.value) {
      value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${spec.flag} needs a value: ${spec.flag} ${spec.value}`);
    } else if (eq > 0) {
      throw new UsageError(`${flag} takes no value`);
    }
    seen.set(name, flag);
    applyOption(opts, name, flag, value);
  }

  if (version && !help) return { kind: 'version' };

  // `exec -- CMD ARGS…`: once the words before `--` name exec or shell, the rest is the child's argv,
  // untouched (it may hold `2`, `stop` or `--help`). For other actions they stay devslot's words.
  const named = positionals.map((p) => (ACTIONS.includes(p as Action) ? (p as Action) : ALIASES[p])).filter((a) => a !== undefined);
  if (afterDashes && named.length === 1 && TAKES_COMMAND.has(named[0]!)) opts.command = afterDashes;
  else if (afterDashes) positionals.push(...afterDashes);

  let action: Action | undefined;
  let target: Target | undefined;
  for (const p of positionals) {
    const act = ACTIONS.includes(p as Action) ? (p as Action) : ALIASES[p];
    if (act) {
      if (action && TAKES_COMMAND.has(action)) throw commandHint(action);
      if (action) throw new UsageError(`two actions given (${action} and ${p}); give one`);
      action = act;
    } else if (p === 'all') {
      if (target) throw new UsageError('two slots given; give one slot, or all');
      target = { kind: 'all' };
    } else if (isSlotToken(p)) {
      if (target) throw new UsageError('two slots given; give one slot, or all');
      target = { kind: 'slot', slot: parseSlot(p), source: 'argument' };
    } else if (NUMBERISH.test(p) || p === '') {
      parseSlot(p); // throws the slot message
    } else {
      if (action && TAKES_COMMAND.has(action)) throw commandHint(action);
      const near = closest(p, [...ACTIONS, ...Object.keys(ALIASES)]);
      throw new UsageError(`unknown action ${JSON.stringify(p)}${near ? ` (did you mean ${near}?)` : ''}; actions: ${ACTIONS.join(', ')}; a slot is a number like 2`);
    }
  }
  if (help) return { kind: 'help', action };
  action ??= 'start';
  const spec = ACTION_SPEC[action];

  for (const [name, flag] of seen) {
    if (name !== 'follow' && !allowedOptions(action).includes(name)) throw new UsageError(`${flag} does not apply to ${action}; see devslot ${action} --help`);
    if (name === 'follow' && action !== 'logs') throw new UsageError(`${flag} applies only to logs`);
  }
  if (target?.kind === 'all' && !spec.all) {
    throw new UsageError(`${action} takes one slot, not all; \`all\` works with ${ACTIONS.filter((a) => ACTION_SPEC[a].all && ACTION_SPEC[a].slot).join(', ')}`);
  }
  if (action === 'ls' || action === 'prune') {
    if (target?.kind === 'slot') throw new UsageError(`${action} covers every slot and takes no slot number`);
    target = { kind: 'all' };
  }
  if (action === 'exec' && !opts.command.length) throw new UsageError('exec needs a command after --: devslot N exec [--app NAME] -- CMD ARGS…');
  if (opts.format && (opts.explain || opts.json)) throw new UsageError(`--format prints the values only; drop ${opts.explain ? '--explain' : '--json'}`);
  if (action === 'release' && target) throw new UsageError('release acts on the slot leased to this worktree and takes no slot number');
  if (!target) {
    const fromEnv = env.DEVSLOT_SLOT;
    target = fromEnv !== undefined && fromEnv !== ''
      ? { kind: 'slot', slot: parseSlot(fromEnv, 'DEVSLOT_SLOT'), source: 'DEVSLOT_SLOT' }
      : { kind: 'slot', slot: 0, source: 'default' };
  }
  return { kind: 'run', action, target, options: opts };
}

function commandHint(action: Action): UsageError {
  return new UsageError(`${action} runs the command given after --: devslot N ${action}${action === 'exec' ? ' [--app NAME] -- CMD ARGS…' : ' [-- ARGS…]'}`);
}

function applyOption(opts: Options, name: OptionName, flag: string, value: string | undefined): void {
  switch (name) {
    case 'json': opts.json = true; break;
    case 'dryRun': opts.dryRun = true; break;
    case 'yes': opts.yes = true; break;
    case 'quiet': opts.quiet = true; break;
    case 'explain': opts.explain = true; break;
    case 'showSecrets': opts.showSecrets = true; break;
    case 'force': opts.force = true; break;
    case 'strict': opts.strict = true; break;
    case 'skipHooks': opts.skipHooks = true; break;
    case 'follow': opts.follow = flag === '--follow'; break;
    case 'config': opts.config = value!; break;
    case 'app': opts.app = value!; break;
    case 'format': {
      if (!ENV_FORMATS.includes(value as EnvFormat)) throw new UsageError(`--format ${JSON.stringify(value)}: give one of ${ENV_FORMATS.join(', ')}`);
      opts.format = value as EnvFormat;
      break;
    }
    case 'service': opts.service.push(value!); break;
    case 'timeout': {
      const n = Number(value);
      if (!/^\d+(\.\d+)?$/.test(value!) || !(n > 0)) throw new UsageError(`--timeout ${JSON.stringify(value)}: give the health wait in seconds, a number above 0 (default ${DEFAULT_TIMEOUT})`);
      opts.timeout = n;
      break;
    }
    case 'lines': {
      if (!/^\d+$/.test(value!)) throw new UsageError(`--lines ${JSON.stringify(value)}: give a whole number 0 or above`);
      opts.lines = Number(value);
      break;
    }
  }
}
