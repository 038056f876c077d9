import { readRegistry } from '../adapters/registry.js';
import type { Lease } from './leases.js';

/** This project's leases in the repository's registry (read only). */
export function readLeases(commonDir: string, name: string): Lease[] {
  return readRegistry(commonDir).projects[name] ?? [];
}
