import { l as ResourceError } from "./errors-CfnyxBL4.js";
import { r as ownerMark, t as foreignMark } from "./owner-mark-reuyIykf.js";
import { createHash, createHmac, pbkdf2Sync, timingSafeEqual } from "node:crypto";
import pg from "pg";
// dist/adapters/postgres.js
const DEFAULT_TIMEOUT_MS = 1e4;
/** pg_advisory_lock key: "devslot" in ASCII. Serializes ensures of every slot on one server. */
const ENSURE_LOCK_KEY = 28259057088098164n.toString();
/** Postgres silently truncates longer identifiers (NAMEDATALEN - 1): refuse instead. */
const MAX_IDENT_BYTES = 63;
/** Make the database and role if missing; converge password, owner and CONNECT rights. Idempotent. */
async function ensurePostgres(target, want, checkout) {
	checkName(target, "database", want.database);
	checkName(target, "user", want.user);
	return withAdmin(target, "create the database and role", async (c) => ensureIn(c, target, want, checkout));
}
/** Errors of a session the server or the network ended, where trying again can succeed. */
function isTransient(e) {
	const err = e;
	if ([
		"ECONNRESET",
		"ECONNREFUSED",
		"EPIPE",
		"57P01",
		"57P02",
		"57P03"
	].includes(err.code ?? "")) return true;
	return /Connection terminated|terminating connection|the database system is (starting up|shutting down)/i.test(err.message ?? "");
}
async function ensureIn(c, target, want, checkout) {
	await c.query("SELECT pg_advisory_lock($1::bigint)", [ENSURE_LOCK_KEY]);
	try {
		const result = {
			createdDatabase: false,
			createdRole: false,
			passwordChanged: false,
			ownerChanged: false
		};
		const role = c.escapeIdentifier(want.user);
		const db = c.escapeIdentifier(want.database);
		const mark = checkout ? foreignMark(await databaseComment(c, want.database), checkout) : void 0;
		if (mark) throw new ResourceError(`resources.${target.resource}: database ${want.database} belongs to another copy of this project (the checkout at ${mark.root}); stop and clean that slot there, or use another slot here`);
		Object.assign(result, await ensureRole(c, want.user, want.password));
		if (await databaseOwner(c, want.database) === void 0) try {
			await c.query(`CREATE DATABASE ${db} OWNER ${role}`);
			result.createdDatabase = true;
		} catch (e) {
			if (!isDuplicate(e)) throw e;
		}
		if (!result.createdDatabase && await databaseOwner(c, want.database) !== want.user) {
			await c.query(`ALTER DATABASE ${db} OWNER TO ${role}`);
			result.ownerChanged = true;
		}
		await c.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${db} FROM PUBLIC`);
		if (checkout) await markOwner(c, want.database, checkout);
		return result;
	} finally {
		await c.query("SELECT pg_advisory_unlock($1::bigint)", [ENSURE_LOCK_KEY]).catch(() => void 0);
	}
}
/**
* The slot's role, made (LOGIN, the slot's password) if missing, its password set if it differs.
* The caller holds the ensure lock.
*/
async function ensureRole(c, user, password) {
	const role = c.escapeIdentifier(user);
	let createdRole = false;
	if (!await roleExists(c, user)) try {
		await c.query(`CREATE ROLE ${role} LOGIN PASSWORD ${c.escapeLiteral(password)}`);
		createdRole = true;
	} catch (e) {
		if (!isDuplicate(e)) throw e;
	}
	if (createdRole || await passwordMatches(c, user, password)) return {
		createdRole,
		passwordChanged: false
	};
	await c.query(`ALTER ROLE ${role} WITH LOGIN PASSWORD ${c.escapeLiteral(password)}`);
	return {
		createdRole,
		passwordChanged: true
	};
}
/** Drop the database (even with sessions open: WITH (FORCE), Postgres 13+) and then its role. */
async function dropPostgres(target, slot, owner) {
	checkName(target, "database", slot.database);
	checkName(target, "user", slot.user);
	return withAdmin(target, "drop the database and role", async (c) => {
		const mark = owner ? foreignMark(await databaseComment(c, slot.database), owner) : void 0;
		if (mark) return {
			droppedDatabase: false,
			droppedRole: false,
			sessions: 0,
			foreign: mark.root
		};
		const sessions = Number((await c.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1", [slot.database])).rows[0]?.n ?? 0);
		const hadDb = await databaseOwner(c, slot.database) !== void 0;
		if (hadDb) await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(slot.database)} WITH (FORCE)`);
		const hadRole = await roleExists(c, slot.user);
		if (hadRole) await c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(slot.user)}`);
		return {
			droppedDatabase: hadDb,
			droppedRole: hadRole,
			sessions: hadDb ? sessions : 0
		};
	});
}
/** The root of the checkout whose mark database `database` carries, when that is not `owner`. */
async function foreignPostgres(target, database, owner) {
	return withAdmin(target, `read the comment of database ${database}`, async (c) => foreignMark(await databaseComment(c, database), owner)?.root);
}
/** Whether the slot's database and role exist. */
async function postgresExists(target, slot) {
	return withAdmin(target, "check the database and role", async (c) => ({
		database: await databaseOwner(c, slot.database) !== void 0,
		role: await roleExists(c, slot.user)
	}));
}
async function databaseComment(c, database) {
	return (await c.query("SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = $1", [database])).rows[0]?.d;
}
/** Marks the database as this checkout's; an admin that may not comment on it (not its owner) leaves it unmarked. */
async function markOwner(c, database, owner) {
	const text = ownerMark(owner);
	if (await databaseComment(c, database) === text) return;
	try {
		await c.query(`COMMENT ON DATABASE ${c.escapeIdentifier(database)} IS ${c.escapeLiteral(text)}`);
	} catch (e) {
		if (e.code !== "42501") throw e;
	}
}
async function roleExists(c, user) {
	return (await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [user])).rowCount === 1;
}
async function databaseOwner(c, database) {
	return (await c.query("SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1", [database])).rows[0]?.owner;
}
/**
* Whether the role's stored verifier is for `password`, so a second ensure changes nothing. An
* admin that may not read pg_authid (not a superuser) cannot tell: the password is set again.
*/
async function passwordMatches(c, user, password) {
	let stored;
	try {
		stored = (await c.query("SELECT rolpassword AS p FROM pg_authid WHERE rolname = $1", [user])).rows[0]?.p;
	} catch (e) {
		if (e.code === "42501") return false;
		throw e;
	}
	return typeof stored === "string" && verifierMatches(stored, user, password);
}
/** SCRAM-SHA-256 (RFC 5802/7677) and md5 verifiers as Postgres stores them. */
function verifierMatches(stored, user, password) {
	const scram = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(stored);
	if (scram) {
		const salted = pbkdf2Sync(password.normalize("NFKC"), Buffer.from(scram[2], "base64"), Number(scram[1]), 32, "sha256");
		const storedKey = createHash("sha256").update(createHmac("sha256", salted).update("Client Key").digest()).digest();
		const serverKey = createHmac("sha256", salted).update("Server Key").digest();
		const want = Buffer.concat([Buffer.from(scram[3], "base64"), Buffer.from(scram[4], "base64")]);
		const got = Buffer.concat([storedKey, serverKey]);
		return want.length === got.length && timingSafeEqual(want, got);
	}
	if (stored.startsWith("md5")) return stored === `md5${createHash("md5").update(password + user).digest("hex")}`;
	return false;
}
function isDuplicate(e) {
	const code = e.code;
	return code === "42P04" || code === "42710" || code === "23505";
}
function checkName(target, what, name) {
	if (name === "" || name.includes("\0") || Buffer.byteLength(name) > MAX_IDENT_BYTES) throw new ResourceError(`resources.${target.resource}: the ${what} name ${JSON.stringify(name)} is not usable in Postgres (1–${MAX_IDENT_BYTES} bytes, no NUL)`);
}
/** One admin session for `fn`, always closed; every failure becomes a ResourceError naming what to check. */
async function withAdmin(target, what, fn) {
	const timeout = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	let where;
	try {
		const u = new URL(target.admin);
		where = `${u.username ? `${decodeURIComponent(u.username)}@` : ""}${u.host}${u.pathname}`;
	} catch {
		throw new ResourceError(`resources.${target.resource}: the postgres admin URL is not a URL; expected postgres://USER:PASSWORD@HOST:PORT/DB`);
	}
	const c = new pg.Client({
		connectionString: target.admin,
		connectionTimeoutMillis: timeout,
		query_timeout: timeout,
		statement_timeout: timeout,
		lock_timeout: timeout,
		application_name: target.application ?? "devslot"
	});
	c.on("error", () => void 0);
	try {
		await c.connect();
	} catch (e) {
		await c.end().catch(() => void 0);
		throw adminError(target, where, "connect", e, timeout);
	}
	try {
		return await fn(c);
	} catch (e) {
		if (e instanceof ResourceError) throw e;
		throw adminError(target, where, what, e, timeout);
	} finally {
		await c.end().catch(() => void 0);
	}
}
function adminError(target, where, what, e, timeout) {
	const out = adminErrorOf(target, where, what, e, timeout);
	out.transient = isTransient(e);
	return out;
}
function adminErrorOf(target, where, what, e, timeout) {
	const err = e;
	const at = `resources.${target.resource}: Postgres at ${where}`;
	const check = `check resources.${target.resource}.postgres.admin`;
	switch (err.code) {
		case "ECONNREFUSED":
		case "ENOTFOUND":
		case "EAI_AGAIN":
		case "EHOSTUNREACH":
		case "ECONNRESET": return new ResourceError(`${at} is not reachable (${err.code}); is the shared service running? Then ${check}`);
		case "28P01":
		case "28000": return new ResourceError(`${at} refused the admin credentials (${err.message}); ${check} (user and password)`);
		case "3D000": return new ResourceError(`${at}: the admin database does not exist (${err.message}); ${check} (the path after the port, usually /postgres)`);
		case "42501": return new ResourceError(`${at}: the admin user may not ${what} (${err.message}); use a superuser or a role with CREATEDB and CREATEROLE in ${`resources.${target.resource}.postgres.admin`}`);
		case "2BP01": return new ResourceError(`${at}: cannot ${what}: ${err.message}; drop or reassign those objects first`);
		case "55P03": return new ResourceError(`${at}: waited ${timeout / 1e3}s for a lock to ${what} (another devslot start?); try again`);
	}
	if (/timeout|timed out/i.test(err.message ?? "")) return new ResourceError(`${at} did not answer within ${timeout / 1e3}s (${what}); is the shared service healthy? Then ${check}`);
	return new ResourceError(`${at}: could not ${what}: ${(err.message ?? String(e)).split("\n")[0]}`);
}
export { dropPostgres as a, foreignPostgres as c, postgresExists as d, verifierMatches as f, databaseOwner as i, isTransient as l, checkName as n, ensurePostgres as o, withAdmin as p, databaseComment as r, ensureRole as s, ENSURE_LOCK_KEY as t, markOwner as u };
