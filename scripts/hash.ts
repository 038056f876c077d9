import { createHash } from 'node:crypto';
import fs from 'node:fs';

/**
 * The one content hash devslot keys its caches with: the config cache, the saved plan and the
 * applied mark compare these, so every producer and reader must use this function.
 */
export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The file's sha256, or null when it cannot be read (absent). */
export function sha256OrNull(abs: string): string | null {
  try {
    return sha256(fs.readFileSync(abs));
  } catch {
    return null;
  }
}
