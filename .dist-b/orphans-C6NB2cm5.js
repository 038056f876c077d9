import { t as gitInfo } from "./git-BFfSLo4K.js";
import { j as slotOfProject, k as projectName } from "./names-B3NKYqMG.js";
import { n as readRegistry } from "./registry-317Sbg2s.js";
import fs from "node:fs";
// dist/leases/orphans.js
/**
* Issue 11: a slot is orphaned only when its owner is provably gone: its root was a worktree of
* this repository (a lease recorded it) and git's own worktree list no longer has it. A root that
* is merely not visible from here (another mount namespace: a devcontainer, a second machine on
* one engine) is never taken as gone; such slots come back as `unproven`, with the reason.
* Only things carrying devslot's labels are considered. `listed`: every devslot container and PM2
* app (listEverything), so ls can use the same two calls for its own rows. `warn`: where a bad
* leases.json is reported (without it, a bad one is a StateError).
*/
async function findOrphans(config, listed, warn) {
	const git = await gitInfo(config.root);
	const leases = git ? readRegistry(git.commonDir, warn).projects[config.name] ?? [] : [];
	const live = git && git.worktrees.length ? (wt) => git.worktrees.includes(wt) : () => true;
	const leased = new Set(leases.map((l) => l.worktree));
	const byKey = /* @__PURE__ */ new Map();
	const at = (slot, root) => {
		const key = `${slot}\u0000${root}`;
		let o = byKey.get(key);
		if (!o) byKey.set(key, o = {
			slot,
			project: projectName(config.name, slot),
			root,
			containers: [],
			apps: []
		});
		return o;
	};
	const candidate = (root) => !!root && root !== config.root && (!live(root) || !fs.existsSync(root));
	for (const c of listed.containers) {
		const slot = slotOfProject(config.name, c.project);
		if (slot !== void 0 && candidate(c.root)) at(slot, c.root).containers.push(c);
	}
	for (const p of listed.procs) {
		const slot = slotOfProject(config.name, p.namespace);
		if (slot !== void 0 && candidate(p.env.DEVSLOT_ROOT)) at(slot, p.env.DEVSLOT_ROOT).apps.push(p);
	}
	for (const l of leases) if (!live(l.worktree)) at(l.slot, l.worktree).lease = l;
	const orphans = [];
	const unproven = [];
	for (const o of [...byKey.values()].sort((a, b) => a.slot - b.slot)) if (git && leased.has(o.root) && !live(o.root)) orphans.push(o);
	else unproven.push({
		...o,
		why: whyUnproven(o.root, git, live)
	});
	return {
		orphans,
		unproven,
		leases,
		live,
		git
	};
}
function whyUnproven(root, git, live) {
	if (git && live(root)) return `${root} is not visible from here, but git still lists it as a worktree of this repository; if it is gone, run \`git worktree prune\` first`;
	return `${root} is not visible from here, and nothing proves it gone (it is not a worktree devslot leased in this repository): it may be another container or machine sharing this engine; stop it from there`;
}
export { findOrphans as t };
