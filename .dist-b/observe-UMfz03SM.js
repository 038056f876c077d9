import { p as listContainers } from "./docker-BMUCdZpG.js";
import { n as listApps } from "./pm2-Cpw2rS9y.js";
import "./ownership-BdFHg5pr.js";
import { j as slotOfProject, k as projectName, u as LABEL_ROOT } from "./names-B3NKYqMG.js";
// dist/observe/observe.js
/** Every devslot container (of any root, on each engine given) and every PM2 app: one call each. */
async function listEverything(name, engines) {
	const [containers, procs] = await Promise.all([listOnEngines(engines, name, [LABEL_ROOT]), listApps(engines[0].env)]);
	return {
		containers,
		procs
	};
}
/**
* One container list per engine the project's slots run on (issue 19), each container kept only
* from its own slot's engine: a slot's project name on another engine is not that slot. Containers
* that are no slot's (another project's) come from the default engine alone.
*/
async function listOnEngines(groups, name, filters) {
	return (await Promise.all(groups.map(async (g, i) => (await listContainers(g.env, filters)).filter((c) => {
		const slot = slotOfProject(name, c.project);
		return slot === void 0 ? i === 0 : g.owns(slot);
	})))).flat();
}
/**
* Every slot of this project root that has anything running or stopped, from one Docker list
* (filtered by the root label) and one PM2 list: never one CLI process per slot.
*/
async function observe(config, engines, opts) {
	const { name, root } = config;
	const [containers, procs] = await Promise.all([opts.docker ? listOnEngines(engines, name, [`${LABEL_ROOT}=${root}`]) : Promise.resolve([]), listApps(engines[0].env)]);
	return bucketByRoot(name, [root], {
		containers,
		procs
	}).get(root);
}
/**
* observe, and for the slots `idle` picks (nothing of this root there) the other checkouts (roots)
* that have containers or apps of them: a copied folder's status says who runs its slot rather than
* only `missing`. The usual case, every slot with something of its own, stays one container list
* filtered by this root; only an idle slot costs a second list, of every root's.
*/
async function observeWithHolders(config, engines, idle) {
	const { name, root } = config;
	const [containers, procs] = await Promise.all([listOnEngines(engines, name, [`${LABEL_ROOT}=${root}`]), listApps(engines[0].env)]);
	const states = bucketByRoot(name, [root], {
		containers,
		procs
	}).get(root);
	const wanted = new Set(idle(states));
	if (!wanted.size) return {
		states,
		holders: /* @__PURE__ */ new Map()
	};
	const holders = otherHolders(name, root, {
		containers: await listOnEngines(engines, name, [LABEL_ROOT]),
		procs
	});
	return {
		states,
		holders: new Map([...holders].filter(([slot]) => wanted.has(slot)))
	};
}
/** Slot → the other roots with a container or app of that slot of this project. */
function otherHolders(name, root, { containers, procs }) {
	const out = /* @__PURE__ */ new Map();
	const add = (slot, other) => {
		if (slot === void 0 || other === void 0 || other === root) return;
		if (!out.has(slot)) out.set(slot, /* @__PURE__ */ new Set());
		out.get(slot).add(other);
	};
	for (const c of containers) add(slotOfProject(name, c.project), c.root);
	for (const p of procs) add(slotOfProject(name, p.namespace), p.env.DEVSLOT_ROOT);
	return new Map([...out].map(([slot, roots]) => [slot, [...roots].sort()]));
}
/** Lists already made, sorted into each root's slots (containers and apps of other roots are left out). */
function bucketByRoot(name, roots, { containers, procs }) {
	const out = new Map(roots.map((r) => [r, /* @__PURE__ */ new Map()]));
	const at = (root, slot) => {
		const slots = out.get(root);
		let s = slots.get(slot);
		if (!s) slots.set(slot, s = {
			slot,
			project: projectName(name, slot),
			containers: [],
			apps: []
		});
		return s;
	};
	for (const c of containers) {
		const slot = slotOfProject(name, c.project);
		if (slot !== void 0 && c.root !== void 0 && out.has(c.root)) at(c.root, slot).containers.push(c);
	}
	for (const p of procs) {
		const slot = slotOfProject(name, p.namespace);
		const root = p.env.DEVSLOT_ROOT;
		if (slot !== void 0 && root !== void 0 && out.has(root)) at(root, slot).apps.push(p);
	}
	return out;
}
export { observeWithHolders as i, listEverything as n, observe as r, bucketByRoot as t };
