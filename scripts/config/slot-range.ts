import { UsageError } from '../errors.js';

/** Range check against the config's `slots`; separate so parsing needs no config. */
export function checkSlotInRange(slot: number, slots: number, configPath: string): void {
  if (slot >= slots) {
    throw new UsageError(
      `slot ${slot} is out of range: ${configPath} allows slots 0..${slots - 1} (raise \`slots\` to use more)`,
    );
  }
}
