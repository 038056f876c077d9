import { h as listVolumes, m as listNetworks, p as listContainers } from "./docker-BMUCdZpG.js";
import { l as readText } from "./fs-GiFRpoZG.js";
import { n as listApps } from "./pm2-Cpw2rS9y.js";
import { O as projectFilter, b as claimName, c as LABEL_INFRA, i as LABEL_CLAIM } from "./names-B3NKYqMG.js";
import { c as claimFrom, i as composeCreateOp, n as attachOp, o as infraNeed, p as refuseClaimed, s as infraUpOp, t as attachNeed } from "./infra-ops-Dq1y8K3j.js";
import { r as refuseForeignProject, t as ownApps } from "./ownership-BdFHg5pr.js";
import { r as slotEnv } from "./slot-env-BMCj9FTv.js";
import { t as sha256 } from "./hash-BS0aKSWh.js";
import { f as upArgv } from "./compose-aF0sDG8n.js";
import { i as ensureResourceOps } from "./print-plans-aYFkpyzp.js";
import { u as RuntimeError } from "./errors-CfnyxBL4.js";
import { n as containerReadiness, r as isReady, t as probeOnce } from "./probe-JBus41hH.js";
import path from "node:path";
// dist/plan/hook-ops.js
/** The file under `.instances/instance-N/` that says the created hook succeeded (clean removes it: names.ts OWN_DOT_FILES). */
const CREATED = ".created";
/**
* A hook's steps as operations, in order, each with the cause the command gives. Host steps get
* the environment `exec` gives (the app's, or the union of the slot's env entries) plus their own.
*/
function hookOperations(plan, hook, cause) {
	return (plan.hooks?.[hook] ?? []).map((step) => ({
		slot: plan.slot,
		kind: "hook-step",
		step,
		root: plan.root,
		project: step.kind === "exec" && plan.infra?.services.includes(step.service) ? plan.infra.project : plan.project,
		env: step.kind === "exec" ? { ...step.env } : {
			...slotEnv(plan, step.app),
			...step.env
		},
		cause
	}));
}
function hasHook(plan, hook) {
	return (plan.hooks?.[hook]?.length ?? 0) > 0;
}
/**
* Why the created hook must run at this start, or undefined. It ran when its record exists and
* every volume it recorded still does: a volume removed behind devslot's back (`docker compose
* down -v`) took the data the hook made, so it runs again.
*/
function createdNeed(plan, recorded, volumes) {
	if (!hasHook(plan, "created")) return void 0;
	if (!recorded) return `the created hook has not succeeded for slot ${plan.slot} yet`;
	if (recorded.unreadable) return `the created hook's record (${plan.dir}/${CREATED}) is damaged, so devslot cannot tell that it ran: it runs again`;
	const gone = recorded.volumes.filter((v) => !volumes.some((x) => x.name === v));
	if (gone.length) return `volume${gone.length > 1 ? "s" : ""} ${gone.join(", ")} of the slot ${gone.length > 1 ? "were" : "was"} removed since the created hook ran`;
}
// dist/plan/pm2-options.js
/** ISO timestamps on every PM2 log line, so `logs` can merge them with container logs in time order. */
const LOG_DATE_FORMAT = "YYYY-MM-DDTHH:mm:ss.SSSZ";
const FINGERPRINT = "DEVSLOT_FINGERPRINT";
/**
* The options PM2 gets: the planned ones, ISO-timestamped logs (over any log_date_format of the
* user's: `logs` needs them to merge in time order), and a fingerprint of the plan. The start
* operation carries exactly these, so a dry run shows what PM2 is sent.
*/
function pm2Options(app) {
	const options = baseOptions(app);
	return {
		...options,
		env: {
			...options.env,
			[FINGERPRINT]: fingerprintOf(app)
		}
	};
}
function baseOptions(app) {
	return {
		merge_logs: true,
		...app.options,
		log_date_format: LOG_DATE_FORMAT
	};
}
/** A hash of everything PM2 is given for the app: equal means the running app is this plan's. */
function fingerprintOf(app) {
	return sha256(JSON.stringify(baseOptions(app))).slice(0, 16);
}
/**
* PM2 names are global per daemon: an app of another namespace or checkout with one of these names
* would be replaced by starting ours. Refuse, naming it, before anything runs.
*/
function refuseNamesakes(apps, procs, root) {
	for (const app of apps) {
		const p = procs.find((x) => x.name === app.name && (x.namespace !== app.namespace || x.env.DEVSLOT_ROOT !== root));
		if (!p) continue;
		throw new RuntimeError(`a PM2 app named ${app.name} already exists in namespace ${p.namespace}${p.env.DEVSLOT_ROOT ? ` (from ${p.env.DEVSLOT_ROOT})` : ""} and is not this slot's; PM2 names are global, so rename or delete it first`);
	}
}
// dist/plan/start-ops.js
/**
* DESIGN §2 start as operations: nothing when the slot already runs this plan and is up;
* otherwise preflight, the slot's files, compose up, the waits, each app that is not running this
* plan healthy, and the mark. Refuses (throws) a project or PM2 name that is not this checkout's.
*/
function startOperations(plan, seen, composeArgv, me, want = { hooks: true }) {
	const slot = plan.slot;
	const planMark = composeMark(plan);
	const compose = plan.compose.files.length > 0;
	if (compose) refuseClaimed(slot, seen.claim, me);
	refuseForeignProject(plan.root, plan.project, seen.containers, seen.volumes);
	refuseNamesakes(plan.apps, seen.procs, plan.root);
	const own = ownApps(seen.procs, plan.name, plan.root, plan.namespace).sort((a, b) => a.id - b.id);
	const ownContainers = plan.compose.services.length > 0 || seen.containers.length > 0;
	const composeCause = compose && ownContainers ? composeNeed(plan, seen, planMark) : void 0;
	const appliedMark = ownContainers ? planMark : resourcesMark(plan);
	const resourceCause = !ownContainers && Object.keys(plan.resources ?? {}).length && seen.applied !== appliedMark ? "no start of this plan has made the slot's resources yet" : void 0;
	const appCauses = plan.apps.map((app) => ({
		app,
		cause: appNeed(app, own, seen.probes)
	}));
	const planned = new Set(plan.apps.map((a) => a.name));
	const dropped = own.filter((p) => !planned.has(p.name));
	const createdCause = want.hooks ? createdNeed(plan, seen.created, seen.volumes) : void 0;
	const infra = plan.infra && compose ? plan : void 0;
	const infraCause = infra ? infraNeed(infra.infra, seen.infra?.containers ?? []) : void 0;
	const attachCause = infra && !infraCause && !composeCause && seen.containers.length ? attachNeed(infra.infra, seen.infra?.containers ?? [], seen.infra?.slotNetworks ?? []) : void 0;
	if (!composeCause && !resourceCause && !dropped.length && appCauses.every((a) => !a.cause) && !createdCause && !infraCause && !attachCause) return [];
	const hook = (name, cause) => want.hooks ? hookOperations(plan, name, cause) : [];
	const ops = [];
	if (compose && !seen.claim) ops.push({
		slot,
		kind: "claim-slot",
		project: plan.project,
		name: claimName(plan.project),
		root: me.root,
		id: me.id,
		cause: "one checkout at a time holds a slot of this engine: claimed before anything is created"
	});
	const ownPorts = [...seen.containers, ...seen.infra?.containers ?? []].flatMap((c) => c.ports.map((p) => p.published));
	const ports = Object.entries(plan.ports).filter(([name, port], i, all) => all.findIndex(([, p]) => p === port) === i && !(infra && name in infra.infra.ports)).map(([name, port]) => ({
		name,
		port,
		source: plan.portSources[name] ?? "declared"
	}));
	ops.push({
		slot,
		kind: "check-ports",
		project: plan.project,
		ports,
		ownPorts: [...new Set(ownPorts)].sort((a, b) => a - b),
		ownPids: own.map((a) => a.pid).filter((p) => p > 0),
		cause: "before anything is created, every port this slot does not hold must be free"
	});
	ops.push({
		slot,
		kind: "write-files",
		root: plan.root,
		dir: plan.dir,
		files: plan.files,
		cause: "the slot files are regenerated from their templates on every start"
	});
	if (plan.compose.mounts?.length) ops.push({
		slot,
		kind: "make-mounts",
		root: plan.root,
		mounts: plan.compose.mounts,
		cause: "compose.perSlotMounts: each slot writes its own folder"
	});
	if (infra && infraCause) ops.push(infraUpOp(infra, composeArgv, `before the slot's resources and containers: ${infraCause}`));
	ops.push(...ensureResourceOps(slot, plan.resources ?? {}, plan.root));
	ops.push(...hook("pre-start", "hooks.pre-start: before the slot starts, its files written"));
	for (const p of dropped) ops.push({
		slot,
		kind: "pm2-delete",
		app: p.name,
		namespace: p.namespace,
		id: p.id,
		cause: `${p.name} is no longer in the PM2 config`
	});
	if (infra && (composeCause || infraCause || attachCause)) {
		if (composeCause) ops.push(composeCreateOp(plan, composeArgv));
		ops.push(attachOp(infra, attachCause ?? (infraCause && !composeCause ? "the shared services were (re)started: they join every slot's networks again" : "the slot reaches the shared services by service name, on its own networks")));
	}
	if (composeCause) {
		ops.push({
			slot,
			kind: "compose-up",
			argv: upArgv(composeArgv, plan.compose),
			cwd: plan.root,
			services: plan.compose.services,
			cause: composeCause
		});
		ops.push({
			slot,
			kind: "wait-containers",
			project: plan.project,
			services: plan.compose.services,
			cause: "start means up: every service running, healthy where it has a healthcheck"
		});
	}
	if (createdCause) {
		ops.push(...hook("created", `hooks.created, before the apps start: ${createdCause}`));
		ops.push({
			slot,
			kind: "record-created",
			root: plan.root,
			file: `${plan.dir}/${CREATED}`,
			project: plan.project,
			cause: "the created hook runs once per slot: the next start skips it"
		});
	}
	const started = [];
	for (const { app, cause } of appCauses) {
		if (!cause) continue;
		for (const p of own.filter((x) => x.name === app.name)) ops.push({
			slot,
			kind: "pm2-delete",
			app: p.name,
			namespace: p.namespace,
			id: p.id,
			cause: `replaced: ${cause}`
		});
		ops.push({
			slot,
			kind: "pm2-start",
			app: app.name,
			namespace: app.namespace,
			options: pm2Options(app),
			cause
		});
		started.push(app);
	}
	if (started.length) {
		const apps = started.map((a) => ({
			name: a.name,
			base: a.base,
			...plan.health[a.base] ? { probe: plan.health[a.base] } : {}
		}));
		ops.push({
			slot,
			kind: "wait-apps",
			namespace: plan.namespace,
			root: plan.root,
			apps,
			cause: "start means up: every app online and staying so, passing its probe where it has one"
		});
	}
	ops.push(...hook("post-start", "hooks.post-start: after every readiness check passed"));
	ops.push({
		slot,
		kind: "record-applied",
		root: plan.root,
		file: `${plan.dir}/${APPLIED}`,
		mark: appliedMark,
		cause: "the next start compares against it to know there is nothing to do"
	});
	return ops;
}
/** Which compose side of the plan the last successful start applied (composeMark), in this file. */
const APPLIED = ".applied";
/**
* Everything `compose up` depends on: the compose files and what they include (hashed), the
* variables they interpolate, and what devslot generates for compose (project, ports, names,
* labels' root, DEVSLOT_* values). A change to an app alone leaves it equal: compose is not rerun.
*/
/** The applied mark of a slot with no container of its own: what compose would run, and its resources. */
function resourcesMark(plan) {
	return sha256(JSON.stringify({
		compose: composeMark(plan),
		resources: plan.resources ?? {}
	}));
}
function composeMark(plan) {
	const { compose, ports, devslotVars, root, project } = plan;
	return sha256(JSON.stringify({
		compose,
		ports,
		devslotVars,
		root,
		project
	}));
}
function composeNeed(plan, seen, planMark) {
	const ours = seen.containers;
	if (!ours.length) return `no container of ${plan.project} exists yet`;
	if (seen.applied !== planMark) return "what compose runs changed since the last start (compose files, their variables, ports or names)";
	for (const svc of plan.compose.services) {
		const r = containerReadiness(ours.filter((c) => c.service === svc));
		if (!isReady(r.state)) return `service ${svc}: ${r.detail}`;
	}
}
function appNeed(app, own, probes) {
	const same = own.filter((p) => p.name === app.name);
	if (!same.length) return `${app.name} is not running`;
	if (same.length > 1) return `${app.name} runs ${same.length} times`;
	const p = same[0];
	if (p.status !== "online") return `${app.name} is ${p.status}`;
	if (p.env["DEVSLOT_FINGERPRINT"] !== fingerprintOf(app)) return `${app.name} runs another plan (its config or environment changed)`;
	if (probes[app.base] === false) return `${app.name} fails its health probe`;
}
// dist/observe/slot.js
/**
* What start needs to decide, read once: the project's containers and volumes (one call each),
* every PM2 app (one RPC call), the applied mark, and one probe per app with a health entry.
*/
async function observeStart(env, plan) {
	const compose = plan.compose.files.length > 0;
	const probes = {};
	const [containers, volumes, procs, claims] = await Promise.all([
		compose ? listContainers(env, [projectFilter(plan.project)]) : Promise.resolve([]),
		compose ? listVolumes(env, [projectFilter(plan.project)]) : Promise.resolve([]),
		plan.apps.length ? listApps(env) : Promise.resolve([]),
		compose ? listVolumes(env, [`${LABEL_CLAIM}=${plan.project}`]) : Promise.resolve([]),
		...plan.apps.map(async (a) => {
			const probe = plan.health[a.base];
			if (probe) probes[a.base] = await probeOnce(probe, 500);
		})
	]);
	const created = readCreated(path.join(plan.root, plan.dir, CREATED));
	const infra = plan.infra && compose ? await Promise.all([listContainers(env, [projectFilter(plan.infra.project)]), containers.length ? listNetworks(env, [projectFilter(plan.project)]) : Promise.resolve([])]).then(([c, n]) => ({
		containers: c,
		slotNetworks: n.map((x) => x.name)
	})) : void 0;
	return {
		containers,
		volumes,
		procs,
		applied: readText(path.join(plan.root, plan.dir, APPLIED))?.trim(),
		probes,
		claim: claimFrom(plan.project, claims),
		...created ? { created } : {},
		...infra ? { infra } : {}
	};
}
/** The created hook's record; a damaged one counts as not run (the hook runs again), and says so. */
function readCreated(file) {
	const text = readText(file);
	if (text === void 0) return void 0;
	try {
		const v = JSON.parse(text)?.volumes;
		if (Array.isArray(v) && v.every((x) => typeof x === "string")) return { volumes: v };
	} catch {}
	return {
		volumes: [],
		unreadable: true
	};
}
/**
* One slot's compose project objects (any root: the ownership rule decides), with the anonymous
* volumes its containers mount (a teardown removes them after compose down), and this root's apps
* of it. Without an engine only the apps are seen.
*/
async function observeSlotObjects(env, s, engine) {
	const label = [projectFilter(s.project)];
	const [procs, containers, networks, volumes, claims] = await Promise.all([
		listApps(env),
		engine ? listContainers(env, label, { anonymousVolumes: true }) : Promise.resolve([]),
		engine ? listNetworks(env, label) : Promise.resolve([]),
		engine ? listVolumes(env, label) : Promise.resolve([]),
		engine ? listVolumes(env, [`${LABEL_CLAIM}=${s.project}`]) : Promise.resolve([])
	]);
	const claim = claimFrom(s.project, claims);
	const names = new Set(networks.map((n) => n.name));
	const infraAttached = names.size ? (await listContainers(env, [LABEL_INFRA])).flatMap((c) => (c.networks ?? []).filter((n) => names.has(n)).map((network) => ({
		container: c.id,
		name: c.name,
		network
	}))) : [];
	return {
		slot: s.slot,
		project: s.project,
		root: s.root,
		containers,
		networks,
		volumes,
		apps: ownApps(procs, s.name, s.root, s.project),
		...claim ? { claim } : {},
		...infraAttached.length ? { infraAttached } : {}
	};
}
export { CREATED as a, startOperations as i, observeStart as n, hookOperations as o, readCreated as r, observeSlotObjects as t };
