import { array, int, nullable, object, parseJson, record, shapeProblem, str } from '../plan/shape.js';
import type { Registry } from './leases.js';

const leaseShape = object({ slot: int, worktree: str, branch: nullable(str), commit: str, created: str, used: str });
const registryShape = object({ projects: record(array(leaseShape)) });

/**
 * leases.json text → the registry, or why it cannot be used. Pure. `newer`: it was written by a
 * newer devslot (another version number): never set that aside, it is not broken.
 */
export function parseRegistry(text: string): { ok: true; registry: Registry } | { ok: false; problem: string; newer?: boolean } {
  const json = parseJson(text);
  if (!json.ok) return json;
  const v = json.value as { version?: unknown };
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, problem: 'not a JSON object' };
  if (typeof v.version === 'number' && v.version > 1) return { ok: false, problem: `version ${v.version}, written by a newer devslot`, newer: true };
  if (v.version !== 1) return { ok: false, problem: 'version: not 1' };
  const bad = shapeProblem(registryShape, v);
  return bad ? { ok: false, problem: bad } : { ok: true, registry: v as Registry };
}
