import dotenv from 'dotenv';
import { describe, expect, it } from 'vitest';
import { buildEnvFile } from '../../scripts/plan/env-file.js';
import { rewriteValue } from '../../scripts/plan/env-rewrite.js';

const shift = new Map([[9000, 9200], [6379, 6579], [5433, 5633], [3211, 3411]]);
const rw = (key: string, raw: string) => rewriteValue(key, raw, shift).raw;

describe('exact-token port rewriting', () => {
  it.each([
    ['URL', 'http://localhost:9000', 'http://localhost:9200'],
    ['URL', 'http://localhost:90001', 'http://localhost:90001'],
    ['URL', 'localhost:9000/x', 'localhost:9200/x'],
    ['DATABASE_URL', 'postgres://u:p@localhost:5433/db', 'postgres://u:p@localhost:5633/db'],
    ['REDIS', 'redis://127.0.0.1:6379/0', 'redis://127.0.0.1:6579/0'],
    ['A', 'http://0.0.0.0:9000', 'http://0.0.0.0:9200'],
    ['A', 'http://[::1]:9000/', 'http://[::1]:9200/'],
    ['A', 'http://host.docker.internal:6379', 'http://host.docker.internal:6579'],
    ['A', 'a=localhost:9000,b=localhost:6379', 'a=localhost:9200,b=localhost:6579'],
    ['CACHE', 'cache:6379', 'cache:6379'],
    ['TIME', '12:6379', '12:6379'],
    ['A', 'notlocalhost:9000', 'notlocalhost:9000'],
    ['A', 'localhost:8000', 'localhost:8000'],
    ['A', 'localhost:09000', 'localhost:09000'],
    ['PORT', '3211', '3411'],
    ['API_PORT', '"3211"', '"3411"'],
    ['api_port', "'3211'", "'3411'"],
    ['PORT', '32110', '32110'],
    ['PORT', '1234', '1234'],
    ['TIMEOUT', '3211', '3211'],
    ['PORTAL', '3211', '3211'],
  ])('%s=%s → %s', (key, raw, expected) => expect(rw(key, raw)).toBe(expected));
});

const vars = { slot: 2, project: 'app-dev-2', name: 'app', ports: { api: 3411, redis: 6579 } };
const build = (template: string, set: Record<string, string> = {}) =>
  buildEnvFile({ template: { text: template, display: 'api/.env' }, set, setWhere: 'env.api.set', vars, shift, devslotVars: { DEVSLOT_SLOT: '2' }, header: '# generated\n' });

describe('env files', () => {
  const template = [
    '# a comment',
    'export API_URL=http://localhost:3211/v1',
    'PIPE=a|b&c\\d',
    'QUOTED="say \'hi\' at localhost:6379"',
    "SINGLE='keep $HOME \\n literal'",
    'MULTI="line one',
    'line two localhost:6379"',
    'EMPTY=',
    'INLINE=value # trailing comment',
    'PORT=3211',
    '',
  ].join('\n');

  it('rewrites ports and keeps everything else byte for byte', () => {
    const { text } = build(template);
    expect(text).toBe(
      '# generated\n' +
        template
          .replace('localhost:3211', 'localhost:3411')
          .replace("at localhost:6379", 'at localhost:6579')
          .replace('two localhost:6379', 'two localhost:6579')
          .replace('PORT=3211', 'PORT=3411') +
        'DEVSLOT_SLOT=2\n',
    );
    const before = dotenv.parse(template);
    const after = dotenv.parse(text);
    expect(after.PIPE).toBe(before.PIPE);
    expect(after.SINGLE).toBe(before.SINGLE);
    expect(after.MULTI).toBe('line one\nline two localhost:6579');
    expect(after.EMPTY).toBe('');
    expect(after.INLINE).toBe('value');
  });

  it('applies set after rewriting, keeping the line and its quotes, and appends new keys', () => {
    const { text, explain } = build(template, { QUOTED: '{{ports.api}} says "hi"', NEW: 'slot {{slot}} of {{project}}', PORT: '{{ports.api}}' });
    const env = dotenv.parse(text);
    expect(env.QUOTED).toBe('3411 says "hi"');
    expect(env.NEW).toBe('slot 2 of app-dev-2');
    expect(env.PORT).toBe('3411');
    expect(text).toContain("QUOTED='3411 says \"hi\"'");
    expect(explain.PORT!.map((s) => s.source)).toEqual(['template', 'rewrite', 'set']);
  });

  it('round-trips awkward values through dotenv', () => {
    const awkward = ['a|b', 'x & y', 'back\\slash', 'it\'s', 'say "x"', 'tick`s', 'two\nlines', ' spaced ', '#hash', 'trailing\\'];
    for (const value of awkward) {
      const { text } = build('', { V: value });
      expect(dotenv.parse(text).V, JSON.stringify(value)).toBe(value);
    }
  });

  it('rejects an invalid template line, naming file and line', () => {
    expect(() => build('A=1\nthis is not a pair\n')).toThrow(/api\/\.env:2: not a KEY=VALUE line/);
  });

  it('names an unknown port in a set template', () => {
    expect(() => build('', { X: '{{ports.apj}}' })).toThrow(/env\.api\.set\.X: \{\{ports\.apj\}\} names an unknown port `apj` \(did you mean `api`\?\)/);
  });
});
