import { UsageError } from '../errors.js';
import { closest } from '../config/suggest.js';
import { isSlotToken, parseSlot } from '../plan/slot.js';
import { ACTION_SPEC, ACTIONS, ALIASES, allowedOptions, OPTION_FLAGS, type Action, type OptionName } from './actions.js';

export type Target =
  | { kind: 'slot'; slot: number; source: 'argument' | 'DEVSLOT_SLOT' | 'lease' | 'default' }
  | { kind: 'all' };

export interface Options {
  json: boolean;
  dryRun: boolean;
  yes: boolean;
  config?: string;
  timeout: number;
  follow: boolean;
  lines?: number;
  service: string[];
  quiet: boolean;
  app?: string;
  explain: boolean;
  showSecrets: boolean;
  force: boolean;
  strict: boolean;
}

export type Parsed =
  | { kind: 'help'; action?: Action }
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
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Parsed {
  const positionals: string[] = [];
  const seen = new Map<OptionName, string>();
  const opts: Options = { json: false, dryRun: false, yes: false, timeout: DEFAULT_TIMEOUT, follow: true, service: [], quiet: false, explain: false, showSecrets: false, force: false, strict: false };
  let help = false;
  let version = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
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

  let action: Action | undefined;
  let target: Target | undefined;
  for (const p of positionals) {
    const act = ACTIONS.includes(p as Action) ? (p as Action) : ALIASES[p];
    if (act) {
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
  if (action === 'release' && target) throw new UsageError('release acts on the slot leased to this worktree and takes no slot number');
  if (!target) {
    const fromEnv = env.DEVSLOT_SLOT;
    target = fromEnv !== undefined && fromEnv !== ''
      ? { kind: 'slot', slot: parseSlot(fromEnv, 'DEVSLOT_SLOT'), source: 'DEVSLOT_SLOT' }
      : { kind: 'slot', slot: 0, source: 'default' };
  }
  return { kind: 'run', action, target, options: opts };
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
    case 'follow': opts.follow = flag === '--follow'; break;
    case 'config': opts.config = value!; break;
    case 'app': opts.app = value!; break;
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
