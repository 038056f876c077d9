import { l as ResourceError } from "./errors-CfnyxBL4.js";
import { t as checkoutIdentity } from "./identity-DaFZZe3H.js";
import { x as cloneApplication } from "./names-B3NKYqMG.js";
// dist/apply/resources.js
/**
* Run one ensure-resource or drop-resource operation; returns a line saying what happened
* (the caller's report names a database dropped with sessions open). Each client library loads
* only for a resource of its kind: pg and ioredis cost ~0.2–0.3 s to import, which every stop and
* clean of a project without resources would otherwise pay.
*/
async function applyResource(verb, r, cwd, env) {
	if (verb === "drop") return applyOnce(verb, r, cwd, env);
	for (let attempt = 1;; attempt++) try {
		return await applyOnce(verb, r, cwd, env);
	} catch (e) {
		if (!(e instanceof ResourceError) || !e.transient || attempt >= 6) throw e;
		await new Promise((res) => setTimeout(res, Math.min(2e3, 250 * 2 ** (attempt - 1))));
	}
}
async function applyOnce(verb, r, cwd, env) {
	switch (r.kind) {
		case "postgres": {
			const { dropPostgres, ensurePostgres } = await import("./postgres-BC4FVOYw.js");
			const target = {
				resource: r.name,
				admin: r.admin
			};
			const owner = checkoutIdentity(cwd, verb === "ensure");
			if (verb === "ensure") {
				const e = await ensurePostgres(target, {
					database: r.database,
					user: r.user,
					password: r.password
				}, owner);
				const made = [e.createdDatabase && "database", e.createdRole && "role"].filter(Boolean).join(" and ");
				return `resources.${r.name}: ${made ? `created ${made} ${r.database}` : `database ${r.database} exists`}${e.passwordChanged ? " (role password reset to the slot's)" : ""}`;
			}
			const d = await dropPostgres(target, {
				database: r.database,
				user: r.user
			}, owner);
			if (d.foreign) return `resources.${r.name}: left database ${r.database} alone: it belongs to the checkout at ${d.foreign}`;
			if (!d.droppedDatabase && !d.droppedRole) return `resources.${r.name}: database ${r.database} was already gone`;
			return `resources.${r.name}: dropped database ${r.database}${d.droppedRole ? " and its role" : ""}${d.sessions ? ` (${d.sessions} open session${d.sessions > 1 ? "s were" : " was"} closed)` : ""}`;
		}
		case "redis": {
			const { ensureRedisDb, flushRedisDb } = await import("./redis-BG09OXkK.js");
			const target = {
				resource: r.name,
				url: r.baseUrl
			};
			const owner = checkoutIdentity(cwd, verb === "ensure");
			if (verb === "ensure") {
				await ensureRedisDb(target, r.index, owner, r.slots);
				return `resources.${r.name}: redis DB ${r.index} is available`;
			}
			const d = await flushRedisDb(target, r.index, owner);
			if (d.foreign) return `resources.${r.name}: left redis DB ${r.index} alone: it belongs to the checkout at ${d.foreign}`;
			return `resources.${r.name}: emptied redis DB ${r.index}`;
		}
		case "command": {
			const { commandResourceExists, runCommandResource } = await import("./resource-command-DjQ7kfqr.js");
			const target = {
				resource: r.name,
				cwd,
				env
			};
			const exists = await commandResourceExists(target, r.exists);
			if (verb === "ensure") {
				if (exists) return `resources.${r.name}: exists`;
				await runCommandResource(target, "create", r.create);
				return `resources.${r.name}: created`;
			}
			if (!exists) return `resources.${r.name}: was already gone`;
			await runCommandResource(target, "drop", r.drop);
			return `resources.${r.name}: dropped`;
		}
	}
}
/**
* Starts loading the client libraries of these kinds without waiting: a start calls it before
* planning, whose compose CLI calls leave the process idle for longer than the imports take.
* A failure here is met again, and reported, when the resource is applied.
*/
function preloadResourceClients(kinds) {
	const k = new Set(kinds);
	if (k.has("postgres")) import("./postgres-BC4FVOYw.js").catch(() => void 0);
	if (k.has("redis")) import("./redis-BG09OXkK.js").catch(() => void 0);
}
/**
* clone: the target slot's resource made a copy of the source's (adapters/postgres-clone.ts,
* adapters/redis.ts); returns the line the report prints. Both must be on the same server: a
* TEMPLATE copy and COPY … DB n work within one.
*/
async function copyResource(op, deadline) {
	const { from, to } = op;
	if (from.kind === "postgres" && to.kind === "postgres") {
		if (server(from.admin) !== server(to.admin)) throw new ResourceError(`resources.${to.name}: the source database is on ${server(from.admin)} and the target's on ${server(to.admin)}; a clone copies within one Postgres`);
		const { clonePostgres } = await import("./postgres-clone-B13uynvq.js");
		const r = await clonePostgres({
			resource: to.name,
			admin: to.admin,
			timeoutMs: Math.max(1e4, deadline - Date.now()),
			application: cloneApplication(op.run)
		}, {
			database: from.database,
			user: from.user
		}, {
			database: to.database,
			user: to.user,
			password: to.password
		}, op.replace, checkoutIdentity(op.cwd, true));
		return `resources.${to.name}: database ${to.database} copied from ${from.database}${r.replaced ? " (replacing the one there)" : ""}, owned by role ${to.user}; ${from.database} was closed to connections for ${r.closedMs} ms${r.sessions ? ` (${r.sessions} session${r.sessions > 1 ? "s" : ""} ended)` : ""}`;
	}
	if (from.kind === "redis" && to.kind === "redis") {
		if (server(from.baseUrl) !== server(to.baseUrl)) throw new ResourceError(`resources.${to.name}: the source Redis is ${server(from.baseUrl)} and the target's ${server(to.baseUrl)}; a clone copies within one Redis`);
		const { copyRedisDb } = await import("./redis-BG09OXkK.js");
		const r = await copyRedisDb({
			resource: to.name,
			url: to.baseUrl
		}, from.index, to.index, op.replace, checkoutIdentity(op.cwd, true));
		return `resources.${to.name}: redis DB ${to.index} holds a copy of DB ${from.index} (${r.keys} key${r.keys === 1 ? "" : "s"})`;
	}
	throw new ResourceError(`resources.${to.name}: a ${to.kind} resource cannot be copied`);
}
function server(url) {
	try {
		const u = new URL(url);
		return `${u.hostname}:${u.port}`;
	} catch {
		return url;
	}
}
export { copyResource as n, preloadResourceClients as r, applyResource as t };
