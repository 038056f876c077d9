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
