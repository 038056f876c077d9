import { UsageError } from '../errors.js';

/** DESIGN §2: a slot is a non-negative decimal integer; leading zeros are normalized away. */
const SLOT_RE = /^[0-9]+$/;

export function isSlotToken(text: string): boolean {
  return SLOT_RE.test(text);
}

/**
 * Parse a slot as typed by a person. `source` names where it came from (argument or
 * DEVSLOT_SLOT) so the error says what to fix.
 */
export function parseSlot(text: string, source = 'slot'): number {
  if (!SLOT_RE.test(text)) {
    throw new UsageError(
      `${source} ${JSON.stringify(text)} is not a slot: use a whole number 0 or above, like 0, 1 or 2`,
    );
  }
  const n = Number.parseInt(text, 10);
  if (!Number.isSafeInteger(n)) {
    throw new UsageError(`${source} ${JSON.stringify(text)} is too large for a slot: use a small whole number, below devslot.yaml's \`slots\` (10 unless set)`);
  }
  return n;
}
