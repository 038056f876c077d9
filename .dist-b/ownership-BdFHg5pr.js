import { a as ForeignError, u as RuntimeError } from "./errors-CfnyxBL4.js";
import { j as slotOfProject, u as LABEL_ROOT } from "./names-B3NKYqMG.js";
// dist/plan/ownership.js
/**
* devslot acts only on what it can prove is its own (DESIGN §8): one rule for start, stop, clean,
* prune, release, takeover and undo. A compose project's containers, networks and (when they would
* be removed) volumes must all carry this checkout's root label.
*/
function foreignIn(root, project, objects) {
	const c = objects.containers.find((x) => x.root !== root);
	if (c) return `container ${c.name} of ${c.root ?? "a compose project devslot did not create"}`;
	const n = objects.networks.find((x) => x.labels[LABEL_ROOT] !== root);
	if (n) return `network ${n.name} of ${n.labels["dev.devslot.root"] ?? "another tool"}`;
	const v = objects.volumes?.find((x) => x.labels[LABEL_ROOT] !== root);
	if (v) return `volume ${v.name} of ${v.labels["dev.devslot.root"] ?? "another tool"}`;
}
function refuseForeign(root, project, objects, hint) {
	const what = foreignIn(root, project, objects);
	if (what) throw new ForeignError(`compose project ${project} holds ${what}, not of this checkout (${root}); left it alone — ${hint}`);
}
/**
* A start must not recreate `<name>-dev-N` of another checkout under this one (same name, other
* root: a second clone or worktree): refuse while any of its containers or volumes carries another root.
*/
function refuseForeignProject(root, project, containers, volumes) {
	const c = containers.find((x) => x.root !== root);
	const v = volumes.find((x) => x.labels["dev.devslot.root"] !== void 0 && x.labels["dev.devslot.root"] !== root);
	const owner = c ? c.root ?? "a compose project devslot did not create" : v?.labels[LABEL_ROOT];
	if (!owner) return;
	throw new RuntimeError(`compose project ${project} belongs to ${owner} (${c ? `container ${c.name}` : `volume ${v.name}`}), not to this checkout; use another slot here, or stop it there`);
}
/**
* This root's PM2 apps: in a `<name>-dev-N` namespace (or only in `namespace`, one slot's) and
* carrying DEVSLOT_ROOT=root.
*/
function ownApps(procs, name, root, namespace) {
	return procs.filter((p) => (namespace === void 0 ? slotOfProject(name, p.namespace) !== void 0 : p.namespace === namespace) && p.env.DEVSLOT_ROOT === root);
}
export { refuseForeign as n, refuseForeignProject as r, ownApps as t };
