import { d as setAside, f as writeAtomic, i as fsFailure } from "./fs-GiFRpoZG.js";
import { t as acquireFileLock } from "./lock-C527eXAj.js";
import { d as StateError } from "./errors-CfnyxBL4.js";
import { c as parseJson, d as str, i as nullable, l as record, o as object, r as int, t as array, u as shapeProblem } from "./shape-Cq_h9KeT.js";
import fs from "node:fs";
import path from "node:path";
// dist/adapters/registry.js
const emptyRegistry = () => ({
	version: 1,
	projects: {}
});
/**
* The file of the slot registry of issue 5, in the repository's common git dir
* (`<common>/devslot/leases.json`), so every worktree sees the same one. Only I/O here: text in,
* text out, under a lock file beside it. What the text must hold is leases/registry.ts's business.
*/
function registryFile(commonDir) {
	return path.join(commonDir, "devslot", "leases.json");
}
/** The registry's text; undefined when there is none yet. */
function readRegistryText(commonDir) {
	const file = registryFile(commonDir);
	try {
		return fs.readFileSync(file, "utf8");
	} catch (e) {
		if (e.code === "ENOENT") return void 0;
		throw fsFailure(e, "read", file);
	}
}
/** Run `fn` holding the registry's lock, with its text and the means to replace or set it aside. */
async function withRegistryFile(commonDir, fn) {
	const file = registryFile(commonDir);
	try {
		fs.mkdirSync(path.dirname(file), { recursive: true });
	} catch (e) {
		throw fsFailure(e, "create", path.dirname(file));
	}
	const lock = await acquireFileLock(`${file}.lock`, "the slot registry", "devslot (leasing a slot)", 6e4);
	try {
		const text = readRegistryText(commonDir);
		return await fn({
			text,
			write: (t) => writeAtomic(file, t, 420),
			setAside: () => text === void 0 ? { failed: "absent" } : setAside(file, text)
		});
	} finally {
		lock.release();
	}
}
// dist/leases/leases.js
/** Every lease of this checkout, lowest slot first: a checkout may hold several slots. */
function leasesOf(leases, worktree) {
	return leases.filter((l) => l.worktree === worktree).sort((a, b) => a.slot - b.slot);
}
/**
* The slots this checkout holds: leased to it, run here, or with files here that no other live
* checkout leases (files stay behind when a slot is taken over with --force; they do not win it back).
*/
function slotsOfCheckout(f) {
	const leasedElsewhere = (s) => f.leases.some((l) => l.slot === s && l.worktree !== f.here && f.isLive(l.worktree));
	const files = [...f.filesHere].filter((s) => !leasedElsewhere(s));
	return [.../* @__PURE__ */ new Set([
		...leasesOf(f.leases, f.here).map((l) => l.slot),
		...f.runningHere,
		...files
	])].filter((s) => s < f.slots).sort((a, b) => a - b);
}
/**
* The other live checkout holding `slot`, if any. A lease of a gone worktree holds nothing. What
* this checkout itself runs is its own even when another checkout's lease names it (it was
* started here, maybe before this repository had worktrees): then nobody else holds it.
*/
function holderOf(f, slot) {
	if (f.runningHere.has(slot)) return void 0;
	const lease = f.leases.find((l) => l.slot === slot && l.worktree !== f.here && f.isLive(l.worktree));
	if (lease) return {
		kind: "lease",
		lease
	};
	const runner = f.usedElsewhere.get(slot);
	return runner !== void 0 && runner !== f.here ? {
		kind: "unleased",
		worktree: runner
	} : void 0;
}
/** Slots no checkout holds, lowest first: the candidates of an automatic choice. */
function freeSlots(f) {
	const mine = new Set(slotsOfCheckout(f));
	const out = [];
	for (let s = 0; s < f.slots; s++) if (!mine.has(s) && !holderOf(f, s)) out.push(s);
	return out;
}
/**
* Issue 15: an explicit slot is accepted when it is free or already this checkout's; only a slot
* another live checkout holds is refused, or taken over with `force`.
*/
function decideExplicit(f, slot, force) {
	if (slotsOfCheckout(f).includes(slot)) return {
		kind: "accept",
		why: "mine"
	};
	const holder = holderOf(f, slot);
	if (!holder) return {
		kind: "accept",
		why: "free"
	};
	return force ? {
		kind: "take-over",
		holder
	} : {
		kind: "refuse",
		holder
	};
}
function holderRoot(h) {
	return h.kind === "lease" ? h.lease.worktree : h.worktree;
}
function describeHolder(h) {
	return h.kind === "lease" ? `leased to ${describeOwner(h.lease)}` : `in use by ${h.worktree} (a checkout of this repository, running it without a lease)`;
}
function describeOwner(l) {
	return `${l.worktree} (${describeRef(l)})`;
}
function describeRef(l) {
	return l.branch ? `branch ${l.branch}` : l.commit ? `detached at ${l.commit.slice(0, 12)}` : "no branch recorded";
}
/**
* `lease` added for its worktree, keeping that worktree's other slots. Any other lease of the same
* slot goes: a gone worktree's (it makes room) or the one just taken over with --force.
*/
function withLease(leases, lease) {
	return [...leases.filter((l) => l.slot !== lease.slot), lease].sort((a, b) => a.slot - b.slot || a.worktree.localeCompare(b.worktree));
}
// dist/leases/registry-shape.js
const leaseShape = object({
	slot: int,
	worktree: str,
	branch: nullable(str),
	commit: str,
	created: str,
	used: str
});
const registryShape = object({ projects: record(array(leaseShape)) });
/**
* leases.json text → the registry, or why it cannot be used. Pure. `newer`: it was written by a
* newer devslot (another version number): never set that aside, it is not broken.
*/
function parseRegistry(text) {
	const json = parseJson(text);
	if (!json.ok) return json;
	const v = json.value;
	if (typeof v !== "object" || v === null || Array.isArray(v)) return {
		ok: false,
		problem: "not a JSON object"
	};
	if (typeof v.version === "number" && v.version > 1) return {
		ok: false,
		problem: `version ${v.version}, written by a newer devslot`,
		newer: true
	};
	if (v.version !== 1) return {
		ok: false,
		problem: "version: not 1"
	};
	const bad = shapeProblem(registryShape, v);
	return bad ? {
		ok: false,
		problem: bad
	} : {
		ok: true,
		registry: v
	};
}
// dist/leases/registry.js
/**
* The slot registry, validated. A bad leases.json (truncated by a crash or a full disk, or of
* another shape) is never reset silently: worktrees would then lease each other's slots. Under the
* lock it is set aside with one line and the registry starts afresh; a caller that cannot say so
* (no `warn`) gets a StateError naming the file instead.
*/
function readRegistry(commonDir, warn) {
	const text = readRegistryText(commonDir);
	if (text === void 0) return emptyRegistry();
	const parsed = parseRegistry(text);
	if (parsed.ok) return parsed.registry;
	const file = registryFile(commonDir);
	if (parsed.newer || !warn) throw refusal(file, parsed.problem, parsed.newer);
	warn(`${file}: ${parsed.problem}; read as holding no leases for now (the next start or init sets it aside and starts afresh)`);
	return emptyRegistry();
}
/** Run `fn` on the registry under its lock; write it back when `fn` changed it. */
async function updateRegistry(commonDir, fn, warn) {
	return withRegistryFile(commonDir, async (file) => {
		let reg = emptyRegistry();
		let rebuilt = false;
		if (file.text !== void 0) {
			const parsed = parseRegistry(file.text);
			if (parsed.ok) reg = parsed.registry;
			else {
				const where = registryFile(commonDir);
				if (parsed.newer || !warn) throw refusal(where, parsed.problem, parsed.newer);
				const moved = file.setAside();
				if ("failed" in moved) throw new StateError(`${where}: ${parsed.problem}, and it cannot be set aside (${moved.failed}); move it away and run again`);
				warn(`${where}: ${parsed.problem}; set aside as ${moved.to}, leases start afresh: each worktree leases its slot again when it next runs (check \`devslot status\`)`);
				rebuilt = true;
			}
		}
		const before = JSON.stringify(reg);
		const result = await fn(reg);
		if (rebuilt || JSON.stringify(reg) !== before) file.write(`${JSON.stringify(reg, null, 2)}\n`);
		return result;
	});
}
function refusal(file, problem, newer) {
	return new StateError(newer ? `${file}: ${problem}; use that devslot version (or a newer one) here too` : `${file}: ${problem}; \`devslot start\` or \`init\` in a worktree sets it aside and starts afresh, or move it away yourself`);
}
/** This project's leases in the repository's registry (read only). */
function readLeases(commonDir, name, warn) {
	return readRegistry(commonDir, warn).projects[name] ?? [];
}
export { describeHolder as a, holderRoot as c, withLease as d, decideExplicit as i, leasesOf as l, readRegistry as n, describeRef as o, updateRegistry as r, freeSlots as s, readLeases as t, slotsOfCheckout as u };
