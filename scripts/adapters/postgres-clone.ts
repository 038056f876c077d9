import type pg from 'pg';
import { ResourceError } from '../errors.js';
import { checkName, databaseComment, databaseOwner, ENSURE_LOCK_KEY, ensureRole, foreignMark, markOwner, withAdmin, type PgOwner, type PgSlotDb, type PgTarget } from './postgres.js';

/**
 * `clone FROM TO` of a slot's database on the shared Postgres (DESIGN §9, §13): TO's database is
 * `CREATE DATABASE to TEMPLATE from OWNER to-role`, and everything inside that FROM's role owned
 * becomes TO's role's. Identifiers go through escapeIdentifier only.
 */

export interface PgCloneResult {
  /** How long FROM's database refused new connections (ms). */
  closedMs: number;
  /** Sessions of FROM's database that were ended so the copy could start. */
  sessions: number;
  /** TO's database existed and was dropped first (--force). */
  replaced: boolean;
}

/**
 * CREATE DATABASE … TEMPLATE fails while anyone is connected to the template, and the source slot's
 * apps are: FROM is closed to new connections (ALLOW_CONNECTIONS false), its sessions ended, the
 * copy made, and FROM opened again whatever happened. A failure after TO's database was made drops
 * it again: no partial target. An existing TO database is refused unless `replace`, and always when
 * another checkout marked it. With `owner`, TO is marked as that checkout's (a TEMPLATE copy takes
 * no comment along, so TO would otherwise be nobody's until its slot's next start).
 */
