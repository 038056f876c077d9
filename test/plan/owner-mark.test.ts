import { describe, expect, it } from 'vitest';
import { foreignMark, markAction, ownerMark, type MarkAction } from '../../scripts/plan/owner-mark.js';

const ME = { id: '11111111-aaaa', root: '/work/proj' };
const COPY = { id: '22222222-bbbb', root: '/work/proj-copy' };

describe('checkout marks on shared resources (a database comment, a Redis DB key)', () => {
  it('reads back what it writes, roots with spaces, quotes and newlines included', () => {
    for (const root of ['/work/proj-2', '/home/a b/"x"; $(y)', '/tmp/line\nbreak']) {
      const owner = { id: '33333333-cccc', root };
      expect(foreignMark(ownerMark(owner), ME)).toEqual(owner);
    }
  });

  const table: [string, string | null | undefined, MarkAction][] = [
    ['no mark (never started since marks, or made by hand): taken', null, { kind: 'take' }],
    ['an empty comment: taken', '', { kind: 'take' }],
    ['text that is not a mark: taken (rewritten)', 'cache for the api', { kind: 'take' }],
    ['a mark with an id that is not one: taken', 'devslot checkout ZZZZ at /elsewhere', { kind: 'take' }],
    ['this checkout, as written', ownerMark(ME), { kind: 'keep' }],
    ['this root with an old id (.identity replaced): ours, rewritten', ownerMark({ id: '44444444-dddd', root: ME.root }), { kind: 'refresh' }],
    ['this id at another root: ours, rewritten', ownerMark({ id: ME.id, root: '/moved' }), { kind: 'refresh' }],
    ['another copy of the project: refused', ownerMark(COPY), { kind: 'foreign', owner: COPY }],
  ];
  it.each(table)('%s', (_what, text, want) => {
    expect(markAction(text, ME)).toEqual(want);
    expect(foreignMark(text, ME)).toEqual(want.kind === 'foreign' ? want.owner : undefined);
  });
});
