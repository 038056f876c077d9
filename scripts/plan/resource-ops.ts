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

/** Pure: clean's drop operations, for exactly the resources recorded for this slot. */
export function dropResourceOps(slot: number, resources: PlannedResource[], cwd: string) {
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
  const on = (url: string) => maskValue('url', url).replace(/^[a-z]+:\/\/(?:[^@/]*@)?/, '').replace(/\/.*$/, '');
  switch (r.kind) {
    case 'postgres':
      return verb === 'ensure'
        ? `ensure postgres database ${r.database} owned by role ${r.user} on ${on(r.admin)} (resources.${r.name})`
        : `drop postgres database ${r.database} WITH (FORCE) and role ${r.user} on ${on(r.admin)} (resources.${r.name})`;
    case 'redis':
      return verb === 'ensure'
        ? `check redis DB ${r.index} exists on ${on(r.baseUrl)} (resources.${r.name})`
        : `redis FLUSHDB of DB ${r.index} only on ${on(r.baseUrl)} (resources.${r.name})`;
    case 'command':
      return verb === 'ensure'
        ? `${r.exists.map(quote).join(' ')} || ${r.create.map(quote).join(' ')}  (resources.${r.name})`
        : `${r.exists.map(quote).join(' ')} && ${r.drop.map(quote).join(' ')}  (resources.${r.name})`;
  }
}

/** The resource for --dry-run --json: passwords and admin credentials masked. */
export function maskedResource(r: PlannedResource): PlannedResource {
  if (r.kind === 'postgres') {
    return { ...r, admin: maskValue('url', r.admin), password: MASK, url: maskKnown(maskValue('url', r.url), [r.password]) };
  }
  if (r.kind === 'redis') return { ...r, url: maskValue('url', r.url), baseUrl: maskValue('url', r.baseUrl) };
  return r;
}

function quote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
