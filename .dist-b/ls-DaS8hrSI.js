import { n as slotsOnDisk } from "./slot-folders-8vF2wAoy.js";
import { n as listEverything, t as bucketByRoot } from "./observe-UMfz03SM.js";
import { t as readSavedSlot } from "./saved-slot-BG7HNhVZ.js";
import { n as serviceRows } from "./services-view-Cd6VCJzN.js";
import { t as paint } from "./io-D46OrwhK.js";
import { k as projectName } from "./names-B3NKYqMG.js";
import { t as portUrls } from "./urls-JtC8Pev1.js";
import { a as printJson, o as warnOf, r as onSlotEngine, s as engineWhere, t as enginesOf } from "./context-DABbsf0u.js";
// dist/render/ls-rows.js
function stateOf(e) {
	if (e.where !== "live") return e.where;
	return e.up === 0 ? "stopped" : e.up >= e.services.length ? "running" : "partial";
}
/** Which checkout speaks for a slot: running beats not; a live checkout beats a gone or unseen one; a lease beats files. */
function rank(e) {
	return [
		e.up > 0 ? 0 : 1,
		e.where === "live" ? 0 : 1,
		e.lease ? 0 : 1,
		e.where === "orphaned" ? 0 : 1
	];
}
function byRank(a, b) {
	const [ra, rb] = [rank(a), rank(b)];
	for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
	return a.worktree.localeCompare(b.worktree);
}
/**
* Issue 15: each slot exactly once, however many checkouts have something of it (a worktree's
* lease and the main checkout's old files used to make two rows of slot 0). Pure.
*/
function lsRows(entries, projectOf, owners) {
	const bySlot = /* @__PURE__ */ new Map();
	for (const e of entries) bySlot.set(e.slot, [...bySlot.get(e.slot) ?? [], e]);
	return [...bySlot.entries()].sort(([a], [b]) => a - b).map(([slot, list]) => {
		const sorted = [...list].sort(byRank);
		const first = sorted[0];
		return {
			slot,
			project: projectOf(slot),
			state: stateOf(first),
			up: first.up,
			services: first.services,
			owner: owners ? {
				worktree: first.worktree,
				branch: first.branch,
				commit: first.commit
			} : null,
			checkouts: sorted.map((e) => ({
				worktree: e.worktree,
				branch: e.branch,
				commit: e.commit,
				lease: e.lease,
				state: stateOf(e),
				up: e.up
			}))
		};
	});
}
// dist/commands/ls.js
/**
* One line per slot (issue 15: each slot once) of every live checkout of this repository, with
* every checkout and branch that has something of it, plus orphans and slots of roots not
* visible from here. The same one Docker call and one PM2 call as status, then the orphan scan.
*/
async function lsCommand(ctx) {
	const { config } = ctx;
	const { findOrphans } = await import("./orphans-Dvl-cMrR.js");
	const listed = await listEverything(config.name, enginesOf(ctx));
	const { orphans, unproven, leases, live, git } = await findOrphans(config, listed, warnOf(ctx));
	const liveLeases = leases.filter((l) => live(l.worktree));
	const multi = !!git && git.worktrees.length > 1;
	const roots = [.../* @__PURE__ */ new Set([
		config.root,
		...multi ? git.worktrees : [],
		...liveLeases.map((l) => l.worktree)
	])];
	const observed = bucketByRoot(config.name, roots, listed);
	const head = (root) => (root === git?.worktree ? {
		branch: git.branch,
		commit: git.commit
	} : git?.heads[root]) ?? {
		branch: null,
		commit: ""
	};
	const entries = [];
	const saved = /* @__PURE__ */ new Map();
	for (const root of roots) {
		const states = observed.get(root);
		const files = new Set(slotsOnDisk(root));
		const leased = new Set(liveLeases.filter((l) => l.worktree === root).map((l) => l.slot));
		for (const slot of /* @__PURE__ */ new Set([
			...states.keys(),
			...files,
			...leased
		])) {
			const info = readSavedSlot(root, slot, warnOf(ctx));
			if (info) saved.set(`${slot}\u0000${root}`, info);
			const services = serviceRows(info, states.get(slot), info ? portUrls(info, config.urls) : {});
			const lease = liveLeases.find((l) => l.slot === slot && l.worktree === root);
			const ref = lease ? {
				branch: lease.branch,
				commit: lease.commit
			} : head(root);
			entries.push({
				slot,
				worktree: root,
				...ref,
				lease: !!lease,
				files: files.has(slot),
				where: "live",
				services,
				up: services.filter((r) => r.state === "running").length
			});
		}
	}
	for (const [list, where] of [[unproven, "unseen"], [orphans, "orphaned"]]) for (const o of list) {
		const up = o.containers.filter((c) => c.state === "running").length + o.apps.filter((a) => a.status === "online").length;
		entries.push({
			slot: o.slot,
			worktree: o.root,
			branch: o.lease?.branch ?? null,
			commit: o.lease?.commit ?? "",
			lease: !!o.lease,
			files: false,
			where,
			services: [],
			up
		});
	}
	const rows = lsRows(entries, (slot) => projectName(config.name, slot), multi).map((r) => ({
		...r,
		engine: engineWhere(onSlotEngine(ctx, r.slot).env.DOCKER_HOST)
	}));
	const infra = config.shared.services.length ? await (await import("./status-DVGQC6ja.js")).infraStatus(ctx) : void 0;
	if (ctx.options.json) return printJson(ctx, {
		slots: rows,
		...infra ? { infra } : {}
	});
	if (infra) {
		const up = infra.services.filter((x) => x.state === "running").length;
		ctx.io.out(`  -  ${infra.project.padEnd(24)}  ${paint(ctx.io, up === infra.services.length ? "green" : up ? "yellow" : "dim", (up === infra.services.length ? "running" : up ? "partial" : "stopped").padEnd(8))}  ${`${up}/${infra.services.length} up`.padEnd(8)}  shared; ${infra.usedBy.length ? `used by ${infra.usedBy.join(", ")}` : "used by no slot"}\n`);
	}
	if (!rows.length) {
		ctx.io.out("no slots: nothing of this project is running or initialized here; start one with `devslot N`\n");
		return;
	}
	const engineWidth = config.engines ? Math.max(...rows.map((r) => r.engine.length)) : 0;
	for (const r of rows) ctx.io.out(`${lsLine(ctx, r, saved.get(`${r.slot}\u0000${r.owner?.worktree ?? config.root}`), engineWidth)}\n`);
}
function lsLine(ctx, r, saved, engineWidth) {
	const ports = saved ? Object.entries(saved.ports).filter(([n]) => !n.includes("_")).map(([n, p]) => `${n}=${p}`).join(" ") : "";
	const color = r.state === "running" ? "green" : r.state === "stopped" ? "dim" : r.state === "orphaned" ? "red" : "yellow";
	const ref = (c) => c.branch ? ` [${c.branch}]` : c.commit ? ` [detached ${c.commit.slice(0, 12)}]` : "";
	const owner = r.owner ? `  ${r.owner.worktree}${ref(r.owner)}` : "";
	const others = r.checkouts.slice(1).map((c) => `${c.worktree}${ref(c)} ${c.state}`);
	const also = others.length ? `  (also: ${others.join(", ")})` : "";
	const count = r.state === "orphaned" || r.state === "unseen" ? `${r.up} up` : `${r.up}/${r.services.length} up`;
	const engine = engineWidth ? `${r.engine.padEnd(engineWidth)}  ` : "";
	return `${String(r.slot).padStart(3)}  ${r.project.padEnd(24)}  ${paint(ctx.io, color, r.state.padEnd(8))}  ${count.padEnd(8)}  ${engine}${ports}${owner}${also}`.trimEnd();
}
export { lsCommand };
