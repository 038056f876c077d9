import { t as checkoutIdentity } from "./identity-DaFZZe3H.js";
import { l as withSlotLock } from "./lock-C527eXAj.js";
import "./lock-C0NA0W_D.js";
import { s as InterruptedError } from "./errors-CfnyxBL4.js";
import { t as composeCommand } from "./compose-cli-DqdXkSMV.js";
import { a as printJson, c as cachedSlotPlan, n as lockWaitMs } from "./context-DABbsf0u.js";
import { i as startOperations, n as observeStart, t as observeSlotObjects } from "./slot-BDom-Uw2.js";
import { t as ownApps } from "./ownership-BdFHg5pr.js";
import { n as remoteHost, r as withForward, t as observeForward } from "./forward-BhvxgL4-.js";
import { n as teardownOperations } from "./teardown-ops-TB6nvcsx.js";
import { t as portUrls } from "./urls-JtC8Pev1.js";
import { n as serviceRows } from "./services-view-Cd6VCJzN.js";
import { t as printSummary } from "./summary-ChCJVIC0.js";
import { t as printPlans } from "./print-plans-aYFkpyzp.js";
// dist/commands/start.js
/**
* DESIGN §2 start: load the plan → observe the slot once → the operations that bring it up (none
* when it already runs this plan, healthy) → the executor → the summary. `--dry-run` prints the
* same operations instead. Holds the slot's lock throughout; Ctrl-C undoes what this run began.
*/
async function startCommand(ctx, slot) {
	if (ctx.options.dryRun) {
		const { ops } = await planStart(ctx, slot);
		return printPlans(ctx, "start", [{
			slot,
			operations: ops
		}]);
	}
	await withSlotLock(ctx.config.root, slot, `devslot ${slot} start`, lockWaitMs(ctx), () => startLocked(ctx, slot), ctx.signal);
}
/**
* The plan and its operations for the state observed now. The saved plan answers first; only when
* something must be done is the slot planned afresh (its files are written from that one).
*/
const PROVISIONAL_COMPOSE = ["docker", "compose"];
async function planStart(ctx, slot) {
	const check = () => import("./check-rAQmYd-j.js");
	const fresh = async () => {
		const mod = await check();
		if (!ctx.options.dryRun) (await import("./preload-DKcygVeo.js")).preloadForStart(Object.values(ctx.config.resources).map((r) => r.kind));
		const { plans, findings } = await mod.checkSlots(ctx, ctx.config, [slot]);
		return {
			plan: plans[0],
			findings
		};
	};
	let plan;
	let findings;
	const cached = cachedSlotPlan(ctx.config, slot, {
		env: ctx.env,
		isRoot: ctx.isRoot
	});
	if (cached) plan = cached;
	else ({plan, findings} = await fresh());
	const usesCompose = plan.compose.files.length > 0;
	const seen = await observeStart(ctx.env, plan);
	const me = checkoutIdentity(ctx.config.root, usesCompose && !ctx.options.dryRun);
	const want = { hooks: !ctx.options.skipHooks };
	let ops = startOperations(plan, seen, usesCompose ? PROVISIONAL_COMPOSE : [], me, want);
	if ((ops.length || ctx.options.strict) && !findings) {
		({plan, findings} = await fresh());
		ops = startOperations(plan, seen, usesCompose ? PROVISIONAL_COMPOSE : [], me, want);
	}
	if (ops.length && usesCompose) ops = startOperations(plan, seen, await composeCommand(ctx.env), me, want);
	if (findings && (ops.length || ctx.options.strict)) await (await check()).warnOrRefuse(ctx, ctx.config, slot, findings);
	const host = remoteHost(ctx.env);
	if (host && usesCompose) {
		const forward = observeForward(plan.root, slot);
		ops = withForward(ops, {
			slot,
			project: plan.project,
			root: plan.root,
			dir: plan.dir,
			host,
			forward,
			running: seen.containers.some((c) => c.state === "running")
		});
		if (ops.some((o) => o.kind === "compose-up")) ops = await (await import("./remote-inputs-Kyz9opIY.js")).remoteChecked(ctx.env, plan, ops);
	}
	return {
		plan,
		ops,
		seen
	};
}
async function startLocked(ctx, slot) {
	const { plan, ops, seen } = await planStart(ctx, slot);
	const kept = new Set(Object.entries(seen.probes).filter(([, ok]) => ok).map(([base]) => base));
	if (!ops.length) return printStartSummary(ctx, plan, seen.containers, ownApps(seen.procs, plan.name, plan.root, plan.namespace), kept);
	if (!ctx.options.json) ctx.io.err(`starting slot ${plan.slot} (${plan.project})\n`);
	const done = [];
	let healthy;
	try {
		const { runOperations } = await import("./run-ops-K5_7-1JT.js");
		const result = await runOperations(ctx, ops, {
			progress: true,
			done
		});
		healthy = result.healthy;
		if (!ctx.options.json) for (const f of result.written?.setAside ?? []) ctx.io.err(`${f}: was not JSON devslot can read; set aside and written anew (each role's password is set again)\n`);
		if (!ctx.options.json && !ctx.options.quiet) for (const line of result.resources ?? []) ctx.io.err(`${line}\n`);
	} catch (e) {
		if (e instanceof InterruptedError || ctx.signal.aborted) {
			const partial = await undo(ctx, plan, seen, ops[done.length] ? [...done, ops[done.length]] : done);
			throw new InterruptedError(`interrupted: undid what this start began for slot ${plan.slot}${partial}; other slots were not touched`);
		}
		await releaseUnusedClaim(ctx, seen, ops, done);
		throw e;
	}
	const planned = new Set(plan.apps.map((a) => a.name));
	const dropped = ops.flatMap((o) => o.kind === "pm2-delete" && !planned.has(o.app) ? [o.app] : []);
	if (dropped.length && !ctx.options.json && !ctx.options.quiet) ctx.io.err(`removed ${dropped.join(", ")}: no longer in the PM2 config\n`);
	const after = await observeStart(ctx.env, {
		...plan,
		health: {}
	});
	printStartSummary(ctx, plan, after.containers, ownApps(after.procs, plan.name, plan.root, plan.namespace), /* @__PURE__ */ new Set([...kept, ...healthy]));
}
/**
* Ctrl-C: remove the apps this run started and, if the slot had no containers before, take it
* down (volumes stay), through the same teardown as stop. Returns what could not be undone.
* `done` includes the operation that was under way.
*/
async function undo(ctx, plan, before, done) {
	const started = new Set(done.filter((o) => o.kind === "pm2-start").map((o) => o.app));
	const calm = new AbortController().signal;
	try {
		const now = await observeSlotObjects(ctx.env, {
			name: plan.name,
			root: plan.root,
			slot: plan.slot,
			project: plan.project
		}, plan.compose.files.length > 0);
		const fresh = before.containers.length === 0 && done.some((o) => o.kind === "compose-up");
		const { claim, ...rest } = now;
		const claimed = before.containers.length === 0 && done.some((o) => o.kind === "claim-slot");
		const objects = {
			...rest,
			apps: now.apps.filter((a) => started.has(a.name)),
			...fresh ? {} : {
				containers: [],
				networks: []
			},
			...claimed && claim ? { claim } : {}
		};
		const ops = teardownOperations(objects, {
			volumes: false,
			hint: "stop it from there"
		}, fresh ? await composeCommand(ctx.env) : []);
		const { runOperations } = await import("./run-ops-K5_7-1JT.js");
		await runOperations({
			...ctx,
			signal: calm
		}, ops, { signal: calm });
		if (done.some((o) => o.kind === "infra-up")) await (await import("./stop-BhW-5O2g.js")).stopInfraIfUnused({
			...ctx,
			signal: calm
		});
		return "";
	} catch (e) {
		return ` (partly: ${e.message}; run \`devslot ${plan.slot} stop\`)`;
	}
}
/**
* A start that failed before creating anything (a busy port, say) gives back the claim it took,
* so another copy is not told the slot is held by one that runs nothing. Best effort: a claim left
* is released by this checkout's next stop.
*/
async function releaseUnusedClaim(ctx, before, ops, done) {
	const claim = done.find((o) => o.kind === "claim-slot");
	const failed = ops[done.length]?.kind;
	if (!claim || claim.kind !== "claim-slot" || before.containers.length || failed !== "check-ports" && failed !== "write-files") return;
	const calm = new AbortController().signal;
	const { runOperations } = await import("./run-ops-K5_7-1JT.js");
	await runOperations({
		...ctx,
		signal: calm
	}, [{
		slot: claim.slot,
		kind: "release-claim",
		project: claim.project,
		name: claim.name,
		cause: "this start failed before creating anything"
	}], { signal: calm }).catch(() => void 0);
}
/** The summary (or JSON) start ends with. Apps show healthy only where a probe passed in this run. */
function printStartSummary(ctx, plan, containers, apps, healthy) {
	const online = new Set(apps.filter((p) => p.status === "online").map((p) => p.name));
	const health = Object.fromEntries(plan.apps.filter((a) => plan.health[a.base] && online.has(a.name)).map((a) => [a.base, healthy.has(a.base) ? "healthy" : "unhealthy"]));
	const rows = serviceRows(plan, {
		slot: plan.slot,
		project: plan.project,
		containers,
		apps
	}, portUrls(plan, ctx.config.urls), health);
	if (ctx.options.json) return printJson(ctx, {
		slot: plan.slot,
		project: plan.project,
		services: rows
	});
	printSummary(ctx.io, plan.slot, plan.project, rows);
}
export { startCommand };
