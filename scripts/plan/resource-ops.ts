import { StateError } from '../errors.js';
import type { PlannedResource } from './resources.js';
import { MASK, maskKnown, maskValue } from './secrets.js';

/** Pure: the ensure operations of a start, one per resource of the plan, before any app starts. */
export function ensureResourceOps(slot: number, resources: Record<string, PlannedResource>, cwd: string) {
  return Object.values(resources).map((resource) => ({
    slot,
    kind: 'ensure-resource' as const,
    resource,
    cwd,
    cause: `resources.${resource.name}: made if missing, before the slot's apps start (idempotent)`,
  }));
}

/**
 * Databases and roles no slot owns: Postgres's own, and the ones the admin connection logs in with.
 * clean takes what to drop from resources.json, a file on disk: a damaged or hand-edited record
 * naming one of these must never reach DROP DATABASE … WITH (FORCE) / DROP ROLE.
 */
function refuseUnowned(slot: number, r: PlannedResource): void {
  if (r.kind !== 'postgres') return;
  let adminUser = '';
  let adminDb = '';
  try {
    const u = new URL(r.admin);
    adminUser = decodeURIComponent(u.username);
    adminDb = decodeURIComponent(u.pathname.replace(/^\//, ''));
  } catch {
    // An admin URL that does not parse fails at the drop itself, with its own line.
  }
  const databases = new Set(['postgres', 'template0', 'template1', adminDb || 'postgres']);
  const roles = new Set(['postgres', adminUser || 'postgres']);
  const hit = [databases.has(r.database) ? `database ${r.database}` : '', roles.has(r.user) ? `role ${r.user}` : ''].filter(Boolean);
  if (hit.length) {
    throw new StateError(
      `resources.${r.name} of slot ${slot} names ${hit.join(' and ')}, which belong to the server or its admin connection, not to the slot; ` +
        `left them alone: fix or remove .instances/instance-${slot}/resources.json (its record of what the slot's start made) and run clean again`,
    );
  }
}

/** Pure: clean's drop operations, for exactly the resources recorded for this slot. */
export function dropResourceOps(slot: number, resources: PlannedResource[], cwd: string) {
  for (const r of resources) refuseUnowned(slot, r);
  return resources.map((resource) => ({
    slot,
    kind: 'drop-resource' as const,
    resource,
    cwd,
    cause: `resources.${resource.name} of slot ${slot} (clean drops exactly this slot's resources)`,
  }));
}

/** One line for --dry-run and the trace, credentials masked. */
export function describeResource(verb: 'ensure' | 'drop', r: PlannedResource): string {
  switch (r.kind) {
    case 'postgres':
      return verb === 'ensure'
        ? `ensure postgres database ${r.database} owned by role ${r.user} on ${on(r.admin)} (resources.${r.name})`
        : `drop postgres database ${r.database} WITH (FORCE) and role ${r.user} on ${on(r.admin)} (resources.${r.name})`;
    case 'redis':
      return verb === 'ensure'
        ? `check redis DB ${r.index} exists and mark it as this checkout's (SET devslot:owner NX; refused if another checkout's) on ${on(r.baseUrl)} (resources.${r.name})`
        : `redis FLUSHDB of DB ${r.index} only, unless another checkout's mark is on it, on ${on(r.baseUrl)} (resources.${r.name})`;
    case 'command':
      return verb === 'ensure'
        ? `${r.exists.map(quote).join(' ')} || ${r.create.map(quote).join(' ')}  (resources.${r.name})`
        : `${r.exists.map(quote).join(' ')} && ${r.drop.map(quote).join(' ')}  (resources.${r.name})`;
  }
}

/** One line for clone's copy of a resource, credentials masked (only postgres and redis are copied). */
export function describeCopy(from: PlannedResource, to: PlannedResource, replace: boolean): string {
  const q = (n: string) => `"${n.replaceAll('"', '""')}"`;
  if (from.kind === 'postgres' && to.kind === 'postgres') {
    return `${replace ? `DROP DATABASE ${q(to.database)} WITH (FORCE) if it exists; ` : ''}CREATE DATABASE ${q(to.database)} TEMPLATE ${q(from.database)} OWNER ${q(to.user)} on ${on(to.admin)} (${q(from.database)} closed to connections meanwhile, its sessions ended), then REASSIGN OWNED BY ${q(from.user)} TO ${q(to.user)} in it (resources.${to.name})`;
  }
  if (from.kind === 'redis' && to.kind === 'redis') {
    const refused = replace ? `another checkout's mark` : `keys or another checkout's mark`;
    return `redis: empty DB ${to.index}, then COPY every key of DB ${from.index} into it but DB ${from.index}'s devslot:owner mark, DB ${to.index} marked as this checkout's instead (refused if DB ${to.index} holds ${refused}) on ${on(to.baseUrl)} (resources.${to.name})`;
  }
  return `copy resources.${from.name} (${from.kind}): not supported`;
}

/** The resource for --dry-run --json: passwords and admin credentials masked. */
export function maskedResource(r: PlannedResource): PlannedResource {
  if (r.kind === 'postgres') {
    return { ...r, admin: maskValue('url', r.admin), password: MASK, url: maskKnown(maskValue('url', r.url), [r.password]) };
  }
  if (r.kind === 'redis') return { ...r, url: maskValue('url', r.url), baseUrl: maskValue('url', r.baseUrl) };
  return r;
}

/** host:port of a URL, credentials and path left out. */
function on(url: string): string {
  return maskValue('url', url).replace(/^[a-z]+:\/\/(?:[^@/]*@)?/, '').replace(/\/.*$/, '');
}

function quote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
