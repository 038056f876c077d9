/** integrate's text transforms, make's word splitting and the runner-aware hints, as tables. */
import { describe, expect, it } from 'vitest';
import { splitWords } from '../../scripts/cli/tools.js';
import { runnerHint } from '../../scripts/commands/runner-hint.js';
import { integrate, type Runner } from '../../scripts/plan/integrate.js';

describe('integrate', () => {
  for (const r of ['just', 'task', 'mise', 'make', 'npm'] as Runner[]) {
    it(`${r}: a second run is byte-identical and the first keeps what was there`, () => {
      const start = r === 'npm' ? '{"name":"p"}\n' : r === 'task' ? "version: '3'\ntasks:\n  build:\n    cmds: [tsc]\n" : r === 'mise' ? '[tools]\nnode = "20"\n' : '# mine\nbuild:\n\techo b\n';
      const one = integrate(r, start);
      if (!('next' in one)) throw new Error(one.refused);
      expect(one.changed).toBe(true);
      const two = integrate(r, one.next);
      expect(two).toEqual({ next: one.next, changed: false });
      if (r !== 'npm') expect(one.next.startsWith(r === 'task' ? "version: '3'\ntasks:\n" : start)).toBe(true);
      if (r === 'task') expect(one.next.endsWith('  build:\n    cmds: [tsc]\n')).toBe(true);
    });
  }
  it('task: a Taskfile without tasks: is refused; none at all is created', () => {
    expect(integrate('task', "version: '3'\n")).toEqual({ refused: expect.stringMatching(/no top-level `tasks:`/) });
    const made = integrate('task', undefined);
    expect('next' in made && made.next.startsWith("version: '3'\n\ntasks:\n  # >>> devslot")).toBe(true);
  });
  it('npm: another dev script is refused', () => {
    expect(integrate('npm', '{"scripts":{"dev":"vite"}}')).toEqual({ refused: expect.stringMatching(/already has a dev script/) });
  });
  it('a start marker without its end is refused', () => {
    expect(integrate('just', '# >>> devslot: x\nfoo\n')).toEqual({ refused: expect.stringMatching(/not its end marker/) });
  });
});

describe('make ARGS splitting (no expansion)', () => {
  const table: [string, string[]][] = [
    ['', []],
    ['logs --json', ['logs', '--json']],
    ['"a b" --json', ['a b', '--json']],
    ["'a  b' c", ['a  b', 'c']],
    ['$(rm -rf /) `x` ~ *', ['$(rm', '-rf', '/)', '`x`', '~', '*']],
    ['"x\\"y" a\\ b', ['x"y', 'a b']],
    ['""', ['']],
  ];
  for (const [text, words] of table) it(JSON.stringify(text), () => expect(splitWords(text)).toEqual(words));
  it('an unterminated quote is a usage error', () => expect(() => splitWords('"a')).toThrow(/unterminated/));
});

describe('hints use the runner devslot was started from', () => {
  const t: [NodeJS.ProcessEnv, string][] = [
    [{}, 'devslot 1 logs'],
    [{ DEVSLOT_RUNNER: 'just' }, 'just dev 1 logs'],
    [{ DEVSLOT_RUNNER: 'make' }, "make dev SLOT=1 ARGS=logs"],
    [{ DEVSLOT_RUNNER: 'task' }, 'task dev -- 1 logs'],
    [{ DEVSLOT_RUNNER: 'mise' }, 'mise run dev 1 logs'],
    [{ DEVSLOT_RUNNER: 'mise' }, 'mise run dev -- 1 exec -- npm test'],
    [{ npm_lifecycle_event: 'dev', npm_config_user_agent: 'npm/11.0.0 node/v20' }, 'npm run dev -- 1 logs'],
    [{ npm_lifecycle_event: 'slot', npm_config_user_agent: 'pnpm/9.0.0' }, 'pnpm run slot 1 logs'],
  ];
  for (const [env, want] of t) it(want, () => expect(runnerHint(env, want.includes(' exec ') ? ['1', 'exec', '--', 'npm', 'test'] : ['1', 'logs'])).toBe(want));
  it('make quotes ARGS for the shell', () => expect(runnerHint({ DEVSLOT_RUNNER: 'make' }, ['2', 'a b', '--json'])).toBe(`make dev SLOT=2 ARGS='"a b" --json'`));
});
