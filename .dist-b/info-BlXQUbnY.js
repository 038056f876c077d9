import { t as paint } from "./io-D46OrwhK.js";
import { i as whichEngine, n as engineLine } from "./engine-Dm9E4iDH.js";
import { i as maskValue } from "./secrets-Bmi2-sd4.js";
import { t as slotJson } from "./slot-json-DxVpxGBb.js";
import { t as portUrls } from "./urls-JtC8Pev1.js";
import { a as printJson, i as planOf } from "./context-DABbsf0u.js";
import path from "node:path";
// dist/commands/info.js
async function infoCommand(ctx, slot) {
	const plan = await planOf(ctx, slot, true);
	if (ctx.options.json) return printJson(ctx, slotJson(plan));
	const urls = portUrls(plan, ctx.config.urls);
	const io = ctx.io;
	const lines = [];
	lines.push(`${paint(io, "bold", `slot ${plan.slot}`)}  compose project ${plan.project}, PM2 namespace ${plan.namespace}`);
	lines.push(`root   ${plan.root}`);
	lines.push("ports");
	const width = Math.max(0, ...Object.keys(plan.ports).map((n) => n.length));
	for (const [name, port] of Object.entries(plan.ports)) {
		const url = urls[name] ? `  ${paint(io, "cyan", urls[name])}` : "";
		lines.push(`  ${name.padEnd(width)}  ${String(port).padStart(5)}  ${paint(io, "dim", `(base ${plan.basePorts[name]}, ${plan.portSources[name]})`)}${url}`);
	}
	if (plan.apps.length) lines.push(`apps   ${plan.apps.map((a) => a.name).join(", ")}`);
	const rewrites = plan.compose.rewrites ?? [];
	if (rewrites.length) {
		lines.push("rewritten inside services");
		for (const r of rewrites) lines.push(`  ${r.service} ${r.key}: ${maskValue(r.key.split(".").pop() ?? "", r.from)} ${paint(io, "dim", "→")} ${maskValue(r.key.split(".").pop() ?? "", r.to)}`);
	}
	for (const m of plan.compose.mounts ?? []) lines.push(`own folder   ${m.service} ${m.target}: ${path.relative(plan.root, m.from)} → ${m.to}`);
	lines.push("files");
	for (const f of plan.files) lines.push(`  ${path.relative(ctx.cwd, path.join(plan.root, f.path))}`);
	const shared = [...plan.compose.shared.networks.map((n) => `network ${n}`), ...plan.compose.shared.volumes.map((v) => `volume ${v}`)];
	if (shared.length) lines.push(`shared by every slot (external): ${shared.join(", ")}`);
	if (plan.compose.files.length) lines.push(`engine ${engineLine(ctx.env, await whichEngine(ctx.env))}`);
	io.out(lines.join("\n") + "\n");
}
export { infoCommand };
