import { l as withSlotLock } from "./lock-C527eXAj.js";
import "./lock-C0NA0W_D.js";
import { n as checkSlots, r as warnOrRefuse } from "./check-C-eB8XxJ.js";
import { a as printJson, n as lockWaitMs } from "./context-DABbsf0u.js";
import { t as runOperations } from "./run-ops-B4Cm1-wE.js";
import path from "node:path";
// dist/commands/init.js
/** The operations that put a slot's files on disk: the files, then its per-slot mount folders. */
function fileOperations(plan, cause) {
	const ops = [{
		slot: plan.slot,
		kind: "write-files",
		root: plan.root,
		dir: plan.dir,
		files: plan.files,
		cause
	}];
	if (plan.compose.mounts?.length) ops.push({
		slot: plan.slot,
		kind: "make-mounts",
		root: plan.root,
		mounts: plan.compose.mounts,
		cause: "compose.perSlotMounts: each slot writes its own folder"
	});
	return ops;
}
/** Plan, then write `.instances/instance-N/` through the executor. Nothing is written unless the whole plan succeeded. */
async function writeSlotFiles(ctx, plan) {
	return withSlotLock(ctx.config.root, plan.slot, `devslot ${plan.slot} init`, lockWaitMs(ctx), async () => {
		return (await runOperations(ctx, fileOperations(plan, "init writes the slot files"))).written;
	}, ctx.signal);
}
/** Writes the slot's files, then says in a few lines what `check` finds (DESIGN §11) and goes on. */
async function initCommand(ctx, slot) {
	const { plans, findings } = await checkSlots(ctx, ctx.config, [slot]);
	const plan = plans[0];
	const report = await writeSlotFiles(ctx, plan);
	if (ctx.options.json) {
		printJson(ctx, {
			slot: plan.slot,
			project: plan.project,
			dir: plan.dir,
			...report,
			findings: findings.length
		});
		return;
	}
	await warnOrRefuse({
		...ctx,
		options: {
			...ctx.options,
			strict: false
		}
	}, {
		...ctx.config,
		check: { strict: false }
	}, slot, findings);
	if (ctx.options.quiet) return;
	const rel = path.relative(ctx.cwd, path.join(plan.root, plan.dir)) || ".";
	const parts = [`${report.written.length} written`, `${report.unchanged.length} unchanged`];
	if (report.removed.length) parts.push(`${report.removed.length} removed`);
	if (report.setAside?.length) parts.push(`set aside (not JSON devslot can read): ${report.setAside.join(", ")}`);
	ctx.io.out(`slot ${plan.slot} (${plan.project}): ${rel}/ ready — ${parts.join(", ")}\n`);
}
export { initCommand };
