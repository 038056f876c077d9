import { describe, expect, it } from 'vitest';
import { parseSlot } from '../../scripts/cli/slot.js';

describe('a slot too large for a number', () => {
  it('says what to use instead, exit 1 (usage)', () => {
    let err: { kind?: string; exitCode?: number; message?: string } = {};
    try {
      parseSlot('99999999999999999999');
    } catch (e) {
      err = e as typeof err;
    }
    expect([err.kind, err.exitCode]).toEqual(['usage', 1]);
    expect(err.message).toBe('slot "99999999999999999999" is too large for a slot: use a small whole number, below devslot.yaml\'s `slots` (10 unless set)');
  });
});
