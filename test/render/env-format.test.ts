import dotenv from 'dotenv';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../scripts/errors.js';
import { formatEnv } from '../../scripts/render/env-format.js';

/** Values a shell or a dotenv reader would mangle if quoted carelessly. */
const HOSTILE: Record<string, string> = {
  SPACES: 'Workflow  engine ',
  SINGLE: "it's",
  DOUBLE: 'say "hi"',
  DOLLAR: '$HOME ${PATH} $(id)',
  BACKTICK: '`id`',
  NEWLINES: 'line1\nline2\n',
  EQUALS: 'a=b==c',
  BACKSLASH: 'C:\\temp\\n',
  HASH: 'x #not a comment',
  EMPTY: '',
  SEMI: 'a; rm -rf /tmp/nothing-here &',
};

describe('env --format', () => {
  it('sh: bash evals it back to exactly the same values', () => {
    const { text, skipped } = formatEnv(HOSTILE, 'sh');
    expect(skipped).toEqual([]);
    const keys = Object.keys(HOSTILE);
    const script = `${text}\nfor k in ${keys.join(' ')}; do printf '%s\\0' "\${!k}"; done`;
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(Object.values(HOSTILE));
  });

  it('sh: leaves out (and reports) keys no shell can name, instead of a line eval would choke on', () => {
    const { text, skipped } = formatEnv({ 'A.B': '1', 'my-key': '2', OK_1: '3' }, 'sh');
    expect(text).toBe("export OK_1='3'\n");
    expect(skipped).toEqual(['A.B', 'my-key']);
  });

  it('dotenv: dotenv parses it back to exactly the same values', () => {
    const { text } = formatEnv(HOSTILE, 'dotenv');
    expect(dotenv.parse(text)).toEqual(HOSTILE);
  });

  it('dotenv: refuses a value holding \', " and ` at once (no dotenv quoting carries it)', () => {
    expect(() => formatEnv({ K: `'"\`` }, 'dotenv')).toThrow(ConfigError);
  });

  it('json: one object', () => {
    expect(JSON.parse(formatEnv(HOSTILE, 'json').text)).toEqual(HOSTILE);
  });
});
