import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../scripts/cli/args.js';
import { UsageError } from '../../scripts/errors.js';
import { ACTION_SPEC, type Action } from '../../scripts/cli/actions.js';
import { helpText } from '../../scripts/cli/help.js';

const run = (line: string, env: Record<string, string> = {}) => {
  const p = parseArgs(line === '' ? [] : line.split(' '), env);
  if (p.kind !== 'run') return p.kind;
  const t = p.target.kind === 'all' ? 'all' : `${p.target.slot}`;
  return `${p.action} ${t}`;
};

describe('grammar (DESIGN §2)', () => {
  it.each([
    ['', 'start 0'],
    ['2', 'start 2'],
    ['02', 'start 2'],
    ['1 logs', 'logs 1'],
    ['logs 1', 'logs 1'],
    ['stop all', 'stop all'],
    ['all stop', 'stop all'],
    ['up 3', 'start 3'],
    ['3 down', 'stop 3'],
    ['ps all', 'status all'],
    ['ls', 'ls all'],
    ['status', 'status 0'],
    ['clean all --yes', 'clean all'],
    ['2 ports --json', 'ports 2'],
    ['env 2 --app api --explain', 'env 2'],
    ['--dry-run stop 1', 'stop 1'],
    ['--help', 'help'],
    ['2 start --help', 'help'],
    ['--version', 'version'],
  ])('%j → %s', (line, expected) => expect(run(line)).toBe(expected));

  it('takes the default slot from DEVSLOT_SLOT, explicit arguments first', () => {
    expect(run('status', { DEVSLOT_SLOT: '4' })).toBe('status 4');
    expect(run('status 1', { DEVSLOT_SLOT: '4' })).toBe('status 1');
    expect(() => run('status', { DEVSLOT_SLOT: 'x' })).toThrow(/DEVSLOT_SLOT "x" is not a slot/);
  });

  it('parses option values', () => {
    const p = parseArgs(['logs', '2', '--lines', '20', '--no-follow', '--service', 'api', '--service=redis'], {});
    expect(p.kind === 'run' && p.options).toMatchObject({ lines: 20, follow: false, service: ['api', 'redis'] });
    const q = parseArgs(['start', '--timeout=2.5', '--config', 'x/devslot.yaml'], {});
    expect(q.kind === 'run' && q.options).toMatchObject({ timeout: 2.5, config: 'x/devslot.yaml' });
  });

  it.each([
    ['-1', /slot "-1" is not a slot/],
    ['1.5', /slot "1.5" is not a slot/],
    ['abc', /unknown action "abc"/],
    ['1e3', /slot "1e3" is not a slot/],
    ['strat', /unknown action "strat" \(did you mean start\?\)/],
    ['init all', /init takes one slot, not all/],
    ['info all', /info takes one slot, not all/],
    ['ls 2', /ls covers every slot and takes no slot number/],
    ['1 2', /two slots given/],
    ['start stop', /two actions given/],
    ['--timeout abc', /--timeout "abc"/],
    ['--timeout 0', /--timeout "0"/],
    ['logs --lines -5', /--lines "-5"/],
    ['logs --lines', /--lines needs a value/],
    ['--frobnicate', /unknown option --frobnicate/],
    ['--jsn', /did you mean --json/],
    ['start --lines 5', /--lines does not apply to start/],
    ['start --no-follow', /--no-follow applies only to logs/],
    ['status --json=yes', /--json takes no value/],
    ['2 exec', /exec needs a command after --: devslot N exec \[--app NAME\] -- CMD ARGS…/],
    ['2 exec --app api', /exec needs a command after --/],
    ['2 exec --', /exec needs a command after --/],
    ['2 -- exec node', /exec runs the command given after --/],
    ['exec --json -- true', /--json does not apply to exec/],
    ['2 env --format yaml', /--format "yaml": give one of sh, json, dotenv/],
    ['2 env --format sh --explain', /--format prints the values only; drop --explain/],
    ['2 env --format json --json', /--format prints the values only; drop --json/],
    ['2 ports --format sh', /--format does not apply to ports/],
  ])('%j is a usage error', (line, message) => {
    expect(() => run(line)).toThrow(UsageError);
    expect(() => run(line)).toThrow(message);
  });
});

describe('exec and shell: the words after the command are the child\'s', () => {
  const parse = (argv: string[], env: Record<string, string> = {}) => {
    const p = parseArgs(argv, env);
    if (p.kind !== 'run') throw new Error(p.kind);
    return { action: p.action, slot: p.target.kind === 'slot' ? p.target.slot : 'all', app: p.options.app, command: p.options.command };
  };

  it.each<[string[], { action: string; slot: number; app?: string; command: string[] }]>([
    // `--` ends devslot's options; everything after it is argv, even devslot's own words.
    [['2', 'exec', '--app', 'api', '--', 'node', '-e', 'x', '--help', '3', 'stop', '--'], { action: 'exec', slot: 2, app: 'api', command: ['node', '-e', 'x', '--help', '3', 'stop', '--'] }],
    [['exec', '2', '--', 'ls'], { action: 'exec', slot: 2, command: ['ls'] }],
    [['--app=api', 'exec', '--', 'true'], { action: 'exec', slot: 0, app: 'api', command: ['true'] }],
    // `just dev 2 exec -- node -e x` reaches devslot without the `--`: the command starts at the first other word.
    [['2', 'exec', 'node', '-e', 'x', '--app', 'api'], { action: 'exec', slot: 2, command: ['node', '-e', 'x', '--app', 'api'] }],
    [['exec', '2', 'ls', '-la'], { action: 'exec', slot: 2, command: ['ls', '-la'] }],
    [['2', 'exec', 'ls'], { action: 'exec', slot: 2, command: ['ls'] }],
    [['exec', '--app', 'api', 'printenv', 'PORT'], { action: 'exec', slot: 0, app: 'api', command: ['printenv', 'PORT'] }],
    [['2', 'exec', '3'], { action: 'exec', slot: 2, command: ['3'] }],
    [['2', 'shell'], { action: 'shell', slot: 2, command: [] }],
    [['shell', '--', '-l'], { action: 'shell', slot: 0, command: ['-l'] }],
  ])('%j', (argv, expected) => {
    expect(parse(argv)).toEqual({ app: undefined, ...expected });
  });

  it('keeps the old meaning of `--` for other actions', () => {
    expect(parse(['--', '2', 'status'])).toMatchObject({ action: 'status', slot: 2, command: [] });
  });

  it('takes the slot from DEVSLOT_SLOT when none is given', () => {
    expect(parse(['exec', '--', 'true'], { DEVSLOT_SLOT: '4' })).toMatchObject({ slot: 4 });
  });
});

describe('each action --help shows the slot forms the grammar takes', () => {
  it.each(Object.keys(ACTION_SPEC) as Action[])('%s', (action) => {
    const usage = helpText(action).split('\n')[0]!;
    const takesSlot = (() => {
      try {
        parseArgs(['2', action, ...(action === 'exec' ? ['--', 'true'] : [])], {});
        return true;
      } catch (e) {
        if (/takes no slot number/.test((e as Error).message)) return false;
        throw e;
      }
    })();
    expect(usage.includes('[SLOT'), usage).toBe(takesSlot);
  });
});
