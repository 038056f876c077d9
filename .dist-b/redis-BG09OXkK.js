import { l as ResourceError, r as ConfigError } from "./errors-CfnyxBL4.js";
import { n as markAction, r as ownerMark } from "./owner-mark-reuyIykf.js";
import { Redis } from "ioredis";
// dist/adapters/redis.js
const DEFAULT_TIMEOUT_MS = 5e3;
/**
* The server's `databases` setting (how many DB indexes exist). Some managed servers disable
* CONFIG: then undefined, and `checkRedisIndex` asks the server with SELECT instead.
*/
async function redisDatabases(target) {
	return withRedis(target, "read its `databases` setting", async (r) => {
		try {
			const reply = await r.config("GET", "databases");
			const n = Array.isArray(reply) ? Number(reply[1]) : NaN;
			return Number.isInteger(n) && n > 0 ? n : void 0;
		} catch (e) {
			if (/unknown command|NOPERM|not allowed/i.test(e.message)) return void 0;
			throw e;
		}
	});
}
/**
* Refuse an index the server does not have. With `slots`, every slot's index (0..slots-1) must
* exist: more slots than the server's databases is the config's mistake (ConfigError, exit 1),
* said on the first start instead of on the start of the first slot past the end.
*/
async function checkRedisIndex(target, index, slots) {
	const n = await redisDatabases(target);
	if (n !== void 0) {
		if (slots !== void 0 && slots > n) throw new ConfigError(`resources.${target.resource}: \`slots: ${slots}\` needs Redis DBs 0–${slots - 1}, but the server has ${n} databases; lower \`slots\` to ${n} or start Redis with \`--databases ${slots}\``);
		if (index >= n) throw tooFew(target, index, `has ${n} databases (0–${n - 1})`);
		return;
	}
	await withRedis(target, `select DB ${index}`, async (r) => {
		try {
			await r.select(index);
		} catch (e) {
			if (/out of range|invalid/i.test(e.message)) throw tooFew(target, index, "refuses it");
			throw e;
		}
	});
}
/**
* The key that marks a DB index as one checkout's (plan/owner-mark.ts): two copies of a project
* (same name, other folders) plan the same indexes on one shared Redis. Redis has no per-DB
* metadata, so the mark is a key in the slot's own DB, chosen over a registry elsewhere (in DB 0,
* say) because it lives and dies with the data it guards: `clean`'s FLUSHDB removes both at once,
* leaving the index nobody's, and it never writes to a DB that is not the slot's. The costs: the
* app sees one more key in KEYS and DBSIZE (devslot's own counts leave it out), and an app that
* runs FLUSHDB or FLUSHALL removes it until the slot's next start writes it again.
*/
const OWNER_KEY = "devslot:owner";
/** How many tries a mark that changes under us gets before the call gives up (each a round trip). */
const MARK_TRIES = 5;
/**
* start: the index exists (checkRedisIndex), then is marked as `owner`'s. The mark is written with
* SET NX, so of two checkouts starting the same slot at once exactly one wins; the other reads the
* winner's mark and is refused, like a DB another checkout marked earlier, before anything changes.
* An index with keys but no mark (made before marks, or by hand) is taken, as Postgres takes an
* unmarked database. Returns whether this call wrote the mark.
*/
async function ensureRedisDb(target, index, owner, slots) {
	await checkRedisIndex(target, index, slots);
	const mark = ownerMark(owner);
	return withRedis(target, `mark DB ${index} as this checkout's`, async (r) => {
		await r.select(index);
		for (let i = 0; i < MARK_TRIES; i++) {
			if (await r.set("devslot:owner", mark, "NX") === "OK") return { marked: true };
			const action = markAction(await r.get(OWNER_KEY), owner);
			if (action.kind === "foreign") throw foreignDb(target, index, action.owner.root, "stop and clean that slot there, or use another slot here");
			if (action.kind === "keep") return { marked: false };
			if (await r.set("devslot:owner", mark, "XX") === "OK") return { marked: true };
		}
		throw new ResourceError(`resources.${target.resource}: the mark of Redis DB ${index} (key ${OWNER_KEY}) kept changing while devslot wrote it; is another tool writing it? Try again`);
	});
}
/**
* Empty DB `index` only (SELECT then FLUSHDB on one connection); every other slot's DB is untouched.
* With `owner`, a DB another checkout marked is left alone (`foreign`: its root); the mark is
* WATCHed from its read to the FLUSHDB, so a checkout that marks the DB in between is not emptied.
*/
async function flushRedisDb(target, index, owner) {
	return withRedis(target, `empty DB ${index}`, async (r) => {
		await r.select(index);
		if (!owner) {
			await r.flushdb();
			return {};
		}
		for (let i = 0; i < MARK_TRIES; i++) {
			await r.watch(OWNER_KEY);
			const action = markAction(await r.get(OWNER_KEY), owner);
			if (action.kind === "foreign") {
				await r.unwatch();
				return { foreign: action.owner.root };
			}
			if (await r.multi().flushdb().exec()) return {};
		}
		throw new ResourceError(`resources.${target.resource}: the mark of Redis DB ${index} (key ${OWNER_KEY}) kept changing while devslot emptied it; is another tool writing it? Try again`);
	});
}
/** How many keys DB `index` holds, devslot's mark left out. */
async function redisDbSize(target, index) {
	return withRedis(target, `count the keys of DB ${index}`, async (r) => {
		await r.select(index);
		return await r.dbsize() - await r.exists(OWNER_KEY);
	});
}
/** The root of the checkout that marked DB `index`, when that is not `owner`. */
async function foreignRedisDb(target, index, owner) {
	return withRedis(target, `read the mark of DB ${index}`, async (r) => {
		await r.select(index);
		const action = markAction(await r.get(OWNER_KEY), owner);
		return action.kind === "foreign" ? action.owner.root : void 0;
	});
}
/**
* `clone`: DB `to` becomes a copy of DB `from` (every key, with its TTL: COPY … DB n REPLACE,
* Redis 6.2+), after emptying `to`; a `to` holding keys is refused unless `replace`, and one
* another checkout marked always. `to` carries `owner`'s mark, written with the emptying (one
* MULTI under WATCH of the mark), never `from`'s: the source's mark key is not copied. A failure
* half way empties `to` again: no partial target. Keys are taken as bytes (SCAN in batches).
*/
async function copyRedisDb(target, from, to, replace, owner) {
	const mark = ownerMark(owner);
	const markKey = Buffer.from(OWNER_KEY);
	return withRedis(target, `copy DB ${from} into DB ${to}`, async (r) => {
		await r.select(to);
		for (let i = 0;; i++) {
			if (i === MARK_TRIES) throw new ResourceError(`resources.${target.resource}: the mark of Redis DB ${to} (key ${OWNER_KEY}) kept changing while devslot emptied it; is another tool writing it? Try again`);
			await r.watch(OWNER_KEY);
			const action = markAction(await r.get(OWNER_KEY), owner);
			if (action.kind === "foreign") {
				await r.unwatch();
				throw foreignDb(target, to, action.owner.root, "clean it there, or clone into another slot");
			}
			const held = await r.dbsize() - await r.exists(OWNER_KEY);
			if (held && !replace) {
				await r.unwatch();
				throw new ResourceError(`resources.${target.resource}: Redis DB ${to} holds ${held} key${held > 1 ? "s" : ""}; clean the target slot first, or pass --force to replace them`);
			}
			if (await r.multi().flushdb().set("devslot:owner", mark).exec()) break;
		}
		await r.select(from);
		try {
			let cursor = "0";
			do {
				const [next, batch] = await r.scanBuffer(cursor, "COUNT", 500);
				cursor = next.toString();
				const keys = batch.filter((k) => !k.equals(markKey));
				if (!keys.length) continue;
				const p = r.pipeline();
				for (const k of keys) p.copy(k, k, "DB", to, "REPLACE");
				for (const [err] of await p.exec() ?? []) if (err) throw err;
			} while (cursor !== "0");
		} catch (e) {
			await r.select(to).then(() => r.flushdb()).catch(() => void 0);
			throw e;
		}
		await r.select(to);
		return { keys: await r.dbsize() - await r.exists(OWNER_KEY) };
	});
}
function foreignDb(target, index, root, what) {
	return new ResourceError(`resources.${target.resource}: Redis DB ${index} belongs to another copy of this project (the checkout at ${root}); ${what}`);
}
function tooFew(target, index, what) {
	return new ResourceError(`resources.${target.resource}: slot ${index} needs Redis DB ${index}, but the server ${what}; start Redis with \`--databases ${index + 1}\` or more, or lower \`slots\``);
}
async function withRedis(target, what, fn) {
	const timeout = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	let where;
	try {
		const u = new URL(target.url);
		if (u.protocol !== "redis:" && u.protocol !== "rediss:") throw new Error("scheme");
		where = u.host;
	} catch {
		throw new ResourceError(`resources.${target.resource}: the redis URL is not a redis:// URL; expected redis://[USER:PASSWORD@]HOST:PORT`);
	}
	const r = new Redis(target.url, {
		lazyConnect: true,
		connectTimeout: timeout,
		commandTimeout: timeout,
		maxRetriesPerRequest: 0,
		enableOfflineQueue: false,
		retryStrategy: () => null
	});
	r.on("error", () => void 0);
	try {
		await r.connect();
		return await fn(r);
	} catch (e) {
		if (e instanceof ResourceError || e instanceof ConfigError) throw e;
		throw redisError(target, where, what, e, timeout);
	} finally {
		r.disconnect();
	}
}
function redisError(target, where, what, e, timeout) {
	const out = redisErrorOf(target, where, what, e, timeout);
	const err = e;
	out.transient = [
		"ECONNRESET",
		"ECONNREFUSED",
		"EPIPE"
	].includes(err.code ?? "") || /Connection is closed|ECONNRESET|ECONNREFUSED|^LOADING/.test(err.message ?? "");
	return out;
}
function redisErrorOf(target, where, what, e, timeout) {
	const err = e;
	const at = `resources.${target.resource}: Redis at ${where}`;
	const check = `check resources.${target.resource}.redis.url`;
	const msg = (err.message ?? String(e)).split("\n")[0];
	if (/WRONGPASS|NOAUTH|invalid password|invalid username/i.test(msg)) return new ResourceError(`${at} refused the credentials (${msg}); ${check} (user and password)`);
	if (err.code === "ECONNREFUSED" || err.code === "ENOTFOUND" || err.code === "EHOSTUNREACH" || /ECONNREFUSED|ENOTFOUND|Connection is closed/.test(msg)) return new ResourceError(`${at} is not reachable (${err.code ?? msg}); is the shared service running? Then ${check}`);
	if (/timed? ?out/i.test(msg)) return new ResourceError(`${at} did not answer within ${timeout / 1e3}s (${what}); is the shared service healthy? Then ${check}`);
	return new ResourceError(`${at}: could not ${what}: ${msg}`);
}
export { OWNER_KEY, checkRedisIndex, copyRedisDb, ensureRedisDb, flushRedisDb, foreignRedisDb, redisDatabases, redisDbSize };
