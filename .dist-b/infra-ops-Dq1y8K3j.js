import { t as BusyError } from "./errors-CfnyxBL4.js";
import { a as LABEL_CLAIM_ID, b as claimName, i as LABEL_CLAIM, o as LABEL_CLAIM_ROOT } from "./names-B3NKYqMG.js";
import { f as upArgv, l as projectArgs } from "./compose-aF0sDG8n.js";
import { n as containerReadiness, r as isReady } from "./probe-JBus41hH.js";
// dist/plan/claim.js
function claimLabels(project, me) {
	return {
		[LABEL_CLAIM]: project,
		[LABEL_CLAIM_ROOT]: me.root,
		[LABEL_CLAIM_ID]: me.id
	};
}
/** The claim of `project` among listed volumes (or the labels a claim call read back). */
function claimFrom(project, volumes) {
	const v = volumes.find((x) => x.name === claimName(project));
	return v ? {
		name: v.name,
		root: v.labels["dev.devslot.claim.root"] ?? "",
		id: v.labels["dev.devslot.claim.id"] ?? ""
	} : void 0;
}
function heldBy(claim, me) {
	return claim.root === me.root && claim.id === me.id;
}
/**
* Who holds a claim, as a refusal names it. A holder at this checkout's own path is most often this
* very folder whose `.instances/.identity` was damaged or replaced (or a fresh clone made there):
* naming "the checkout at /x, not this one (/x)" would leave the user nowhere, so it says what
* differs and how to take the slot back.
*/
function claimHolder(claim, root) {
	const id = claim.id.slice(0, 8) || "none";
	if (root === void 0 || claim.root !== root) return { who: `the checkout at ${claim.root || "an unknown folder"} (id ${id})` };
	return {
		who: `a checkout at this same path (${root}) under another id (${id}): this folder's .instances/.identity was replaced or damaged, or another machine or container uses this path on the engine`,
		fix: `if none does, the slot is this folder's: \`docker volume rm ${claim.name}\` and run again`
	};
}
/** The one line a checkout gets when another one holds the slot on this engine. */
function claimedError(slot, claim, root) {
	const { who, fix } = claimHolder(claim, root);
	return new BusyError(fix ? `slot ${slot} is held on this Docker engine by ${who}; ${fix}` : `slot ${slot} is held on this Docker engine by ${who}; stop it there (\`devslot ${slot} stop\`) or use another slot here; if that checkout is gone for good, \`docker volume rm ${claim.name}\``);
}
function refuseClaimed(slot, claim, me) {
	if (claim && !heldBy(claim, me)) throw claimedError(slot, claim, me.root);
}
// dist/plan/infra-ops.js
/** Why the shared services must be brought up before this start, or undefined when they all are. */
function infraNeed(infra, seen) {
	if (!seen.length) return `the shared services (${infra.project}) are not running`;
	for (const svc of infra.services) {
		const r = containerReadiness(seen.filter((c) => c.service === svc));
		if (!isReady(r.state)) return `shared service ${svc}: ${r.detail}`;
	}
}
/**
* Whether an infra container misses one of the slot's networks (the infra was recreated since the
* slot started, or never joined): then start connects it again.
*/
function attachNeed(infra, seen, slotNetworks) {
	for (const c of seen.filter((x) => infra.services.includes(x.service) && x.state === "running")) {
		const missing = slotNetworks.filter((n) => c.networks && !c.networks.includes(n));
		if (missing.length) return `${c.service} of ${infra.project} is not on ${missing.join(", ")}`;
	}
}
function infraUpOp(plan, composeArgv, cause) {
	const { infra } = plan;
	const ports = Object.entries(infra.ports).filter(([, port], i, all) => all.findIndex(([, p]) => p === port) === i).map(([name, port]) => ({
		name,
		port,
		source: plan.portSources[name] ?? "shared"
	}));
	return {
		slot: plan.slot,
		kind: "infra-up",
		root: plan.root,
		name: plan.name,
		project: infra.project,
		argv: upArgv(composeArgv, infra),
		services: infra.services,
		files: infra.written,
		ports,
		cause
	};
}
/**
* clean drops a slot's resources on the shared services: when those are not up (`stop all` stopped
* them), they are started first, under the infra lock as a start would.
*/
function cleanInfraOps(plan, seen, composeArgv) {
	const need = infraNeed(plan.infra, seen);
	return need ? [infraUpOp(plan, composeArgv, `slot ${plan.slot}'s resources are dropped on the shared services: ${need}`)] : [];
}
function composeCreateOp(plan, composeArgv) {
	return {
		slot: plan.slot,
		kind: "compose-create",
		argv: [
			...composeArgv,
			...projectArgs(plan.compose),
			"create",
			"--remove-orphans"
		],
		cwd: plan.root,
		cause: "the slot's networks exist before its containers start, so the shared services can join them first"
	};
}
function attachOp(plan, cause) {
	return {
		slot: plan.slot,
		kind: "infra-attach",
		name: plan.name,
		project: plan.project,
		services: plan.infra.services,
		cause
	};
}
/**
* `down` of the infra project by label (`-p` only), every volume kept, anonymous ones too (unlike a
* slot's stop): they may hold every slot's databases, and removing the shared services' volumes
* takes its own confirmed command (`infra clean`, which adds `--volumes`).
*/
function infraDownOp(name, project, composeArgv, cause) {
	return {
		slot: -1,
		kind: "infra-down",
		argv: [
			...composeArgv,
			"-p",
			project,
			"down",
			"--remove-orphans"
		],
		project,
		anonymousVolumes: [],
		cause: `${cause} (${name})`
	};
}
export { infraDownOp as a, claimFrom as c, claimedError as d, heldBy as f, composeCreateOp as i, claimHolder as l, attachOp as n, infraNeed as o, refuseClaimed as p, cleanInfraOps as r, infraUpOp as s, attachNeed as t, claimLabels as u };
