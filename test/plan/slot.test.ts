import { describe, expect, it } from 'vitest';
import { parseSlot } from '../../scripts/cli/slot.js';
import { UsageError } from '../../scripts/errors.js';

describe('parseSlot', () => {
  it.each([
    ['0', 0],
    ['2', 2],
    ['02', 2],
    ['0009', 9],
    ['123', 123],
  ])('%s → %i', (text, slot) => expect(parseSlot(text)).toBe(slot));

  it.each(['-1', '1.5', 'abc', '1e3', '', ' 1', '+2', '0x10', '٣', '99999999999999999999'])('rejects %j', (text) => {
    expect(() => parseSlot(text)).toThrow(UsageError);
  });
});
