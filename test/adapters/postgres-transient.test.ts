import { describe, expect, it } from 'vitest';
import { isTransient } from '../../scripts/adapters/postgres.js';

/**
 * Which failures of a resource's ensure are tried again (it is idempotent): a session the server or
 * the engine's port proxy ended. Bad credentials, a missing privilege or a refusal are said at once.
 */
describe('a dropped Postgres session is tried again; a refusal is not', () => {
  it.each([
    ['the proxy cut the connection', { message: 'Connection terminated unexpectedly' }, true],
    ['reset', { code: 'ECONNRESET' }, true],
    ['nothing listens yet', { code: 'ECONNREFUSED' }, true],
    ['starting up', { code: '57P03', message: 'the database system is starting up' }, true],
    ['an admin shut the session', { code: '57P01', message: 'terminating connection due to administrator command' }, true],
    ['bad credentials', { code: '28P01', message: 'password authentication failed' }, false],
    ['no privilege', { code: '42501', message: 'permission denied to create database' }, false],
    ['a host that does not exist', { code: 'ENOTFOUND' }, false],
  ])('%s', (_what, e, transient) => expect(isTransient(e)).toBe(transient));
});

describe('a dropped session is marked transient on the error the ensure sees, Postgres and Redis alike', async () => {
  const { ensurePostgres } = await import('../../scripts/adapters/postgres.js');
  const { ensureRedisDb } = await import('../../scripts/adapters/redis.js');
  const net = await import('node:net');
  it('a server that accepts and closes at once (what a port proxy with no backend does)', async () => {
    const server = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const pgErr = await ensurePostgres({ resource: 'db', admin: `postgres://a:b@127.0.0.1:${port}/postgres`, timeoutMs: 3000 }, { database: 'x', user: 'x', password: 'p'.repeat(20) }).catch((e: unknown) => e);
      expect(pgErr).toMatchObject({ kind: 'resource', transient: true });
      const redisErr = await ensureRedisDb({ resource: 'cache', url: `redis://127.0.0.1:${port}`, timeoutMs: 3000 }, 1, { id: 'i', root: '/r' }).catch((e: unknown) => e);
      expect(redisErr).toMatchObject({ kind: 'resource', transient: true });
    } finally {
      server.close();
    }
  });
});
