import { i as listProjectContainers, n as recoverCopies, r as hasImage } from "./copy-D2KbCVMa.js";
import "./lock-C0NA0W_D.js";
import { l as withSlotLock } from "./lock-C527eXAj.js";
import { a as ForeignError, d as StateError, f as UsageError, i as DevslotError, l as ResourceError, r as ConfigError, s as InterruptedError, u as RuntimeError } from "./errors-CfnyxBL4.js";
import { N as snapshotVolumeName, O as projectFilter, S as composeVolumeName, _ as LABEL_SNAPSHOT_VOLUME, f as LABEL_SLOT, g as LABEL_SNAPSHOT_PROJECT, h as LABEL_SNAPSHOT_FROM, k as projectName, l as LABEL_PROJECT, m as LABEL_SNAPSHOT_CREATED, n as COPY_RECORDS_DIR, p as LABEL_SNAPSHOT, r as INSTANCES_DIR, s as LABEL_COPY_RUN, u as LABEL_ROOT, v as LABEL_VOLUME, w as instanceDirName } from "./names-B3NKYqMG.js";
import { h as listVolumes } from "./docker-BMUCdZpG.js";
import { t as checkoutIdentity } from "./identity-DaFZZe3H.js";
import { r as requireEngine } from "./engine-Dm9E4iDH.js";
import { t as printPlans } from "./print-plans-aYFkpyzp.js";
import { a as CREATED, o as hookOperations, r as readCreated } from "./slot-BDom-Uw2.js";
import { a as printJson, i as planOf, n as lockWaitMs, o as warnOf } from "./context-DABbsf0u.js";
import { n as readSlotResources } from "./resource-secrets-r17cfeWh.js";
import { t as runOperations } from "./run-ops-B4Cm1-wE.js";
import path from "node:path";
// dist/observe/copy.js
/** What a clone, snapshot or restore reads of one slot: its containers (with their volumes) and its volumes. */
async function observeCopySlot(env, project) {
	const [containers, volumes] = await Promise.all([listProjectContainers(env, project), listVolumes(env, [projectFilter(project)])]);
	return {
		containers,
		volumes
	};
}
/** Every snapshot volume of this project name (any root: the caller keeps its own). */
function snapshotVolumes(env, name) {
	return listVolumes(env, [`${LABEL_SNAPSHOT_PROJECT}=${name}`]);
}
/**
* clone's resources before anything is done: each target that holds data already (a database, a
* Redis DB with keys), each source database that is missing, and each target database or Redis DB
* another checkout marked (never replaced, even with --force), as words for one message.
*/
async function observeResourceCopies(pairs, root) {
	const occupied = [];
	const missing = [];
	const foreign = [];
	for (const { from, to } of pairs) if (from.kind === "postgres" && to.kind === "postgres") {
		const { foreignPostgres, postgresExists } = await import("./postgres-BC4FVOYw.js");
		const target = {
			resource: to.name,
			admin: to.admin
		};
		if (!(await postgresExists(target, from)).database) missing.push(`database ${from.database} (resources.${from.name})`);
		if ((await postgresExists(target, to)).database) {
			occupied.push(`database ${to.database}`);
			const other = await foreignPostgres(target, to.database, checkoutIdentity(root, false));
			if (other) foreign.push(`database ${to.database} (resources.${to.name}) belongs to the checkout at ${other}`);
		}
	} else if (from.kind === "redis" && to.kind === "redis") {
		const { foreignRedisDb, redisDbSize } = await import("./redis-BG09OXkK.js");
		const target = {
			resource: to.name,
			url: to.baseUrl
		};
		const other = await foreignRedisDb(target, to.index, checkoutIdentity(root, false));
		if (other) foreign.push(`Redis DB ${to.index} (resources.${to.name}) belongs to the checkout at ${other}`);
		const n = await redisDbSize(target, to.index);
		if (n) occupied.push(`Redis DB ${to.index} (${n} key${n > 1 ? "s" : ""})`);
	}
	return {
		occupied,
		missing,
		foreign
	};
}
// dist/plan/copy-ops.js
const copyRecordFile = (run) => `${INSTANCES_DIR}/${COPY_RECORDS_DIR}/${run}.json`;
/** The target volume's name and labels for one source volume. */
function targetVolume(input, v) {
	const t = input.target;
	const run = { [LABEL_COPY_RUN]: input.run };
	if (t.kind === "snapshot") {
		const version = v.labels["com.docker.compose.version"];
		return {
			name: snapshotVolumeName(input.name, t.snapshot, v.key),
			labels: {
				[LABEL_SNAPSHOT]: t.snapshot,
				[LABEL_SNAPSHOT_PROJECT]: input.name,
				[LABEL_ROOT]: input.root,
				[LABEL_SNAPSHOT_VOLUME]: v.key,
				[LABEL_SNAPSHOT_FROM]: String(t.fromSlot),
				[LABEL_SNAPSHOT_CREATED]: input.now,
				...version ? { "com.docker.compose.version": version } : {},
				...run
			}
		};
	}
	const keep = Object.fromEntries(Object.entries(v.labels).filter(([k]) => k.startsWith("com.docker.compose.") || k.startsWith("dev.devslot.") && !k.startsWith("dev.devslot.snapshot") && k !== "dev.devslot.copy.run"));
	return {
		name: composeVolumeName(t.project, v.key),
		labels: {
			...keep,
			[LABEL_PROJECT]: t.project,
			[LABEL_VOLUME]: v.key,
			[LABEL_SLOT]: String(t.slot),
			[LABEL_ROOT]: input.root,
			...run
		}
	};
}
function copyOperations(input) {
	const slot = input.target.kind === "slot" ? input.target.slot : input.target.fromSlot;
	const targets = input.volumes.map((v) => ({
		v,
		...targetVolume(input, v)
	}));
	const helper = `devslot-copy-${input.run}`;
	const file = copyRecordFile(input.run);
	const dest = input.target.kind === "slot" ? `slot ${input.target.slot}` : `snapshot ${input.target.snapshot}`;
	const record = {
		run: input.run,
		pid: input.pid,
		project: input.sourceProject,
		containers: input.hold,
		stopped: input.stop,
		volumes: targets.map((t) => t.name),
		helpers: [helper]
	};
	const items = (input.resources ?? []).flatMap(({ from, to }) => {
		if (from.kind === "postgres" && to.kind === "postgres") return [{
			name: to.name,
			kind: "postgres",
			from: from.database,
			to: to.database
		}];
		if (from.kind === "redis" && to.kind === "redis") return [{
			name: to.name,
			kind: "redis",
			from: String(from.index),
			to: String(to.index)
		}];
		return [];
	});
	if (items.length && input.sourceSlot !== void 0) record.resources = {
		fromSlot: input.sourceSlot,
		items
	};
	const ops = [{
		slot,
		kind: "record-copy",
		root: input.root,
		file,
		record,
		cause: "so the next devslot command can undo this copy if it is killed half way"
	}];
	for (const name of input.replace) ops.push({
		slot,
		kind: "remove-volume",
		name,
		cause: `${dest}'s volume is replaced by ${input.source}'s`
	});
	for (const t of targets) ops.push({
		slot,
		kind: "create-volume",
		name: t.name,
		labels: t.labels,
		cause: `${t.v.key} of ${dest}${input.target.kind === "slot" ? ", labelled as compose labels its own" : ""}`
	});
	if (input.hold.length) ops.push({
		slot,
		kind: "pause-containers",
		project: input.sourceProject,
		containers: input.hold,
		stop: input.stop,
		cause: input.stop ? `--stop: ${input.source} is stopped for the copy` : `every volume of ${input.source} is taken at one instant`
	});
	if (targets.length) ops.push({
		slot,
		kind: "copy-volumes",
		pairs: targets.map((t) => ({
			from: t.v.name,
			to: t.name
		})),
		image: input.image,
		helper,
		labels: {
			[LABEL_ROOT]: input.root,
			[LABEL_COPY_RUN]: input.run
		},
		cause: `${targets.map((t) => t.v.key).join(", ")} of ${input.source}, in one container`
	});
	for (const r of input.resources ?? []) ops.push({
		slot,
		kind: "copy-resource",
		from: r.from,
		to: r.to,
		replace: !!input.replaceResources,
		run: input.run,
		cwd: input.root,
		cause: `resources.${r.to.name} of ${dest} becomes a copy of ${input.source}'s`
	});
	if (input.hold.length) ops.push({
		slot,
		kind: "resume-containers",
		project: input.sourceProject,
		containers: input.hold,
		stopped: input.stop,
		cause: `the copy of ${input.source} is done`
	});
	ops.push(...input.after);
	ops.push({
		slot,
		kind: "forget-copy",
		root: input.root,
		file,
		cause: "the copy is complete"
	});
	return ops;
}
/**
* What undoes a failed or interrupted run: let the source go if it is still held, remove every
* volume this run created, forget the record. (Replaced volumes are gone: restore means replace.)
*/
function undoOperations(ops, done) {
	const has = (kind) => done.some((o) => o.kind === kind);
	const undo = [];
	const hold = ops.find((o) => o.kind === "pause-containers");
	const failed = ops[done.length];
	const held = has("pause-containers") ? !has("resume-containers") : failed?.kind === "pause-containers";
	if (hold?.kind === "pause-containers" && held) undo.push({
		slot: hold.slot,
		kind: "resume-containers",
		project: hold.project,
		containers: hold.containers,
		stopped: hold.stop,
		cause: "the copy did not finish: the source is let go"
	});
	for (const o of done) if (o.kind === "create-volume") undo.push({
		slot: o.slot,
		kind: "remove-volume",
		name: o.name,
		cause: "the copy failed: no partial target stays"
	});
	for (const o of done) if (o.kind === "copy-resource") undo.push({
		slot: o.slot,
		kind: "drop-resource",
		resource: o.to,
		cwd: o.cwd,
		cause: "the copy failed: no partial target stays"
	});
	const rec = done.find((o) => o.kind === "record-copy");
	if (rec && rec.kind === "record-copy") undo.push({
		slot: rec.slot,
		kind: "forget-copy",
		root: rec.root,
		file: rec.file,
		cause: "the copy is undone"
	});
	return undo;
}
// dist/commands/copy-resources.js
/**
* clone in shared-infra mode (DESIGN §9, §13): the source slot's postgres and redis resources as its
* start recorded them (resources.json: what exists, even if devslot.yaml changed since), each paired
* with the target's planned resource of the same name. `--only` keeps those on the named services.
*/
function resourcePairs(root, from, to, only) {
	const recorded = readSlotResources(root, from);
	const out = {
		pairs: [],
		leftOut: []
	};
	if (!recorded && Object.values(to).some((r) => r.kind !== "command" && (!only.length || r.service && only.includes(r.service)))) throw new StateError(`${INSTANCES_DIR}/${instanceDirName(from)}/resources.json holds no record devslot can read, so slot ${from}'s databases are not known; \`devslot ${from} start\` writes it again`);
	for (const r of Object.values(to).sort((a, b) => a.name.localeCompare(b.name))) {
		if (only.length && (!r.service || !only.includes(r.service))) continue;
		if (r.kind === "command") {
			out.leftOut.push(`resources.${r.name} (a command resource: devslot cannot copy it)`);
			continue;
		}
		const src = (recorded ?? []).find((x) => x.name === r.name && x.kind === r.kind);
		if (!src) throw new RuntimeError(`slot ${from} has no resources.${r.name} (${INSTANCES_DIR}/${instanceDirName(from)}/resources.json does not list it); start it first: \`devslot ${from} start\``);
		out.pairs.push({
			from: src,
			to: r
		});
	}
	return out;
}
/** Whether slot N recorded resources a clone copies (postgres, redis). */
function hasCopyableResources(root, slot) {
	return (readSlotResources(root, slot) ?? []).some((r) => r.kind !== "command");
}
/**
* The target got the source's data, so its next start must not run the created hook again (it
* would seed on top): the record is written for the volumes the clone wrote, when the source's
* created hook had succeeded and the whole slot was copied (not `--only`).
*/
function createdRecordOp(root, from, to, volumes, only) {
	if (only.length) return [];
	const created = readCreated(path.join(root, INSTANCES_DIR, instanceDirName(from), CREATED));
	if (!created || created.unreadable) return [];
	return [{
		slot: to.slot,
		kind: "record-created",
		root,
		file: `${to.dir}/${CREATED}`,
		project: to.project,
		volumes,
		cause: `slot ${to.slot} holds slot ${from}'s data, made by its created hook: the next start does not run it again`
	}];
}
// dist/commands/copy.js
/** The image that copies when devslot.yaml names none: Debian's tar is GNU tar with xattr and ACL support. */
const DEFAULT_COPY_IMAGE = "debian:bookworm-slim";
const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
function checkSnapshotName(name) {
	if (!SNAPSHOT_NAME.test(name)) throw new UsageError(`snapshot name ${JSON.stringify(name)} is not valid: letters, digits, ".", "_" and "-", starting with a letter or digit, at most 63`);
}
function copyImage(ctx) {
	const env = ctx.env.DEVSLOT_COPY_IMAGE;
	if (env) return {
		image: env,
		from: "DEVSLOT_COPY_IMAGE"
	};
	if (ctx.config.copy?.image) return {
		image: ctx.config.copy.image,
		from: "copy.image in devslot.yaml"
	};
	return {
		image: DEFAULT_COPY_IMAGE,
		from: "the default"
	};
}
/** Anything left by a devslot killed mid-copy is undone first (no SIGKILL can run a finally); a failure to is a failure here. */
async function recoverInterrupted(ctx) {
	for (const line of await recoverCopies(ctx.config.root, ctx.env)) warnOf(ctx)(line);
}
async function requireImage(ctx) {
	const { image, from } = copyImage(ctx);
	if (!await hasImage(ctx.env, image)) throw new RuntimeError(`the copy image ${image} (${from}) is not on the Docker engine: \`docker pull ${image}\`, or set copy.image in devslot.yaml (or DEVSLOT_COPY_IMAGE) to a local image with GNU tar`);
	return image;
}
/**
* The source slot's volumes to copy (only this checkout's), and the running containers to hold
* still. `resources`: the slot has resources on shared services to copy, so it may have no volume
* of its own, and `--only` may name a shared service.
*/
async function sourceOf(ctx, slot, only, resources = false) {
	const project = projectName(ctx.config.name, slot);
	const seen = await observeCopySlot(ctx.env, project);
	const shared = resources ? ctx.config.shared.services : [];
	if (!seen.volumes.length && !resources) throw new RuntimeError(`slot ${slot} has no volumes to copy (${project}); start it first: \`devslot ${slot} start\``);
	const foreign = seen.volumes.find((v) => v.labels[LABEL_ROOT] !== ctx.config.root);
	if (foreign) throw new ForeignError(`volume ${foreign.name} of slot ${slot} is not this checkout's (${foreign.labels["dev.devslot.root"] ?? "no devslot label"}); left it alone — copy it from its own checkout`);
	let containers = seen.containers;
	let wanted = seen.volumes;
	if (only.length) {
		const services = new Set(seen.containers.map((c) => c.service));
		const unknown = only.filter((s) => !services.has(s) && !shared.includes(s));
		if (unknown.length) throw new UsageError(`--only: slot ${slot} has no container of ${unknown.join(", ")}${services.size ? ` (services: ${[...services].sort().join(", ")})` : ""}`);
		containers = seen.containers.filter((c) => only.includes(c.service));
		const mounted = new Set(containers.flatMap((c) => c.volumes));
		wanted = seen.volumes.filter((v) => mounted.has(v.name));
		if (!wanted.length && !only.some((s) => shared.includes(s))) throw new UsageError(`--only ${only.join(" ")}: those services of slot ${slot} mount no named volume`);
	}
	const volumes = [];
	const skipped = [];
	for (const v of wanted) {
		const key = v.labels[LABEL_VOLUME];
		if (!key || v.name !== composeVolumeName(project, key)) skipped.push(v.name);
		else volumes.push({
			name: v.name,
			key,
			labels: v.labels
		});
	}
	if (!volumes.length && !resources) throw new RuntimeError(`slot ${slot} has no per-slot volume to copy (shared: ${skipped.join(", ")})`);
	const hold = containers.filter((c) => c.state === "running").map((c) => ({
		id: c.id,
		name: c.name
	}));
	return {
		project,
		volumes: volumes.sort((a, b) => a.key.localeCompare(b.key)),
		hold,
		skipped
	};
}
/** The target slot must not run; its existing volumes of these keys are returned (this checkout's only). */
async function targetOf(ctx, slot, keys) {
	const project = projectName(ctx.config.name, slot);
	const seen = await observeCopySlot(ctx.env, project);
	const live = seen.containers.filter((c) => [
		"running",
		"paused",
		"restarting"
	].includes(c.state));
	if (live.length) throw new RuntimeError(`slot ${slot} is running (${live.map((c) => c.name).join(", ")}); stop it first: \`devslot ${slot} stop\``);
	const existing = seen.volumes.filter((v) => keys.includes(v.labels["com.docker.compose.volume"] ?? "") || keys.some((k) => v.name === composeVolumeName(project, k)));
	const foreign = existing.find((v) => v.labels[LABEL_ROOT] !== ctx.config.root);
	if (foreign) throw new ForeignError(`volume ${foreign.name} of slot ${slot} is not this checkout's (${foreign.labels["dev.devslot.root"] ?? "no devslot label"}); left it alone`);
	return {
		project,
		existing
	};
}
/** Lock both slots, lower first (two clones the other way round must not deadlock). */
async function withLocks(ctx, slots, what, fn) {
	const [first, ...rest] = [...new Set(slots)].sort((a, b) => a - b);
	if (first === void 0) return fn();
	return withSlotLock(ctx.config.root, first, what, lockWaitMs(ctx), () => withLocks(ctx, rest, what, fn), ctx.signal);
}
/** Run a copy's operations; on any failure or Ctrl-C undo it (source let go, no partial target) and rethrow. */
async function runCopy(ctx, ops) {
	const done = [];
	let result;
	try {
		result = await runOperations(ctx, ops, { done });
	} catch (e) {
		const undo = undoOperations(ops, done);
		const calm = new AbortController().signal;
		let undoError;
		await runOperations(ctx, undo, { signal: calm }).catch((u) => undoError = u);
		const why = e instanceof DevslotError ? e.message : String(e.message ?? e);
		const left = undoError ? `; undoing it failed too (${undoError.message}): the next devslot command retries` : "; nothing of it is left and the source runs as before";
		if (ctx.signal.aborted || e instanceof InterruptedError) throw new InterruptedError(`interrupted: the copy was undone${left.startsWith("; nothing") ? "" : left}`);
		if (e instanceof DevslotError) throw Object.assign(e, { message: `${why}${left}` });
		throw e;
	}
	return {
		...result.paused?.ms !== void 0 ? { pausedMs: result.paused.ms } : {},
		...result.resources ? { resources: result.resources } : {}
	};
}
function report(ctx, verb, r, skipped, leftOut = []) {
	if (ctx.options.json) return printJson(ctx, {
		[verb]: r,
		...skipped.length ? { skipped } : {},
		...leftOut.length ? { leftOut } : {}
	});
	if (ctx.options.quiet) return;
	const held = r.from.startsWith("snapshot") ? "" : r.held.length ? `; ${r.from} was ${r.pausedMs === void 0 ? "held" : `held still for ${r.pausedMs} ms`} (${r.held.join(", ")})` : `; ${r.from} was not running`;
	const vols = r.volumes.length ? `${r.volumes.length} volume${r.volumes.length === 1 ? "" : "s"} (${r.volumes.join(", ")})` : "no volume";
	ctx.io.out(`${verb} ${r.from} into ${r.to}: ${vols}${r.resources?.length ? ` and ${r.resources.length} resource${r.resources.length === 1 ? "" : "s"}` : ""}${held}\n`);
	for (const line of r.resources ?? []) ctx.io.out(`  ${line}\n`);
	if (skipped.length) ctx.io.out(`left out (shared by every slot: a fixed name): ${skipped.join(", ")}\n`);
	if (leftOut.length) ctx.io.out(`left out: ${leftOut.join(", ")}\n`);
}
/** `devslot clone FROM TO`. */
async function cloneCommand(ctx, from, to, opts) {
	if (from === to) throw new UsageError(`clone copies one slot into another: FROM and TO are both ${from}`);
	await requireEngine(ctx.env);
	if (!ctx.options.dryRun) await recoverInterrupted(ctx);
	const plan = async () => {
		const withResources = Object.keys(ctx.config.resources).length > 0 && hasCopyableResources(ctx.config.root, from);
		const src = await sourceOf(ctx, from, opts.only, withResources);
		const dst = await targetOf(ctx, to, src.volumes.map((v) => v.key));
		let target;
		try {
			target = await planOf(ctx, to);
		} catch (e) {
			if (e instanceof DevslotError) throw new ConfigError(`slot ${to} cannot be planned, so it cannot be cloned into: ${e.message}`);
			throw e;
		}
		const res = withResources ? resourcePairs(ctx.config.root, from, target.resources, opts.only) : {
			pairs: [],
			leftOut: []
		};
		const seen = res.pairs.length ? await observeResourceCopies(res.pairs, ctx.config.root) : {
			occupied: [],
			missing: [],
			foreign: []
		};
		if (seen.foreign.length) throw new ResourceError(`slot ${to}'s ${seen.foreign.join(", ")}, another copy of this project; clean it there, or clone into another slot`);
		if (seen.missing.length) throw new RuntimeError(`slot ${from} has no ${seen.missing.join(", ")} to copy; start it first: \`devslot ${from} start\``);
		const occupied = [...dst.existing.map((v) => `volume ${v.name}`), ...seen.occupied];
		if (occupied.length && !ctx.options.force) throw new RuntimeError(`slot ${to} already has ${occupied.join(", ")}; \`devslot clean ${to}\` first, or pass --force to replace ${occupied.length > 1 ? "them" : "it"}`);
		const image = src.volumes.length ? await requireImage(ctx) : copyImage(ctx).image;
		const volumes = src.volumes.map((v) => composeVolumeName(dst.project, v.key));
		const after = [
			{
				slot: to,
				kind: "write-files",
				root: target.root,
				dir: target.dir,
				files: target.files,
				cause: `slot ${to}'s files, for the cloned data`
			},
			...ctx.options.skipHooks ? [] : hookOperations(target, "post-clone", `hooks.post-clone: slot ${to} was cloned from slot ${from}`),
			...createdRecordOp(ctx.config.root, from, {
				slot: to,
				dir: target.dir,
				project: dst.project
			}, volumes, opts.only)
		];
		const dstTarget = {
			kind: "slot",
			slot: to,
			project: dst.project
		};
		return {
			ops: copyOperations({
				...base(ctx, image),
				source: `slot ${from}`,
				sourceProject: src.project,
				volumes: src.volumes,
				hold: src.hold,
				stop: opts.stop,
				target: dstTarget,
				replace: dst.existing.map((v) => v.name),
				after,
				resources: res.pairs,
				replaceResources: ctx.options.force,
				sourceSlot: from
			}),
			src,
			dst,
			volumes,
			leftOut: res.leftOut
		};
	};
	if (ctx.options.dryRun) {
		printPlans(ctx, "clone into", [{
			slot: to,
			operations: (await plan()).ops
		}]);
		return;
	}
	return withLocks(ctx, [from, to], `devslot clone ${from} ${to}`, async () => {
		const { ops, src, volumes, leftOut } = await plan();
		const { pausedMs, resources } = await runCopy(ctx, ops);
		const r = {
			from: `slot ${from}`,
			to: `slot ${to}`,
			volumes,
			held: src.hold.map((c) => c.name),
			...pausedMs !== void 0 ? { pausedMs } : {},
			...resources ? { resources } : {}
		};
		report(ctx, "cloned", r, src.skipped, leftOut);
		return r;
	});
}
function base(ctx, image) {
	const now = /* @__PURE__ */ new Date();
	return {
		root: ctx.config.root,
		name: ctx.config.name,
		run: `${now.getTime().toString(36)}-${process.pid}`,
		pid: process.pid,
		now: now.toISOString(),
		image
	};
}
/** This project's snapshots (this checkout's volumes only), by name. */
async function snapshots(ctx) {
	const all = (await snapshotVolumes(ctx.env, ctx.config.name)).filter((v) => v.labels["dev.devslot.root"] === ctx.config.root && v.labels["dev.devslot.snapshot"]);
	const by = /* @__PURE__ */ new Map();
	for (const v of all) by.set(v.labels[LABEL_SNAPSHOT], [...by.get(v.labels["dev.devslot.snapshot"]) ?? [], v]);
	return by;
}
/** `devslot snapshot N NAME`. */
async function snapshotCommand(ctx, slot, name, opts) {
	checkSnapshotName(name);
	await requireEngine(ctx.env);
	if (!ctx.options.dryRun) await recoverInterrupted(ctx);
	const plan = async () => {
		const existing = (await snapshots(ctx)).get(name);
		if (existing) throw new RuntimeError(`snapshot ${name} exists (from slot ${existing[0].labels["dev.devslot.snapshot.from"] ?? "?"}); \`devslot snapshot rm ${name}\` first, or pick another name`);
		const src = await sourceOf(ctx, slot, opts.only);
		return {
			ops: copyOperations({
				...base(ctx, await requireImage(ctx)),
				source: `slot ${slot}`,
				sourceProject: src.project,
				volumes: src.volumes,
				hold: src.hold,
				stop: opts.stop,
				target: {
					kind: "snapshot",
					snapshot: name,
					fromSlot: slot
				},
				replace: [],
				after: []
			}),
			src
		};
	};
	if (ctx.options.dryRun) {
		printPlans(ctx, `snapshot ${name} of`, [{
			slot,
			operations: (await plan()).ops
		}]);
		return;
	}
	return withLocks(ctx, [slot], `devslot snapshot ${slot} ${name}`, async () => {
		const { ops, src } = await plan();
		const { pausedMs } = await runCopy(ctx, ops);
		const r = {
			from: `slot ${slot}`,
			to: `snapshot ${name}`,
			volumes: ops.flatMap((o) => o.kind === "create-volume" ? [o.name] : []),
			held: src.hold.map((c) => c.name),
			...pausedMs !== void 0 ? { pausedMs } : {}
		};
		report(ctx, "copied", r, src.skipped);
		return r;
	});
}
/** `devslot restore N NAME`: slot N's volumes become the snapshot's (replaced); N must be stopped. */
async function restoreCommand(ctx, slot, name) {
	checkSnapshotName(name);
	await requireEngine(ctx.env);
	if (!ctx.options.dryRun) await recoverInterrupted(ctx);
	const plan = async () => {
		const snap = (await snapshots(ctx)).get(name);
		if (!snap) throw new RuntimeError(`no snapshot ${name} of this project; \`devslot snapshot ls\` lists them`);
		const volumes = snap.map((v) => ({
			name: v.name,
			key: v.labels["dev.devslot.snapshot.volume"] ?? "",
			labels: v.labels
		})).filter((v) => v.key).sort((a, b) => a.key.localeCompare(b.key));
		const dst = await targetOf(ctx, slot, volumes.map((v) => v.key));
		const image = await requireImage(ctx);
		let target;
		try {
			target = await planOf(ctx, slot);
		} catch (e) {
			if (e instanceof DevslotError) throw new ConfigError(`slot ${slot} cannot be planned, so it cannot be restored: ${e.message}`);
			throw e;
		}
		const after = [{
			slot,
			kind: "write-files",
			root: target.root,
			dir: target.dir,
			files: target.files,
			cause: `slot ${slot}'s files, for the restored data`
		}];
		return {
			ops: copyOperations({
				...base(ctx, image),
				source: `snapshot ${name}`,
				sourceProject: dst.project,
				volumes,
				hold: [],
				stop: false,
				target: {
					kind: "slot",
					slot,
					project: dst.project
				},
				replace: dst.existing.map((v) => v.name),
				after
			}),
			volumes,
			dst
		};
	};
	if (ctx.options.dryRun) {
		printPlans(ctx, `restore ${name} into`, [{
			slot,
			operations: (await plan()).ops
		}]);
		return;
	}
	return withLocks(ctx, [slot], `devslot restore ${slot} ${name}`, async () => {
		const { ops, volumes, dst } = await plan();
		await runCopy(ctx, ops);
		const r = {
			from: `snapshot ${name}`,
			to: `slot ${slot}`,
			volumes: volumes.map((v) => composeVolumeName(dst.project, v.key)),
			held: []
		};
		report(ctx, "restored", r, []);
		return r;
	});
}
/** `devslot snapshot ls`. */
async function snapshotLsCommand(ctx) {
	await requireEngine(ctx.env);
	const list = [...await snapshots(ctx)].map(([name, vols]) => {
		const from = vols[0].labels[LABEL_SNAPSHOT_FROM];
		return {
			name,
			fromSlot: from && /^\d+$/.test(from) ? Number(from) : void 0,
			created: vols[0].labels[LABEL_SNAPSHOT_CREATED],
			volumes: vols.map((v) => v.name).sort()
		};
	}).sort((a, b) => a.name.localeCompare(b.name));
	if (ctx.options.json) printJson(ctx, { snapshots: list });
	else if (!list.length) ctx.io.out("no snapshots of this project; make one with `devslot snapshot N NAME`\n");
	else for (const s of list) ctx.io.out(`${s.name}  from slot ${s.fromSlot ?? "?"}  ${s.created ?? ""}  ${s.volumes.length} volume${s.volumes.length === 1 ? "" : "s"}\n`);
	return list;
}
/** `devslot snapshot rm NAME`: only volumes labelled as this checkout's snapshot NAME. */
async function snapshotRmCommand(ctx, name) {
	checkSnapshotName(name);
	await requireEngine(ctx.env);
	const snap = (await snapshots(ctx)).get(name);
	if (!snap) throw new RuntimeError(`no snapshot ${name} of this project; \`devslot snapshot ls\` lists them`);
	const ops = snap.map((v) => ({
		slot: Number(v.labels["dev.devslot.snapshot.from"] ?? 0) || 0,
		kind: "remove-volume",
		name: v.name,
		cause: `volume ${v.labels["dev.devslot.snapshot.volume"] ?? "?"} of snapshot ${name}`
	}));
	if (ctx.options.dryRun) return printPlans(ctx, `snapshot rm ${name}: from`, [{
		slot: ops[0].slot,
		operations: ops
	}]);
	await runOperations(ctx, ops);
	if (ctx.options.json) printJson(ctx, { removed: {
		snapshot: name,
		volumes: snap.map((v) => v.name)
	} });
	else if (!ctx.options.quiet) ctx.io.out(`removed snapshot ${name} (${snap.map((v) => v.name).join(", ")})\n`);
}
export { cloneCommand, restoreCommand, snapshotCommand, snapshotLsCommand, snapshotRmCommand };