export async function clonePostgres(target: PgTarget, from: Omit<PgSlotDb, 'password'>, to: PgSlotDb, replace: boolean, owner?: PgOwner): Promise<PgCloneResult> {
  for (const [what, name] of [['database', from.database], ['user', from.user], ['database', to.database], ['user', to.user]] as const) checkName(target, what, name);
  if (from.database === to.database || from.user === to.user) throw new ResourceError(`resources.${target.resource}: source and target are both ${from.database}; nothing to copy`);
  const result = await withAdmin(target, `copy database ${from.database} into ${to.database}`, async (c) => {
    // The lock start's ensure takes: a start of TO cannot make an empty TO database meanwhile.
    await c.query('SELECT pg_advisory_lock($1::bigint)', [ENSURE_LOCK_KEY]);
    try {
      if ((await databaseOwner(c, from.database)) === undefined) throw new ResourceError(`resources.${target.resource}: the source database ${from.database} does not exist; start the source slot first`);
      let replaced = false;
      if ((await databaseOwner(c, to.database)) !== undefined) {
        const mark = owner ? foreignMark(await databaseComment(c, to.database), owner) : undefined;
        if (mark) throw new ResourceError(`resources.${target.resource}: database ${to.database} belongs to another copy of this project (the checkout at ${mark.root}); clean it there, or clone into another slot`);
        if (!replace) throw new ResourceError(`resources.${target.resource}: database ${to.database} exists; clean the target slot first, or pass --force to replace it`);
        await c.query(`DROP DATABASE ${c.escapeIdentifier(to.database)} WITH (FORCE)`);
        replaced = true;
      }
      await ensureRole(c, to.user, to.password);
      const made = await templateCopy(c, target, from.database, to.database, to.user);
      try {
        // CREATE DATABASE does not copy the template's ACL: only TO's owner may connect, as ensure leaves it.
        await c.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${c.escapeIdentifier(to.database)} FROM PUBLIC`);
        if (owner) await markOwner(c, to.database, owner);
      } catch (e) {
        await dropCopy(c, to.database);
        throw e;
      }
      return { ...made, replaced };
    } finally {
      await c.query('SELECT pg_advisory_unlock($1::bigint)', [ENSURE_LOCK_KEY]).catch(() => undefined);
    }
  });
  try {
    await reassign(target, from.user, to);
  } catch (e) {
    await withAdmin(target, `drop the partial copy ${to.database}`, (c) => dropCopy(c, to.database)).catch(() => undefined);
    throw e;
  }
  return result;
}

async function templateCopy(c: pg.Client, target: PgTarget, from: string, to: string, owner: string): Promise<{ closedMs: number; sessions: number }> {
  const src = c.escapeIdentifier(from);
  const started = Date.now();
  await c.query(`ALTER DATABASE ${src} ALLOW_CONNECTIONS false`);
  let sessions = 0;
  let failed: unknown;
  try {
    const ended = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()) t', [from]);
    sessions = ended.rows[0]?.n ?? 0;
    // Ended sessions exit asynchronously: Postgres waits up to 5 s for them before refusing the copy.
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(to)} TEMPLATE ${src} OWNER ${c.escapeIdentifier(owner)}`);
  } catch (e) {
    failed = e;
  } finally {
    await reopen(c, target, from, failed);
  }
  if (failed) throw failed;
  return { closedMs: Date.now() - started, sessions };
}

/** FROM opened again: on this session, or a fresh one if this one broke; a failure to is said with the fix. */
async function reopen(c: pg.Client, target: PgTarget, database: string, failed: unknown): Promise<void> {
  const sql = (x: pg.Client) => x.query(`ALTER DATABASE ${x.escapeIdentifier(database)} ALLOW_CONNECTIONS true`);
  try {
    await sql(c);
    return;
  } catch {
    // The session itself may be gone: one more try on a new one.
  }
  try {
    await withAdmin(target, `open database ${database} again`, async (x) => void (await sql(x)));
  } catch (e) {
    const why = failed ? ` (after: ${(failed as Error).message})` : '';
    throw new ResourceError(`resources.${target.resource}: database ${database} was left closed to connections: ${(e as Error).message}${why}; run \`ALTER DATABASE ${c.escapeIdentifier(database)} ALLOW_CONNECTIONS true\` as the admin`);
  }
}

/**
 * Everything FROM's role owns inside the copy becomes TO's role's. REASSIGN OWNED also hands over
 * shared objects (databases, tablespaces) FROM's role owns: FROM's own database among them (the
 * Postgres 15 docs, REASSIGN OWNED). So those are given back in the same transaction.
 */
async function reassign(target: PgTarget, fromUser: string, to: PgSlotDb): Promise<void> {
  let admin: URL;
  try {
    admin = new URL(target.admin);
  } catch {
    throw new ResourceError(`resources.${target.resource}: the postgres admin URL is not a URL`);
  }
  admin.pathname = `/${encodeURIComponent(to.database)}`;
  await withAdmin({ ...target, admin: admin.href }, `give the objects of ${to.database} to role ${to.user}`, async (c) => {
    const oldRole = c.escapeIdentifier(fromUser);
    await c.query('BEGIN');
    try {
      const dbs = await c.query<{ n: string }>('SELECT datname AS n FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = $1) AND datname <> $2', [fromUser, to.database]);
      const spaces = await c.query<{ n: string }>('SELECT spcname AS n FROM pg_tablespace WHERE spcowner = (SELECT oid FROM pg_roles WHERE rolname = $1)', [fromUser]);
      await c.query(`REASSIGN OWNED BY ${oldRole} TO ${c.escapeIdentifier(to.user)}`);
      for (const r of dbs.rows) await c.query(`ALTER DATABASE ${c.escapeIdentifier(r.n)} OWNER TO ${oldRole}`);
      for (const r of spaces.rows) await c.query(`ALTER TABLESPACE ${c.escapeIdentifier(r.n)} OWNER TO ${oldRole}`);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  });
}

async function dropCopy(c: pg.Client, database: string): Promise<void> {
  await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(database)} WITH (FORCE)`);
}

/**
 * A clone killed half way (SIGKILL: no finally ran): FROM opened again if it was left closed, TO's
 * database (made by that run, or replaced by it with --force) dropped. Says what it did.
 */
export async function undoPostgresClone(target: PgTarget, from: string, to: string, application: string): Promise<{ reopened: boolean; dropped: boolean }> {
  checkName(target, 'database', from);
  checkName(target, 'database', to);
  return withAdmin(target, `undo the copy of ${from} into ${to}`, async (c) => {
    // The killed run's CREATE DATABASE may still run on the server (it finishes what the client
    // left): ended first, or it would commit a copy after the drop below.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const left = await c.query<{ n: number }>('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()', [application]);
      if (!left.rows[0]?.n) break;
      if (Date.now() > deadline) throw new ResourceError(`resources.${target.resource}: the interrupted copy's sessions (${application}) did not end within 10 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const closed = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1 AND NOT datallowconn', [from])).rowCount === 1;
    if (closed) await c.query(`ALTER DATABASE ${c.escapeIdentifier(from)} ALLOW_CONNECTIONS true`);
    const made = (await databaseOwner(c, to)) !== undefined;
    if (made) await dropCopy(c, to);
    return { reopened: closed, dropped: made };
  });
}
