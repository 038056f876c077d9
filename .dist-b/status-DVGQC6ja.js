import { n as slotsOnDisk } from "./slot-folders-8vF2wAoy.js";
import { i as observeWithHolders } from "./observe-UMfz03SM.js";
import { t as probeOnce } from "./probe-JBus41hH.js";
import { t as readSavedSlot } from "./saved-slot-BG7HNhVZ.js";
import "./readiness-CgNlPxMR.js";
import { n as serviceRows, t as appBase } from "./services-view-Cd6VCJzN.js";
import { t as paint } from "./io-D46OrwhK.js";
import { i as whichEngine, n as engineLine } from "./engine-Dm9E4iDH.js";
import { t as observeForward } from "./forward-BhvxgL4-.js";
import { C as infraProject, k as projectName } from "./names-B3NKYqMG.js";
import { t as portUrls } from "./urls-JtC8Pev1.js";
import { a as printJson, o as warnOf, r as onSlotEngine, s as engineWhere, t as enginesOf } from "./context-DABbsf0u.js";
// dist/commands/status.js
/** Docker once, PM2 once, slot.json files for what each slot should have (DESIGN §7). */
async function collectStatus(ctx, target) {
	const { config } = ctx;
	const onDisk = slotsOnDisk(config.root);
	const saved = new Map(onDisk.map((slot) => [slot, readSavedSlot(config.root, slot, warnOf(ctx))]));
	const probes = /* @__PURE__ */ new Map();
	for (const [slot, s] of saved) {
		if (target.kind === "slot" && target.slot !== slot) continue;
		for (const [app, probe] of Object.entries(s?.health ?? {})) probes.set(`${slot}/${app}`, probeOnce(probe, 500));
	}
	const shown = (states) => target.kind === "slot" ? [target.slot] : [.../* @__PURE__ */ new Set([...states.keys(), ...onDisk])].sort((a, b) => a - b);
	const idle = (states) => shown(states).filter((s) => !states.get(s)?.containers.length && !states.get(s)?.apps.length);
	const { states, holders } = await observeWithHolders(config, enginesOf(ctx), idle);
	const slots = shown(states);
	return Promise.all(slots.map(async (slot) => {
		const info = saved.get(slot) ?? (target.kind === "slot" ? readSavedSlot(config.root, slot, warnOf(ctx)) : void 0);
		const state = states.get(slot);
		const appHealth = {};
		for (const a of (state?.apps ?? []).filter((x) => x.status === "online")) {
			const probe = probes.get(`${slot}/${appBase(a.name)}`);
			if (probe) appHealth[appBase(a.name)] = await probe ? "healthy" : "unhealthy";
		}
		const forward = observeForward(config.root, slot);
		const heldBy = holders.get(slot);
		return {
			slot,
			project: projectName(config.name, slot),
			services: serviceRows(info, state, info ? portUrls(info, config.urls) : {}, appHealth),
			...forward ? { forward } : {},
			engine: engineWhere(onSlotEngine(ctx, slot).env.DOCKER_HOST),
			...heldBy ? { heldBy } : {}
		};
	}));
}
/** The shared services (DESIGN §9) as their own row: state per service, and the slots that use them. */
async function infraStatus(ctx) {
	if (!ctx.config.shared.services.length) return void 0;
	const { observeInfraUse } = await import("./infra-B8l3sgtN.js");
	const { infra, users } = await observeInfraUse(ctx.env, ctx.config.name);
	const services = ctx.config.shared.services.map((name) => {
		const c = infra.find((x) => x.service === name);
		return {
			name,
			state: c?.state ?? "missing",
			health: c?.health ?? "none",
			ports: c?.ports.map((p) => p.published) ?? []
		};
	});
	return {
		project: infraProject(ctx.config.name),
		services,
		usedBy: users
	};
}
function printInfra(ctx, infra) {
	ctx.io.out(`infra  ${infra.project}  ${infra.usedBy.length ? `used by ${infra.usedBy.join(", ")}` : "used by no slot"}\n`);
	for (const s of infra.services) ctx.io.out(`  ${s.name.padEnd(14)} shared     ${(s.health !== "none" ? `${s.state} (${s.health})` : s.state).padEnd(18)}  ${s.ports.join(",") || "-"}\n`);
}
async function statusCommand(ctx, target) {
	const [slots, infra] = await Promise.all([collectStatus(ctx, target), infraStatus(ctx)]);
	const engines = enginesOf(ctx);
	const ids = await Promise.all(engines.map((g) => whichEngine(g.env)));
	const engine = ids[0];
	if (ctx.options.json) return printJson(ctx, {
		slots,
		...infra ? { infra } : {},
		engine: engine ? {
			...engine,
			host: ctx.env.DOCKER_HOST ?? "unix:///var/run/docker.sock"
		} : null
	});
	if (infra) printInfra(ctx, infra);
	if (!slots.length) {
		ctx.io.out("no slots: nothing of this project is running or initialized here; start one with `devslot N`\n");
		return;
	}
	const { printSummary } = await import("./summary-CV7rdlI0.js");
	for (const s of slots) {
		printSummary(ctx.io, s.slot, s.project, s.services);
		if (ctx.config.engines) ctx.io.out(`  engine   ${s.engine}\n`);
		if (s.heldBy) ctx.io.out(`  ${paint(ctx.io, "yellow", `held by the checkout at ${s.heldBy.join(", ")}`)}: what runs there is not this folder's (a copy of the project?); \`devslot ${s.slot} status\` there shows it\n`);
		if (s.forward) ctx.io.out(`  forward  ${s.forward.alive ? `127.0.0.1:${s.forward.ports.join(",")} <- ${s.forward.host} (ssh pid ${s.forward.pid})` : `down (was ${s.forward.ports.join(",")}); \`devslot ${s.slot} start\` restores it`}\n`);
	}
	for (const [i, g] of engines.entries()) ctx.io.out(`${paint(ctx.io, "dim", `engine  ${engineLine(g.env, ids[i])}`)}\n`);
}
export { infraStatus, printInfra, statusCommand };
