import { describe, expect, it } from 'vitest';
import { isNewLine } from '../../scripts/commands/logs.js';

/** The live stream starts at the second the backlog ended: lines already shown are skipped once. */
describe('isNewLine', () => {
  const run = (end: { time: number; shown: string[] }, lines: [number, string][]) => lines.filter(([time, text]) => isNewLine(end, { time, text })).map(([, t]) => t);

  it('skips what came before the backlog ended, and what it showed at its last instant', () => {
    expect(run({ time: 1500, shown: ['b'] }, [[1000, 'old'], [1500, 'b'], [1500, 'c'], [1600, 'd']])).toEqual(['c', 'd']);
  });
  it('skips a repeated text only as often as it was shown', () => {
    expect(run({ time: 2000, shown: ['x'] }, [[2000, 'x'], [2000, 'x'], [2001, 'x']])).toEqual(['x', 'x']);
  });
  it('shows everything after an empty backlog', () => {
    expect(run({ time: 0, shown: [] }, [[5, 'first'], [6, 'second']])).toEqual(['first', 'second']);
  });
});
