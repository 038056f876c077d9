import { l as ResourceError } from "./errors-CfnyxBL4.js";
import { t as foreignMark } from "./owner-mark-reuyIykf.js";
import { i as databaseOwner, n as checkName, p as withAdmin, r as databaseComment, s as ensureRole, t as ENSURE_LOCK_KEY, u as markOwner } from "./postgres-CfEc_-Bo.js";
// dist/adapters/postgres-clone.js
/**
* CREATE DATABASE … TEMPLATE fails while anyone is connected to the template, and the source slot's
* apps are: FROM is closed to new connections (ALLOW_CONNECTIONS false), its sessions ended, the
* copy made, and FROM opened again whatever happened. A failure after TO's database was made drops
* it again: no partial target. An existing TO database is refused unless `replace`, and always when
* another checkout marked it. With `owner`, TO is marked as that checkout's (a TEMPLATE copy takes
* no comment along, so TO would otherwise be nobody's until its slot's next start).
*/
async function clonePostgres(target, from, to, replace, owner) {
	for (const [what, name] of [
		["database", from.database],
		["user", from.user],
		["database", to.database],
		["user", to.user]
	]) checkName(target, what, name);
	if (from.database === to.database || from.user === to.user) throw new ResourceError(`resources.${target.resource}: source and target are both ${from.database}; nothing to copy`);
	const result = await withAdmin(target, `copy database ${from.database} into ${to.database}`, async (c) => {
		await c.query("SELECT pg_advisory_lock($1::bigint)", [ENSURE_LOCK_KEY]);
		try {
			if (await databaseOwner(c, from.database) === void 0) throw new ResourceError(`resources.${target.resource}: the source database ${from.database} does not exist; start the source slot first`);
			let replaced = false;
			if (await databaseOwner(c, to.database) !== void 0) {
				const mark = owner ? foreignMark(await databaseComment(c, to.database), owner) : void 0;
				if (mark) throw new ResourceError(`resources.${target.resource}: database ${to.database} belongs to another copy of this project (the checkout at ${mark.root}); clean it there, or clone into another slot`);
				if (!replace) throw new ResourceError(`resources.${target.resource}: database ${to.database} exists; clean the target slot first, or pass --force to replace it`);
				await c.query(`DROP DATABASE ${c.escapeIdentifier(to.database)} WITH (FORCE)`);
				replaced = true;
			}
			await ensureRole(c, to.user, to.password);
			const made = await templateCopy(c, target, from.database, to.database, to.user);
			try {
				await c.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${c.escapeIdentifier(to.database)} FROM PUBLIC`);
				if (owner) await markOwner(c, to.database, owner);
			} catch (e) {
				await dropCopy(c, to.database);
				throw e;
			}
			return {
				...made,
				replaced
			};
		} finally {
			await c.query("SELECT pg_advisory_unlock($1::bigint)", [ENSURE_LOCK_KEY]).catch(() => void 0);
		}
	});
	try {
		await reassign(target, from.user, to);
	} catch (e) {
		await withAdmin(target, `drop the partial copy ${to.database}`, (c) => dropCopy(c, to.database)).catch(() => void 0);
		throw e;
	}
	return result;
}
async function templateCopy(c, target, from, to, owner) {
	const src = c.escapeIdentifier(from);
	const started = Date.now();
	await c.query(`ALTER DATABASE ${src} ALLOW_CONNECTIONS false`);
	let sessions = 0;
	let failed;
	try {
		sessions = (await c.query("SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()) t", [from])).rows[0]?.n ?? 0;
		await c.query(`CREATE DATABASE ${c.escapeIdentifier(to)} TEMPLATE ${src} OWNER ${c.escapeIdentifier(owner)}`);
	} catch (e) {
		failed = e;
	} finally {
		await reopen(c, target, from, failed);
	}
	if (failed) throw failed;
	return {
		closedMs: Date.now() - started,
		sessions
	};
}
/** FROM opened again: on this session, or a fresh one if this one broke; a failure to is said with the fix. */
async function reopen(c, target, database, failed) {
	const sql = (x) => x.query(`ALTER DATABASE ${x.escapeIdentifier(database)} ALLOW_CONNECTIONS true`);
	try {
		await sql(c);
		return;
	} catch {}
	try {
		await withAdmin(target, `open database ${database} again`, async (x) => void await sql(x));
	} catch (e) {
		const why = failed ? ` (after: ${failed.message})` : "";
		throw new ResourceError(`resources.${target.resource}: database ${database} was left closed to connections: ${e.message}${why}; run \`ALTER DATABASE ${c.escapeIdentifier(database)} ALLOW_CONNECTIONS true\` as the admin`);
	}
}
/**
* Everything FROM's role owns inside the copy becomes TO's role's. REASSIGN OWNED also hands over
* shared objects (databases, tablespaces) FROM's role owns: FROM's own database among them (the
* Postgres 15 docs, REASSIGN OWNED). So those are given back in the same transaction.
*/
async function reassign(target, fromUser, to) {
	let admin;
	try {
		admin = new URL(target.admin);
	} catch {
		throw new ResourceError(`resources.${target.resource}: the postgres admin URL is not a URL`);
	}
	admin.pathname = `/${encodeURIComponent(to.database)}`;
	await withAdmin({
		...target,
		admin: admin.href
	}, `give the objects of ${to.database} to role ${to.user}`, async (c) => {
		const oldRole = c.escapeIdentifier(fromUser);
		await c.query("BEGIN");
		try {
			const dbs = await c.query("SELECT datname AS n FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = $1) AND datname <> $2", [fromUser, to.database]);
			const spaces = await c.query("SELECT spcname AS n FROM pg_tablespace WHERE spcowner = (SELECT oid FROM pg_roles WHERE rolname = $1)", [fromUser]);
			await c.query(`REASSIGN OWNED BY ${oldRole} TO ${c.escapeIdentifier(to.user)}`);
			for (const r of dbs.rows) await c.query(`ALTER DATABASE ${c.escapeIdentifier(r.n)} OWNER TO ${oldRole}`);
			for (const r of spaces.rows) await c.query(`ALTER TABLESPACE ${c.escapeIdentifier(r.n)} OWNER TO ${oldRole}`);
			await c.query("COMMIT");
		} catch (e) {
			await c.query("ROLLBACK").catch(() => void 0);
			throw e;
		}
	});
}
async function dropCopy(c, database) {
	await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(database)} WITH (FORCE)`);
}
/**
* A clone killed half way (SIGKILL: no finally ran): FROM opened again if it was left closed, TO's
* database (made by that run, or replaced by it with --force) dropped. Says what it did.
*/
async function undoPostgresClone(target, from, to, application) {
	checkName(target, "database", from);
	checkName(target, "database", to);
	return withAdmin(target, `undo the copy of ${from} into ${to}`, async (c) => {
		const deadline = Date.now() + 1e4;
		for (;;) {
			if (!(await c.query("SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()", [application])).rows[0]?.n) break;
			if (Date.now() > deadline) throw new ResourceError(`resources.${target.resource}: the interrupted copy's sessions (${application}) did not end within 10 s`);
			await new Promise((r) => setTimeout(r, 100));
		}
		const closed = (await c.query("SELECT 1 FROM pg_database WHERE datname = $1 AND NOT datallowconn", [from])).rowCount === 1;
		if (closed) await c.query(`ALTER DATABASE ${c.escapeIdentifier(from)} ALLOW_CONNECTIONS true`);
		const made = await databaseOwner(c, to) !== void 0;
		if (made) await dropCopy(c, to);
		return {
			reopened: closed,
			dropped: made
		};
	});
}
export { clonePostgres, undoPostgresClone };
