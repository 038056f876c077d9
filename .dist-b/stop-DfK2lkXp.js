import { t as checkoutIdentity } from "./identity-DaFZZe3H.js";
import "./lock-C0NA0W_D.js";
import { l as withSlotLock } from "./lock-C527eXAj.js";
import { d as StateError, i as DevslotError, o as HeldElsewhereError, r as ConfigError, s as InterruptedError } from "./errors-CfnyxBL4.js";
import { t as composeCommand } from "./compose-cli-DqdXkSMV.js";
import { t as readSavedSlot } from "./saved-slot-BG7HNhVZ.js";
import { n as readSlotResources, r as RESOURCE_SECRETS_FILE } from "./resource-secrets-r17cfeWh.js";
import { t as printPlans } from "./print-plans-aYFkpyzp.js";
import { r as requireEngine, t as engineAnswers } from "./engine-Dm9E4iDH.js";
import { t as allSlots } from "./known-slots-CTuBEJMI.js";
import { o as hookOperations, t as observeSlotObjects } from "./slot-BDom-Uw2.js";
import { t as ownSlotFolder } from "./slot-folders-8vF2wAoy.js";
import { C as infraProject, k as projectName, r as INSTANCES_DIR, w as instanceDirName } from "./names-B3NKYqMG.js";
import { n as observeInfraUse, t as observeInfraContainers } from "./infra-DOUGETG9.js";
import { a as infraDownOp, r as cleanInfraOps } from "./infra-ops-Dq1y8K3j.js";
import { n as teardownOperations } from "./teardown-ops-TB6nvcsx.js";
import { i as withForwardStop, t as observeForward } from "./forward-BhvxgL4-.js";
import { a as printJson, i as planOf, n as lockWaitMs, r as onSlotEngine, t as enginesOf } from "./context-DABbsf0u.js";
import { t as runOperations } from "./run-ops-B4Cm1-wE.js";
/** One slot's teardown operations for what is there now (the caller holds its lock, or it is a dry run). */
async function planTeardown(all, slot, engine, mode) {
	const ctx = onSlotEngine(all, slot);
	const { config } = ctx;
	const project = projectName(config.name, slot);
	const objects = {
		...await observeSlotObjects(ctx.env, {
			name: config.name,
			root: config.root,
			slot,
			project
		}, engine),
		identity: checkoutIdentity(config.root, false).id
	};
	const composeObjects = objects.containers.length + objects.networks.length + (mode.volumes ? objects.volumes.length : 0);
	const removeDir = mode.removeFiles ? ownSlotFolder(config.root, slot) : void 0;
	let planned;
	const slotPlan = () => planned ??= planOf(ctx, slot, true);
	const { resources, plan } = mode.volumes ? await resourcesToDrop(ctx, slot, slotPlan) : {
		resources: [],
		plan: void 0
	};
	const infraUp = resources.length && plan?.infra ? cleanInfraOps(plan, await observeInfraContainers(ctx.env, plan.infra.project), await composeCommand(ctx.env)) : [];
	const teardown = teardownOperations(objects, {
		volumes: mode.volumes,
		...removeDir ? { removeDir } : {},
		...resources.length ? { resources } : {},
		hint: "stop it from there"
	}, composeObjects ? await composeCommand(ctx.env) : []);
	const dir = `${INSTANCES_DIR}/${instanceDirName(slot)}`;
	const ops = withForwardStop([
		...infraUp,
		...await teardownHooks(ctx, slot, objects, mode, teardown.length > 0, slotPlan),
		...teardown
	], {
		slot,
		root: config.root,
		dir,
		forward: observeForward(config.root, slot)
	});
	const down = ops.some((o) => o.kind === "compose-down");
	const result = {
		slot,
		project,
		containers: objects.containers.length,
		apps: objects.apps.map((a) => a.name)
	};
	if (mode.volumes && down) result.volumes = objects.volumes.map((v) => v.name);
	return {
		ops,
		result
	};
}
/**
* DESIGN §10: `pre-clean` (clean, when there is anything to clean) then `pre-stop` (when anything
* of the slot runs), before the first thing goes. The steps need the slot's environment, so the
* slot is planned (from its saved plan when that holds); a config that cannot be planned refuses
* here rather than skip a step the user relies on (a dump before clean): --skip-hooks goes on.
*/
async function teardownHooks(ctx, slot, objects, mode, anything, slotPlan) {
	const { hooks } = ctx.config;
	if (ctx.options.skipHooks || !hooks["pre-stop"] && !hooks["pre-clean"]) return [];
	const running = objects.apps.length > 0 || objects.containers.some((c) => c.state === "running");
	const wanted = [...mode.volumes && anything && hooks["pre-clean"] ? ["pre-clean"] : [], ...running && hooks["pre-stop"] ? ["pre-stop"] : []];
	if (!wanted.length) return [];
	let plan;
	try {
		plan = await slotPlan();
	} catch (e) {
		throw new ConfigError(`slot ${slot}: the ${wanted.join(" and ")} hook${wanted.length > 1 ? "s" : ""} need${wanted.length > 1 ? "" : "s"} the slot's plan, which failed: ${e.message}; fix that, or run with --skip-hooks`);
	}
	return wanted.flatMap((h) => hookOperations(plan, h, h === "pre-clean" ? `hooks.pre-clean: before slot ${slot} is cleaned` : `hooks.pre-stop: before the apps and containers of slot ${slot} stop`));
}
/**
* clean drops the resources the slot's start recorded (resources.json), each with the connection
* the config gives now when it still declares it (its admin credentials may have been fixed since
* a failed start recorded them); when the config cannot be planned now, the recorded ones alone.
*/
async function resourcesToDrop(ctx, slot, slotPlan) {
	const recorded = readSlotResources(ctx.config.root, slot);
	if (recorded === void 0) return plannedResources(ctx, slot, slotPlan);
	if (!recorded.length || !Object.keys(ctx.config.resources ?? {}).length) return { resources: recorded };
	let plan;
	try {
		plan = await slotPlan();
	} catch {
		return { resources: recorded };
	}
	const current = plan.resources ?? {};
	return {
		resources: recorded.map((r) => {
			const now = current[r.name];
			if (now?.kind !== r.kind) return r;
			if (now.kind === "postgres" && r.kind === "postgres") return {
				...r,
				admin: now.admin
			};
			if (now.kind === "redis" && r.kind === "redis") return {
				...r,
				baseUrl: now.baseUrl
			};
			return r;
		}),
		plan
	};
}
/**
* A damaged resources.json (truncated, `{}`, another shape): what this slot's start makes under the
* config now, which is what it recorded unless devslot.yaml changed since. Reading it as "nothing
* was made" dropped nothing and left the slot's database, role and Redis DB behind without a word.
*/
async function plannedResources(ctx, slot, slotPlan) {
	const rel = `${INSTANCES_DIR}/${instanceDirName(slot)}/${RESOURCE_SECRETS_FILE}`;
	if (!Object.keys(ctx.config.resources ?? {}).length) return { resources: [] };
	try {
		const plan = await slotPlan();
		return {
			resources: Object.values(plan.resources ?? {}),
			plan
		};
	} catch (e) {
		throw new StateError(`${rel} holds no record devslot can read, and slot ${slot}'s resources cannot be planned from devslot.yaml (${e.message}); fix the config, or drop them by hand and remove the file, then run clean again`);
	}
}
/** Run `fn` over items, at most `limit` at a time, keeping order; every item runs even if one fails. */
async function eachLimit(items, limit, fn) {
	const results = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			try {
				results[i] = {
					status: "fulfilled",
					value: await fn(items[i])
				};
			} catch (reason) {
				results[i] = {
					status: "rejected",
					reason
				};
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}
/** The slots `stop`/`clean` take, and whether the engine is there to ask. */
async function targets(ctx, target, mode) {
	const usesCompose = target.kind === "all" || !!readSavedSlot(ctx.config.root, target.slot)?.compose.files.length;
	const engines = enginesOf(ctx);
	if (usesCompose) await Promise.all(engines.map((g) => requireEngine(g.env)));
	const engine = usesCompose || await engineAnswers(ctx.env);
	if (target.kind === "slot") return {
		slots: [target.slot],
		engine
	};
	return {
		slots: (await allSlots(ctx.config, engines, mode.volumes ? "clean" : "stop", engine)).slots,
		engine
	};
}
async function stopCommand(ctx, target, mode = {
	volumes: false,
	removeFiles: false
}) {
	const action = mode.volumes ? "clean" : "stop";
	const { slots, engine } = await targets(ctx, target, mode);
	if (ctx.options.dryRun) {
		const plans = [];
		const passed = [];
		for (const slot of slots) try {
			plans.push({
				slot,
				operations: (await planTeardown(ctx, slot, engine, mode)).ops
			});
		} catch (e) {
			if (!(target.kind === "all" && e instanceof HeldElsewhereError)) throw e;
			passed.push(`passed by slot ${slot}: ${e.message.replace(/; left it alone — .*$/, "")}`);
		}
		const startsInfra = plans.some((p) => p.operations.some((o) => o.kind === "infra-up"));
		const infra = engine && ctx.config.shared.services.length && (target.kind === "all" || startsInfra) ? await infraAfter(ctx, plans.map((p) => p.slot), startsInfra) : {};
		if (infra.kept) passed.push(infra.kept);
		const all = [...plans, ...infra.op ? [{
			action: "then, the shared services",
			operations: [infra.op]
		}] : []];
		if (!all.length && !ctx.options.json) ctx.io.out(`nothing to ${action}: no slot of this project is running or has files (dry run)\n`);
		else printPlans(ctx, action, all);
		if (!ctx.options.json) for (const line of passed) ctx.io.out(`# ${line}\n`);
		return [];
	}
	const calm = new AbortController().signal;
	let startedInfra = false;
	const settled = await eachLimit(slots, 8, (slot) => {
		if (ctx.signal.aborted) return Promise.reject(new InterruptedError("not begun"));
		return withSlotLock(ctx.config.root, slot, `devslot ${slot} ${action}`, lockWaitMs(ctx), async () => {
			const { ops, result } = await planTeardown(ctx, slot, engine, mode);
			if (ops.some((o) => o.kind === "infra-up")) startedInfra = true;
			const done = await runOperations(onSlotEngine(ctx, slot), ops, { signal: calm });
			if (ops.some((o) => o.kind === "remove-dir")) result.removed = done.removed ?? { kept: [] };
			if (done.resources?.length) result.resources = done.resources;
			return result;
		}, ctx.signal);
	});
	const results = settled.flatMap((s) => s.status === "fulfilled" ? [s.value] : []);
	const elsewhere = (r) => target.kind === "all" && r instanceof HeldElsewhereError;
	const passed = settled.flatMap((s, i) => s.status === "rejected" && elsewhere(s.reason) ? [{
		slot: slots[i],
		why: s.reason.message
	}] : []);
	const failures = settled.flatMap((s, i) => s.status === "rejected" && !elsewhere(s.reason) ? [{
		slot: slots[i],
		reason: s.reason
	}] : []);
	report(ctx, target, mode, results, failures.length > 0 || passed.length > 0);
	if (!ctx.options.json && !ctx.options.quiet) for (const p of passed) ctx.io.out(`passed by slot ${p.slot}: ${p.why.replace(/; left it alone — .*$/, "")}\n`);
	if ((target.kind === "all" || startedInfra) && engine && ctx.config.shared.services.length && !failures.length && !ctx.signal.aborted) await stopInfraIfUnused(ctx);
	if (ctx.signal.aborted && failures.length) {
		const done = results.map((r) => r.slot);
		const left = failures.map((f) => f.slot);
		throw new InterruptedError(`interrupted: ${done.length ? `${action === "clean" ? "cleaned" : "stopped"} slot${done.length > 1 ? "s" : ""} ${done.join(", ")}; ` : ""}slot${left.length > 1 ? "s" : ""} ${left.join(", ")} left as ${left.length > 1 ? "they were" : "it was"}: run \`devslot ${action} ${left.length > 1 ? "all" : left[0]}\` again`);
	}
	if (failures.length > 1) {
		const first = failures[0].reason;
		const more = failures.slice(1).map((f) => `slot ${f.slot}: ${f.reason.message}`).join("; ");
		if (first instanceof DevslotError) throw Object.assign(first, { message: `${first.message} (also failed: ${more})` });
	}
	if (failures.length) throw failures[0].reason;
	return results;
}
/**
* --dry-run: the shared services' down a run would end with, or why it would keep them: decided
* as stopInfraIfUnused decides after the slots, counting the slots this run stops as gone.
*/
async function infraAfter(ctx, stopping, startsInfra) {
	const { name, root } = ctx.config;
	const { infra, users } = await observeInfraUse(ctx.env, name);
	const gone = new Set(stopping.map((s) => `slot ${s} of ${root}`));
	const others = users.filter((u) => !gone.has(u));
	if (others.length) return { kept: `then keeps the shared services (${infraProject(name)}): still used by ${others.join(", ")}` };
	if (!infra.length && !startsInfra) return {};
	const cause = !infra.length ? "this clean starts them to drop its resources and no other slot uses them" : "no slot of any checkout uses the shared services any more";
	return { op: infraDownOp(name, infraProject(name), await composeCommand(ctx.env), cause) };
}
async function stopInfraIfUnused(ctx) {
	const { name } = ctx.config;
	const { infra, users } = await observeInfraUse(ctx.env, name);
	if (!infra.length) return;
	const say = (line) => ctx.options.json || ctx.options.quiet ? void 0 : ctx.io.out(`${line}\n`);
	if (users.length) return say(`kept the shared services (${infraProject(name)}): still used by ${users.join(", ")}`);
	const op = infraDownOp(name, infraProject(name), await composeCommand(ctx.env), "no slot of any checkout uses the shared services any more");
	await runOperations(ctx, [op], { signal: new AbortController().signal });
	say(`stopped the shared services (${infraProject(name)}): ${infra.length} container(s); their volumes stay (\`devslot infra clean\` removes them)`);
}
function report(ctx, target, mode, results, failed) {
	const verb = mode.volumes ? "cleaned" : "stopped";
	if (ctx.options.json) return printJson(ctx, { [verb]: results });
	if (ctx.options.quiet) return;
	if (!results.length && !failed) ctx.io.out(`nothing to ${mode.volumes ? "clean" : "stop"}${target.kind === "all" ? ": no slot of this project is running" : ""}\n`);
	for (const r of results) {
		const what = r.containers || r.apps.length ? `${r.containers} container(s), ${r.apps.length} PM2 app(s)` : "nothing was running";
		const vols = r.volumes?.length ? `, volumes ${r.volumes.join(", ")}` : "";
		const foreign = r.removed?.foreign?.length ? `; not written by devslot, left in place: ${r.removed.foreign.join(", ")}` : "";
		const dir = r.removed ? `, removed ${INSTANCES_DIR}/${instanceDirName(r.slot)}/${r.removed.kept.length ? ` (kept ${r.removed.kept.join(", ")})${foreign}` : ""}` : "";
		ctx.io.out(`${verb} slot ${r.slot} (${r.project}): ${what}${vols}${dir}\n`);
		for (const line of r.resources ?? []) ctx.io.out(`  ${line}\n`);
	}
}
export { stopInfraIfUnused as i, planTeardown as n, stopCommand as r, eachLimit as t };
