import type { PlannedResource } from '../plan/resources.js';

/**
 * Run one ensure-resource or drop-resource operation; returns a line saying what happened
 * (the caller's report names a database dropped with sessions open). Each client library loads
 * only for a resource of its kind: pg and ioredis cost ~0.2–0.3 s to import, which every stop and
 * clean of a project without resources would otherwise pay.
 */
export async function applyResource(verb: 'ensure' | 'drop', r: PlannedResource, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  switch (r.kind) {
    case 'postgres': {
      const { dropPostgres, ensurePostgres } = await import('../adapters/postgres.js');
      const target = { resource: r.name, admin: r.admin };
      if (verb === 'ensure') {
        const e = await ensurePostgres(target, { database: r.database, user: r.user, password: r.password });
        const made = [e.createdDatabase && 'database', e.createdRole && 'role'].filter(Boolean).join(' and ');
        return `resources.${r.name}: ${made ? `created ${made} ${r.database}` : `database ${r.database} exists`}${e.passwordChanged ? ' (role password reset to the slot\'s)' : ''}`;
      }
      const d = await dropPostgres(target, { database: r.database, user: r.user });
      if (!d.droppedDatabase && !d.droppedRole) return `resources.${r.name}: database ${r.database} was already gone`;
      return `resources.${r.name}: dropped database ${r.database}${d.droppedRole ? ' and its role' : ''}${d.sessions ? ` (${d.sessions} open session${d.sessions > 1 ? 's were' : ' was'} closed)` : ''}`;
    }
    case 'redis': {
      const { checkRedisIndex, flushRedisDb } = await import('../adapters/redis.js');
      const target = { resource: r.name, url: r.baseUrl };
      if (verb === 'ensure') {
        await checkRedisIndex(target, r.index, r.slots);
        return `resources.${r.name}: redis DB ${r.index} is available`;
      }
      await flushRedisDb(target, r.index);
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
