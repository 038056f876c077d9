import { n as tcpTarget } from "./urls-JtC8Pev1.js";
// dist/render/services-view.js
const CONTAINER_STATES = {
	running: "running",
	restarting: "restarting",
	created: "stopped",
	paused: "stopped",
	exited: "stopped",
	removing: "stopping",
	dead: "failed"
};
const PROCESS_STATES = {
	online: "running",
	launching: "starting",
	"one-launch-status": "starting",
	"waiting restart": "restarting",
	stopping: "stopping",
	stopped: "stopped",
	errored: "failed"
};
/** Docker's (`container`) or PM2's (`process`) word for a state → devslot's one vocabulary. */
function serviceState(kind, native) {
	if (native === null) return "missing";
	return (kind === "container" ? CONTAINER_STATES : PROCESS_STATES)[native] ?? "unknown";
}
/** `appHealth`: the probe result of each online app with a probe (base name → healthy/unhealthy). */
function serviceRows(info, state, urls, appHealth = {}) {
	const rows = [];
	const containers = state?.containers ?? [];
	const services = [.../* @__PURE__ */ new Set([...info?.compose.services ?? [], ...containers.map((c) => c.service)])];
	for (const svc of services) {
		const list = containers.filter((c) => c.service === svc);
		const c = list.find((x) => x.state === "running") ?? list[0];
		const ports = [...new Set(list.flatMap((x) => x.ports.map((p) => p.published)))].sort((a, b) => a - b);
		rows.push({
			name: svc,
			kind: "container",
			state: serviceState("container", c ? c.state : null),
			native: c ? c.state : null,
			health: c ? c.health : "none",
			ports: ports.length ? ports : info?.ports[svc] !== void 0 ? [info.ports[svc]] : [],
			url: c?.state === "running" ? urls[svc] ?? null : null
		});
	}
	const apps = state?.apps ?? [];
	const planned = info?.apps ?? [];
	const names = [.../* @__PURE__ */ new Set([...planned.map((a) => a.name), ...apps.map((a) => a.name)])];
	for (const name of names) {
		const base = planned.find((a) => a.name === name)?.base ?? appBase(name);
		const proc = apps.find((a) => a.name === name);
		const probe = info?.health[base];
		const port = info?.ports[base] ?? (probe && "tcp" in probe ? Number(tcpTarget(probe.tcp).port) : void 0);
		rows.push({
			name: base,
			kind: "process",
			state: serviceState("process", proc ? proc.status : null),
			native: proc ? proc.status : null,
			health: appHealth[base] ?? "none",
			ports: port !== void 0 && !Number.isNaN(port) ? [port] : [],
			url: proc?.status === "online" ? urls[base] ?? null : null,
			...proc ? { restarts: proc.restarts } : {}
		});
	}
	return rows;
}
/** `api-2` → `api`: the name in the ecosystem file. */
function appBase(pm2Name) {
	return pm2Name.replace(/-\d+$/, "");
}
export { serviceRows as n, appBase as t };
