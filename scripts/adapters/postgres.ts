import { createHash, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import pg from 'pg';
import { ResourceError } from '../errors.js';
import { foreignMark, ownerMark, type CheckoutMark } from '../plan/owner-mark.js';

export { foreignMark, ownerMark };

/**
 * Per-slot databases and roles on one shared Postgres. Every identifier and literal goes through
 * the client's escapeIdentifier/escapeLiteral (utility statements — CREATE DATABASE, CREATE ROLE …
 * PASSWORD — take no bind parameters); queries that can take parameters use them.
 */

/** Where the shared Postgres is, and how long any one call may take. */
export interface PgTarget {
  /** The resource's name in devslot.yaml, for messages (`resources.<name>`). */
  resource: string;
  /** Admin connection URL (a superuser, or a role with CREATEDB and CREATEROLE). A secret. */
  admin: string;
  /** Bound on the connect and on each statement; default 10 s. */
  timeoutMs?: number;
  /** The sessions' application_name (a clone's names its run, so recovery can find them); default `devslot`. */
  application?: string;
}

/** One slot's database and its role (named like the database, owning it). */
export interface PgSlotDb {
  database: string;
  user: string;
  password: string;
}

/**
 * The checkout a slot's database belongs to, kept as the database's comment (plan/owner-mark.ts):
 * a copy of the project must never take over (its start resets the role's password) or drop (its
 * clean) the other's.
 */
export type PgOwner = CheckoutMark;

export interface PgEnsureResult {
  createdDatabase: boolean;
  createdRole: boolean;
  /** The role existed with another password, which was replaced. */
  passwordChanged: boolean;
  /** The database existed but was owned by another role, and now is the slot role's. */
  ownerChanged: boolean;
}

export interface PgDropResult {
  droppedDatabase: boolean;
  droppedRole: boolean;
  /** Left alone: the database belongs to the checkout at this root. */
  foreign?: string;
  /** Sessions that were connected to the database when it was dropped (terminated by FORCE). */
  sessions: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** pg_advisory_lock key: "devslot" in ASCII. Serializes ensures of every slot on one server. */
export const ENSURE_LOCK_KEY = 0x646576736c6f74n.toString();
/** Postgres silently truncates longer identifiers (NAMEDATALEN - 1): refuse instead. */
const MAX_IDENT_BYTES = 63;

/** Make the database and role if missing; converge password, owner and CONNECT rights. Idempotent. */
export async function ensurePostgres(target: PgTarget, want: PgSlotDb, checkout?: PgOwner): Promise<PgEnsureResult> {
  checkName(target, 'database', want.database);
  checkName(target, 'user', want.user);
  return withAdmin(target, 'create the database and role', async (c) => ensureIn(c, target, want, checkout));
}

/** Errors of a session the server or the network ended, where trying again can succeed. */
export function isTransient(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  if (['ECONNRESET', 'ECONNREFUSED', 'EPIPE', '57P01', '57P02', '57P03'].includes(err.code ?? '')) return true;
  return /Connection terminated|terminating connection|the database system is (starting up|shutting down)/i.test(err.message ?? '');
}

async function ensureIn(c: pg.Client, target: PgTarget, want: PgSlotDb, checkout?: PgOwner): Promise<PgEnsureResult> {
  // Concurrent starts of different slots: CREATE DATABASE cannot run in a transaction and has no
  // IF NOT EXISTS, and two CREATE ROLEs race on pg_authid. One session-level lock orders them;
  // the duplicate errors are still treated as "exists" in case a tool outside devslot races us.
  await c.query('SELECT pg_advisory_lock($1::bigint)', [ENSURE_LOCK_KEY]);
  try {
    const result: PgEnsureResult = { createdDatabase: false, createdRole: false, passwordChanged: false, ownerChanged: false };
    const role = c.escapeIdentifier(want.user);
    const db = c.escapeIdentifier(want.database);
    // Before anything changes (the role's password above all): another copy's database is refused.
    const mark = checkout ? foreignMark(await databaseComment(c, want.database), checkout) : undefined;
    if (mark) throw new ResourceError(`resources.${target.resource}: database ${want.database} belongs to another copy of this project (the checkout at ${mark.root}); stop and clean that slot there, or use another slot here`);
    Object.assign(result, await ensureRole(c, want.user, want.password));
    const owner = await databaseOwner(c, want.database);
    if (owner === undefined) {
      try {
        await c.query(`CREATE DATABASE ${db} OWNER ${role}`);
        result.createdDatabase = true;
      } catch (e) {
        if (!isDuplicate(e)) throw e;
      }
    }
    if (!result.createdDatabase && (await databaseOwner(c, want.database)) !== want.user) {
      await c.query(`ALTER DATABASE ${db} OWNER TO ${role}`);
      result.ownerChanged = true;
    }
    // Another slot's role must not connect here (PUBLIC has CONNECT by default); the owner keeps it.
    await c.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${db} FROM PUBLIC`);
    if (checkout) await markOwner(c, want.database, checkout);
    return result;
  } finally {
    await c.query('SELECT pg_advisory_unlock($1::bigint)', [ENSURE_LOCK_KEY]).catch(() => undefined);
  }
}

/**
 * The slot's role, made (LOGIN, the slot's password) if missing, its password set if it differs.
 * The caller holds the ensure lock.
 */
export async function ensureRole(c: pg.Client, user: string, password: string): Promise<{ createdRole: boolean; passwordChanged: boolean }> {
  const role = c.escapeIdentifier(user);
  let createdRole = false;
  if (!(await roleExists(c, user))) {
    try {
      await c.query(`CREATE ROLE ${role} LOGIN PASSWORD ${c.escapeLiteral(password)}`);
      createdRole = true;
    } catch (e) {
      if (!isDuplicate(e)) throw e;
    }
  }
  if (createdRole || (await passwordMatches(c, user, password))) return { createdRole, passwordChanged: false };
  await c.query(`ALTER ROLE ${role} WITH LOGIN PASSWORD ${c.escapeLiteral(password)}`);
  return { createdRole, passwordChanged: true };
}

/** Drop the database (even with sessions open: WITH (FORCE), Postgres 13+) and then its role. */
export async function dropPostgres(target: PgTarget, slot: Omit<PgSlotDb, 'password'>, owner?: PgOwner): Promise<PgDropResult> {
  checkName(target, 'database', slot.database);
  checkName(target, 'user', slot.user);
  return withAdmin(target, 'drop the database and role', async (c) => {
    const mark = owner ? foreignMark(await databaseComment(c, slot.database), owner) : undefined;
    if (mark) return { droppedDatabase: false, droppedRole: false, sessions: 0, foreign: mark.root };
    const sessions = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [slot.database])).rows[0]?.n ?? 0);
    const hadDb = (await databaseOwner(c, slot.database)) !== undefined;
    if (hadDb) await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(slot.database)} WITH (FORCE)`);
    const hadRole = await roleExists(c, slot.user);
    if (hadRole) await c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(slot.user)}`);
    return { droppedDatabase: hadDb, droppedRole: hadRole, sessions: hadDb ? sessions : 0 };
  });
}

/** The root of the checkout whose mark database `database` carries, when that is not `owner`. */
export async function foreignPostgres(target: PgTarget, database: string, owner: PgOwner): Promise<string | undefined> {
  return withAdmin(target, `read the comment of database ${database}`, async (c) => foreignMark(await databaseComment(c, database), owner)?.root);
}

/** Whether the slot's database and role exist. */
export async function postgresExists(target: PgTarget, slot: Omit<PgSlotDb, 'password'>): Promise<{ database: boolean; role: boolean }> {
  return withAdmin(target, 'check the database and role', async (c) => ({
    database: (await databaseOwner(c, slot.database)) !== undefined,
    role: await roleExists(c, slot.user),
  }));
}

export async function databaseComment(c: pg.Client, database: string): Promise<string | null | undefined> {
  const r = await c.query<{ d: string | null }>("SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = $1", [database]);
  return r.rows[0]?.d;
}

/** Marks the database as this checkout's; an admin that may not comment on it (not its owner) leaves it unmarked. */
export async function markOwner(c: pg.Client, database: string, owner: PgOwner): Promise<void> {
  const text = ownerMark(owner);
  if ((await databaseComment(c, database)) === text) return;
  try {
    await c.query(`COMMENT ON DATABASE ${c.escapeIdentifier(database)} IS ${c.escapeLiteral(text)}`);
  } catch (e) {
    if ((e as { code?: string }).code !== '42501') throw e;
  }
}

async function roleExists(c: pg.Client, user: string): Promise<boolean> {
  return (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user])).rowCount === 1;
}

export async function databaseOwner(c: pg.Client, database: string): Promise<string | undefined> {
  const r = await c.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [database]);
  return r.rows[0]?.owner;
}

/**
 * Whether the role's stored verifier is for `password`, so a second ensure changes nothing. An
 * admin that may not read pg_authid (not a superuser) cannot tell: the password is set again.
 */
async function passwordMatches(c: pg.Client, user: string, password: string): Promise<boolean> {
  let stored: string | null | undefined;
  try {
    stored = (await c.query<{ p: string | null }>('SELECT rolpassword AS p FROM pg_authid WHERE rolname = $1', [user])).rows[0]?.p;
  } catch (e) {
    if ((e as { code?: string }).code === '42501') return false;
    throw e;
  }
  return typeof stored === 'string' && verifierMatches(stored, user, password);
}

/** SCRAM-SHA-256 (RFC 5802/7677) and md5 verifiers as Postgres stores them. */
export function verifierMatches(stored: string, user: string, password: string): boolean {
  const scram = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(stored);
  if (scram) {
    const salted = pbkdf2Sync(password.normalize('NFKC'), Buffer.from(scram[2]!, 'base64'), Number(scram[1]), 32, 'sha256');
    const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
    const serverKey = createHmac('sha256', salted).update('Server Key').digest();
    const want = Buffer.concat([Buffer.from(scram[3]!, 'base64'), Buffer.from(scram[4]!, 'base64')]);
    const got = Buffer.concat([storedKey, serverKey]);
    return want.length === got.length && timingSafeEqual(want, got);
  }
  if (stored.startsWith('md5')) return stored === `md5${createHash('md5').update(password + user).digest('hex')}`;
  return false;
}

function isDuplicate(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  // 42P04 duplicate_database, 42710 duplicate_object (role), 23505 a racing insert into the catalog.
  return code === '42P04' || code === '42710' || code === '23505';
}

export function checkName(target: PgTarget, what: string, name: string): void {
  if (name === '' || name.includes('\0') || Buffer.byteLength(name) > MAX_IDENT_BYTES) {
    throw new ResourceError(`resources.${target.resource}: the ${what} name ${JSON.stringify(name)} is not usable in Postgres (1–${MAX_IDENT_BYTES} bytes, no NUL)`);
  }
}

/** One admin session for `fn`, always closed; every failure becomes a ResourceError naming what to check. */
export async function withAdmin<T>(target: PgTarget, what: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const timeout = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let where: string;
  try {
    const u = new URL(target.admin);
    where = `${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
  } catch {
    throw new ResourceError(`resources.${target.resource}: the postgres admin URL is not a URL; expected postgres://USER:PASSWORD@HOST:PORT/DB`);
  }
  const c = new pg.Client({
    connectionString: target.admin,
    connectionTimeoutMillis: timeout,
    query_timeout: timeout,
    statement_timeout: timeout,
    lock_timeout: timeout,
    application_name: target.application ?? 'devslot',
  });
  // A server that goes away mid-call emits 'error' on the client; the pending query rejects too.
  c.on('error', () => undefined);
  try {
    await c.connect();
  } catch (e) {
    await c.end().catch(() => undefined);
    throw adminError(target, where, 'connect', e, timeout);
  }
  try {
    return await fn(c);
  } catch (e) {
    if (e instanceof ResourceError) throw e;
    throw adminError(target, where, what, e, timeout);
  } finally {
    await c.end().catch(() => undefined);
  }
}

function adminError(target: PgTarget, where: string, what: string, e: unknown, timeout: number): ResourceError {
  const out = adminErrorOf(target, where, what, e, timeout);
  out.transient = isTransient(e);
  return out;
}

function adminErrorOf(target: PgTarget, where: string, what: string, e: unknown, timeout: number): ResourceError {
  const err = e as { code?: string; message?: string };
  const at = `resources.${target.resource}: Postgres at ${where}`;
  const check = `check resources.${target.resource}.postgres.admin`;
  switch (err.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ECONNRESET':
      return new ResourceError(`${at} is not reachable (${err.code}); is the shared service running? Then ${check}`);
    case '28P01':
    case '28000':
      return new ResourceError(`${at} refused the admin credentials (${err.message}); ${check} (user and password)`);
    case '3D000':
      return new ResourceError(`${at}: the admin database does not exist (${err.message}); ${check} (the path after the port, usually /postgres)`);
    case '42501':
      return new ResourceError(`${at}: the admin user may not ${what} (${err.message}); use a superuser or a role with CREATEDB and CREATEROLE in ${`resources.${target.resource}.postgres.admin`}`);
    case '2BP01':
      return new ResourceError(`${at}: cannot ${what}: ${err.message}; drop or reassign those objects first`);
    case '55P03':
      return new ResourceError(`${at}: waited ${timeout / 1000}s for a lock to ${what} (another devslot start?); try again`);
  }
  if (/timeout|timed out/i.test(err.message ?? '')) {
    return new ResourceError(`${at} did not answer within ${timeout / 1000}s (${what}); is the shared service healthy? Then ${check}`);
  }
  return new ResourceError(`${at}: could not ${what}: ${(err.message ?? String(e)).split('\n')[0]}`);
}
