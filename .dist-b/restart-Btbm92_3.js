import { l as withSlotLock } from "./lock-C527eXAj.js";
import "./lock-C0NA0W_D.js";
import { t as printPlans } from "./print-plans-aYFkpyzp.js";
import { t as composeCommand } from "./compose-cli-DqdXkSMV.js";
import { t as readSavedSlot } from "./saved-slot-BG7HNhVZ.js";
import { t as allSlots } from "./known-slots-CTuBEJMI.js";
import { r as observe } from "./observe-UMfz03SM.js";
import { t as restartOperations } from "./teardown-ops-TB6nvcsx.js";
import { a as printJson, n as lockWaitMs, o as warnOf, r as onSlotEngine, t as enginesOf } from "./context-DABbsf0u.js";
import { t as runOperations } from "./run-ops-B4Cm1-wE.js";
// dist/commands/restart.js
/** Restart a slot's containers and PM2 apps in place and wait until they are up again; with `all`, one slot at a time. */
async function restartCommand(ctx, target) {
	const { config } = ctx;
	const { slots, states } = target.kind === "all" ? await allSlots(config, enginesOf(ctx), "restart", true).then((a) => ({
		...a,
		slots: a.slots.filter((s) => s < config.slots)
	})) : await observe(config, enginesOf(ctx), { docker: true }).then((st) => ({
		states: st,
		slots: st.has(target.slot) ? [target.slot] : []
	}));
	const planFor = async (state) => {
		const saved = readSavedSlot(config.root, state.slot, warnOf(ctx));
		const objects = {
			slot: state.slot,
			project: state.project,
			root: config.root,
			containers: state.containers,
			networks: [],
			volumes: [],
			apps: state.apps
		};
		return restartOperations(objects, saved ? {
			compose: saved.compose,
			health: saved.health,
			apps: saved.apps,
			namespace: saved.namespace
		} : void 0, state.containers.length ? await composeCommand(onSlotEngine(ctx, state.slot).env) : []);
	};
	if (ctx.options.dryRun) {
		if (!slots.length && !ctx.options.json) return ctx.io.out(`nothing to restart: ${target.kind === "all" ? "no slot of this project is running" : `slot ${target.kind === "slot" ? target.slot : ""} is not running`} (dry run)\n`);
		const plans = [];
		for (const slot of slots) plans.push({
			slot,
			operations: await planFor(states.get(slot))
		});
		return printPlans(ctx, "restart", plans);
	}
	const done = [];
	for (const slot of slots) await withSlotLock(config.root, slot, `devslot ${slot} restart`, lockWaitMs(ctx), async () => {
		const state = (await observe(config, enginesOf(onSlotEngine(ctx, slot)), { docker: true })).get(slot);
		if (!state) return;
		await runOperations(onSlotEngine(ctx, slot), await planFor(state), { progress: true });
		done.push({
			slot,
			containers: state.containers.length,
			apps: state.apps.map((a) => a.name)
		});
	}, ctx.signal);
	if (ctx.options.json) return printJson(ctx, { restarted: done });
	if (!done.length) ctx.io.out(`nothing to restart: ${target.kind === "all" ? "no slot" : `slot ${target.kind === "slot" ? target.slot : ""}`} is running\n`);
	for (const d of done) ctx.io.out(`restarted slot ${d.slot}: ${d.containers} container(s), ${d.apps.length} PM2 app(s)\n`);
}
export { restartCommand };
