import { ResourceError } from '../errors.js';
import { checkoutIdentity } from './identity.js';
import type { Operation } from '../plan/operations.js';
import type { PlannedResource } from '../plan/resources.js';
import { cloneApplication } from '../names.js';

/**
 * Run one ensure-resource or drop-resource operation; returns a line saying what happened
 * (the caller's report names a database dropped with sessions open). Each client library loads
 * only for a resource of its kind: pg and ioredis cost ~0.2–0.3 s to import, which every stop and
 * clean of a project without resources would otherwise pay.
 */
export async function applyResource(verb: 'ensure' | 'drop', r: PlannedResource, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (verb === 'drop') return applyOnce(verb, r, cwd, env);
  // An ensure is idempotent: a session dropped under it is tried again, up to 6 times within ~6 s.
  // Right after the shared services come up, other slots' starts attach them to their networks, and
  // CI saw a connection through the published port cut meanwhile (Postgres and Redis alike).
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyOnce(verb, r, cwd, env);
    } catch (e) {
      if (!(e instanceof ResourceError) || !e.transient || attempt >= 6) throw e;
      await new Promise((res) => setTimeout(res, Math.min(2000, 250 * 2 ** (attempt - 1))));
    }
  }
}

async function applyOnce(verb: 'ensure' | 'drop', r: PlannedResource, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  switch (r.kind) {
    case 'postgres': {
      const { dropPostgres, ensurePostgres } = await import('../adapters/postgres.js');
      const target = { resource: r.name, admin: r.admin };
      // The database is marked as this checkout's: another copy of the project never takes it over or drops it.
      const owner = checkoutIdentity(cwd, verb === 'ensure');
      if (verb === 'ensure') {
        const e = await ensurePostgres(target, { database: r.database, user: r.user, password: r.password }, owner);
        const made = [e.createdDatabase && 'database', e.createdRole && 'role'].filter(Boolean).join(' and ');
        return `resources.${r.name}: ${made ? `created ${made} ${r.database}` : `database ${r.database} exists`}${e.passwordChanged ? ' (role password reset to the slot\'s)' : ''}`;
      }
      const d = await dropPostgres(target, { database: r.database, user: r.user }, owner);
      if (d.foreign) return `resources.${r.name}: left database ${r.database} alone: it belongs to the checkout at ${d.foreign}`;
      if (!d.droppedDatabase && !d.droppedRole) return `resources.${r.name}: database ${r.database} was already gone`;
      return `resources.${r.name}: dropped database ${r.database}${d.droppedRole ? ' and its role' : ''}${d.sessions ? ` (${d.sessions} open session${d.sessions > 1 ? 's were' : ' was'} closed)` : ''}`;
    }
    case 'redis': {
      const { ensureRedisDb, flushRedisDb } = await import('../adapters/redis.js');
      const target = { resource: r.name, url: r.baseUrl };
      // The DB index is marked as this checkout's (adapters/redis.ts OWNER_KEY), like a database.
      const owner = checkoutIdentity(cwd, verb === 'ensure');
      if (verb === 'ensure') {
        await ensureRedisDb(target, r.index, owner, r.slots);
        return `resources.${r.name}: redis DB ${r.index} is available`;
      }
      const d = await flushRedisDb(target, r.index, owner);
      if (d.foreign) return `resources.${r.name}: left redis DB ${r.index} alone: it belongs to the checkout at ${d.foreign}`;
      return `resources.${r.name}: emptied redis DB ${r.index}`;
    }
    case 'command': {
      const { commandResourceExists, runCommandResource } = await import('../adapters/resource-command.js');
      const target = { resource: r.name, cwd, env };
      const exists = await commandResourceExists(target, r.exists);
      if (verb === 'ensure') {
        if (exists) return `resources.${r.name}: exists`;
        await runCommandResource(target, 'create', r.create);
        return `resources.${r.name}: created`;
      }
      if (!exists) return `resources.${r.name}: was already gone`;
      await runCommandResource(target, 'drop', r.drop);
      return `resources.${r.name}: dropped`;
    }
  }
}

/**
 * Starts loading the client libraries of these kinds without waiting: a start calls it before
 * planning, whose compose CLI calls leave the process idle for longer than the imports take.
 * A failure here is met again, and reported, when the resource is applied.
 */
export function preloadResourceClients(kinds: Iterable<string>): void {
  const k = new Set(kinds);
  if (k.has('postgres')) import('../adapters/postgres.js').catch(() => undefined);
  if (k.has('redis')) import('../adapters/redis.js').catch(() => undefined);
}

/**
 * clone: the target slot's resource made a copy of the source's (adapters/postgres-clone.ts,
 * adapters/redis.ts); returns the line the report prints. Both must be on the same server: a
 * TEMPLATE copy and COPY … DB n work within one.
 */
export async function copyResource(op: Extract<Operation, { kind: 'copy-resource' }>, deadline: number): Promise<string> {
  const { from, to } = op;
  if (from.kind === 'postgres' && to.kind === 'postgres') {
    if (server(from.admin) !== server(to.admin)) throw new ResourceError(`resources.${to.name}: the source database is on ${server(from.admin)} and the target's on ${server(to.admin)}; a clone copies within one Postgres`);
    const { clonePostgres } = await import('../adapters/postgres-clone.js');
    // The copy itself may take long on a big database: bounded by --timeout, not by the 10 s of a catalog call.
    const r = await clonePostgres({ resource: to.name, admin: to.admin, timeoutMs: Math.max(10_000, deadline - Date.now()), application: cloneApplication(op.run) }, { database: from.database, user: from.user }, { database: to.database, user: to.user, password: to.password }, op.replace, checkoutIdentity(op.cwd, true));
    return `resources.${to.name}: database ${to.database} copied from ${from.database}${r.replaced ? ' (replacing the one there)' : ''}, owned by role ${to.user}; ${from.database} was closed to connections for ${r.closedMs} ms${r.sessions ? ` (${r.sessions} session${r.sessions > 1 ? 's' : ''} ended)` : ''}`;
  }
  if (from.kind === 'redis' && to.kind === 'redis') {
    if (server(from.baseUrl) !== server(to.baseUrl)) throw new ResourceError(`resources.${to.name}: the source Redis is ${server(from.baseUrl)} and the target's ${server(to.baseUrl)}; a clone copies within one Redis`);
    const { copyRedisDb } = await import('../adapters/redis.js');
    const r = await copyRedisDb({ resource: to.name, url: to.baseUrl }, from.index, to.index, op.replace, checkoutIdentity(op.cwd, true));
    return `resources.${to.name}: redis DB ${to.index} holds a copy of DB ${from.index} (${r.keys} key${r.keys === 1 ? '' : 's'})`;
  }
  throw new ResourceError(`resources.${to.name}: a ${to.kind} resource cannot be copied`);
}

function server(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port}`;
  } catch {
    return url;
  }
}
