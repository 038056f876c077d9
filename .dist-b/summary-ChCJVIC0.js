import { t as paint } from "./io-D46OrwhK.js";
// dist/render/summary.js
/** The state cell: devslot's word, the health where there is one, and PM2's restart count (↺, as `pm2 ls`) once it is not 0. */
function stateCell(r) {
	const state = r.health !== "none" ? `${r.state} (${r.health})` : r.state;
	return r.restarts ? `${state} ↺${r.restarts}` : state;
}
/** A table of services: name, kind, state, ports, URL. */
function printSummary(io, slot, project, rows) {
	const w = Math.max(7, ...rows.map((r) => r.name.length));
	const lines = [`${paint(io, "bold", `slot ${slot}`)}  ${project}`];
	for (const r of rows) {
		const state = stateCell(r);
		const ok = r.state === "running";
		lines.push(`  ${r.name.padEnd(w)}  ${r.kind.padEnd(9)}  ${paint(io, ok ? "green" : "yellow", state.padEnd(18))}  ${(r.ports.join(",") || "-").padEnd(11)}  ${r.url ? paint(io, "cyan", r.url) : ""}`.trimEnd());
	}
	io.out(`${lines.join("\n")}\n`);
}
export { stateCell as n, printSummary as t };
