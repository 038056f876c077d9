import { c as downArgv, d as restartArgv } from "./compose-aF0sDG8n.js";
import { a as ForeignError, o as HeldElsewhereError } from "./errors-CfnyxBL4.js";
import { n as refuseForeign } from "./ownership-BdFHg5pr.js";
import { l as claimHolder } from "./infra-ops-Dq1y8K3j.js";
import { r as dropResourceOps } from "./print-plans-aYFkpyzp.js";
// dist/plan/teardown-ops.js
/**
* One teardown for stop, clean, prune, release, takeover and undo: the slot's apps, then
* `compose down` when anything of the project is left (volumes only for clean), then its folder.
* One ownership rule: anything it would remove that is not provably this root's → ForeignError.
*/
function teardownOperations(s, want, composeArgv) {
	const claimOurs = !!s.claim && s.claim.root === s.root && (s.identity === void 0 || s.claim.id === s.identity);
	if (s.claim && !claimOurs && s.identity !== void 0) {
		const { who, fix } = claimHolder(s.claim, s.root);
		throw new (s.apps.length ? ForeignError : HeldElsewhereError)(fix ? `slot ${s.slot} is held on this Docker engine by ${who}; left it alone — ${fix}` : `slot ${s.slot} is held on this Docker engine by ${who}, not this one (${s.root}); left it alone — ${want.hint}`);
	}
	refuseForeign(s.root, s.project, {
		containers: s.containers,
		networks: s.networks,
		...want.volumes ? { volumes: s.volumes } : {}
	}, want.hint);
	const ops = [...s.apps].sort((x, y) => x.id - y.id).map((a) => ({
		slot: s.slot,
		kind: "pm2-delete",
		app: a.name,
		namespace: a.namespace,
		id: a.id,
		cause: `app of slot ${s.slot} (${a.status})`
	}));
	const parts = [
		s.containers.length ? `${s.containers.length} container(s)` : "",
		s.networks.length ? `${s.networks.length} network(s)` : "",
		want.volumes && s.volumes.length ? `${s.volumes.length} volume(s)` : ""
	].filter(Boolean);
	if (parts.length && s.infraAttached?.length) ops.push({
		slot: s.slot,
		kind: "infra-detach",
		project: s.project,
		attached: s.infraAttached,
		cause: `the shared services are on ${s.project}'s networks, which compose down removes`
	});
	if (parts.length) ops.push({
		slot: s.slot,
		kind: "compose-down",
		argv: downArgv(composeArgv, s.project, want.volumes),
		cwd: "",
		project: s.project,
		volumes: want.volumes,
		anonymousVolumes: anonymousVolumesOf(s.containers),
		cause: `${parts.join(", ")} of ${s.project}`
	});
	if (claimOurs) ops.push({
		slot: s.slot,
		kind: "release-claim",
		project: s.project,
		name: s.claim.name,
		cause: "the slot is gone: another checkout may claim it"
	});
	if (want.resources?.length) ops.push(...dropResourceOps(s.slot, want.resources, s.root));
	if (want.removeDir) ops.push({
		slot: s.slot,
		kind: "remove-dir",
		root: s.root,
		dir: want.removeDir,
		cause: "the slot's generated files (your *.local.env stay)"
	});
	return ops;
}
/** The anonymous volumes these containers mount, once each: compose down leaves them behind. */
function anonymousVolumesOf(containers) {
	return [...new Set(containers.flatMap((c) => c.anonymousVolumes ?? []))].sort();
}
/** Restart in place, then wait for readiness as start does (issue 11: restart means up too). */
function restartOperations(s, info, composeArgv) {
	const ours = s.containers.filter((c) => c.root === s.root);
	const ops = [];
	if (ours.length) {
		const argv = info?.compose?.files.length ? restartArgv(composeArgv, info.compose) : restartArgv(composeArgv, { project: s.project });
		ops.push({
			slot: s.slot,
			kind: "compose-restart",
			argv,
			cwd: s.root,
			cause: `${ours.length} container(s) of ${s.project}`
		});
	}
	for (const a of [...s.apps].sort((x, y) => x.id - y.id)) ops.push({
		slot: s.slot,
		kind: "pm2-restart",
		app: a.name,
		namespace: a.namespace,
		id: a.id,
		cause: `app of slot ${s.slot} (${a.status})`
	});
	if (ours.length) ops.push({
		slot: s.slot,
		kind: "wait-containers",
		project: s.project,
		services: [...new Set(ours.map((c) => c.service))].sort(),
		cause: "restart means up, as start does"
	});
	if (s.apps.length) {
		const apps = [...s.apps].sort((x, y) => x.id - y.id).map((a) => {
			const base = info?.apps.find((x) => x.name === a.name)?.base ?? a.name.replace(/-\d+$/, "");
			const probe = info?.health[base];
			return {
				name: a.name,
				base,
				...probe ? { probe } : {}
			};
		});
		ops.push({
			slot: s.slot,
			kind: "wait-apps",
			namespace: s.apps[0].namespace,
			root: s.root,
			apps,
			cause: "restart means up, as start does"
		});
	}
	return ops;
}
export { teardownOperations as n, restartOperations as t };
