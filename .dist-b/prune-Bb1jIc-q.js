import { a as ForeignError } from "./errors-CfnyxBL4.js";
import { t as composeCommand } from "./compose-cli-DqdXkSMV.js";
import { t as printPlans } from "./print-plans-aYFkpyzp.js";
import { t as engineAnswers } from "./engine-Dm9E4iDH.js";
import { n as listEverything } from "./observe-UMfz03SM.js";
import { t as observeSlotObjects } from "./slot-BDom-Uw2.js";
import { t as findOrphans } from "./orphans-C6NB2cm5.js";
import { n as teardownOperations } from "./teardown-ops-TB6nvcsx.js";
import { a as printJson, o as warnOf, r as onSlotEngine, t as enginesOf } from "./context-DABbsf0u.js";
import { t as runOperations } from "./run-ops-B4Cm1-wE.js";
// dist/commands/prune.js
/**
* Orphaned slots (their worktree is provably gone: git no longer lists it): listed by default,
* removed with --yes through the same teardown as clean (apps, `compose down --volumes`) and the
* lease ended. Slots whose root is only not visible from here, and what is not provably the
* orphan's (another live root's container, network or volume), are left alone and said so.
*/
async function pruneCommand(ctx) {
	const { config } = ctx;
	const groups = enginesOf(ctx);
	const answering = (await Promise.all(groups.map(async (g) => await engineAnswers(g.env) ? [g] : []))).flat();
	const engine = answering.length > 0;
	const { orphans, unproven, git } = await findOrphans(config, engine ? await listEverything(config.name, answering) : {
		containers: [],
		procs: []
	}, warnOf(ctx));
	const describe = (o) => `slot ${o.slot} (${o.project}) of ${o.root}: ${o.containers.length} container(s), ${o.apps.length} PM2 app(s)${o.lease ? ", a lease" : ""}`;
	const unprovenJson = unproven.map((u) => ({
		slot: u.slot,
		project: u.project,
		root: u.root,
		containers: u.containers.length,
		apps: u.apps.map((a) => a.name),
		why: u.why
	}));
	const leftAlone = (u) => `left alone slot ${u.slot} (${u.project}): ${u.why}`;
	if (!ctx.options.yes && !ctx.options.dryRun) {
		if (ctx.options.json) return printJson(ctx, {
			orphans: orphans.map((o) => ({
				slot: o.slot,
				project: o.project,
				root: o.root,
				containers: o.containers.length,
				apps: o.apps.map((a) => a.name),
				lease: !!o.lease
			})),
			removed: false,
			unproven: unprovenJson
		});
		if (!orphans.length) ctx.io.out("nothing to prune: no slot of this project belongs to a worktree that is provably gone\n");
		else ctx.io.out(`would remove (dry run; add --yes to remove):\n${orphans.map((o) => `  ${describe(o)}`).join("\n")}\n`);
		for (const u of unproven) ctx.io.out(`${leftAlone(u)}\n`);
		return;
	}
	const plans = [];
	const left = unproven.map((u) => `slot ${u.slot} (${u.project}): ${u.why}`);
	const removed = [];
	for (const o of orphans) {
		let ops = [];
		if (o.containers.length || o.apps.length) {
			const on = onSlotEngine(ctx, o.slot);
			const objects = await observeSlotObjects(on.env, {
				name: config.name,
				root: o.root,
				slot: o.slot,
				project: o.project
			}, answering.some((g) => g.owns(o.slot)));
			const compose = objects.containers.length + objects.networks.length + objects.volumes.length > 0;
			try {
				ops = teardownOperations(objects, {
					volumes: true,
					hint: "prune removes only what belongs to the gone checkout"
				}, compose ? await composeCommand(on.env) : []);
			} catch (e) {
				if (!(e instanceof ForeignError)) throw e;
				left.push(`slot ${o.slot} of ${o.root}: ${e.message}`);
				continue;
			}
		}
		if (o.lease && git) ops.push({
			slot: o.slot,
			kind: "end-leases",
			commonDir: git.commonDir,
			name: config.name,
			worktrees: [o.lease.worktree],
			cause: `${o.lease.worktree} is no longer a worktree of this repository`
		});
		plans.push({
			slot: o.slot,
			operations: ops
		});
		removed.push(o);
	}
	if (ctx.options.dryRun) return printPlans(ctx, "prune", plans);
	for (const p of plans) await runOperations(onSlotEngine(ctx, p.slot), p.operations);
	if (ctx.options.json) return printJson(ctx, {
		orphans: removed.map((o) => ({
			slot: o.slot,
			project: o.project,
			root: o.root
		})),
		removed: true,
		left,
		unproven: unprovenJson
	});
	ctx.io.out(removed.length ? `${removed.map((o) => `removed ${describe(o)}`).join("\n")}\n` : left.length ? "" : "nothing to prune\n");
	for (const l of left) ctx.io.out(`left alone ${l}\n`);
}
export { pruneCommand };
