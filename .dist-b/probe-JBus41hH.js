import { n as tcpTarget } from "./urls-JtC8Pev1.js";
import http from "node:http";
import net from "node:net";
// dist/plan/readiness.js
const CRASH_LOOP = "restarting (exits and is restarted: a crash loop)";
/**
* One compose service's readiness from its containers (pure). Healthy means running and, where a
* healthcheck exists, reporting healthy; a one-shot container that exited 0 is done. A container
* that restarts (a crash loop under `restart: always`) or exited non-zero has failed. `restarted`
* names containers seen restarting by their restart count (restartedSince): Podman restarts a
* crash loop at once, so its list never says `restarting`, only `running`.
*/
function containerReadiness(containers, restarted = /* @__PURE__ */ new Set()) {
	if (!containers.length) return {
		state: "waiting",
		detail: "no container yet"
	};
	const states = containers.map((c) => {
		if (c.state === "exited" || c.state === "dead") return c.exitCode === 0 ? {
			state: "done",
			detail: "exited 0"
		} : {
			state: "failed",
			detail: `exited with code ${c.exitCode ?? "?"}`
		};
		if (c.state === "restarting" || restarted.has(c.id)) return {
			state: "failed",
			detail: CRASH_LOOP
		};
		if (c.state !== "running") return {
			state: "starting",
			detail: c.state
		};
		if (c.health === "starting") return {
			state: "starting",
			detail: "health: starting"
		};
		if (c.health === "unhealthy") return {
			state: "starting",
			detail: "unhealthy"
		};
		return {
			state: "healthy",
			detail: c.health === "healthy" ? "healthy" : "running"
		};
	});
	const rank = [
		"failed",
		"waiting",
		"starting",
		"healthy",
		"done"
	];
	return states.sort((a, b) => rank.indexOf(a.state) - rank.indexOf(b.state))[0];
}
const isReady = (s) => s === "healthy" || s === "done";
/** The containers whose restart count went up between two looks (a container gone from `now` did not restart). */
function restartedSince(before, now) {
	return new Set([...now].filter(([id, n]) => n > (before.get(id) ?? n)).map(([id]) => id));
}
// dist/adapters/probe.js
/** One readiness probe: an HTTP status below 400, or a TCP connect, within `timeoutMs`. */
async function probeOnce(probe, timeoutMs) {
	const get = "http" in probe && probe.http.startsWith("https:") ? (await import("node:https")).get : http.get;
	return new Promise((resolve) => {
		if ("http" in probe) {
			const url = new URL(probe.http);
			const req = get(url, {
				timeout: timeoutMs,
				rejectUnauthorized: false
			}, (res) => {
				res.resume();
				resolve((res.statusCode ?? 500) < 400);
			});
			req.on("timeout", () => req.destroy());
			req.on("error", () => resolve(false));
			return;
		}
		const { host, port } = tcpTarget(probe.tcp);
		const socket = net.connect({
			host,
			port: Number(port),
			timeout: timeoutMs
		});
		socket.once("connect", () => {
			socket.destroy();
			resolve(true);
		});
		socket.once("timeout", () => {
			socket.destroy();
			resolve(false);
		});
		socket.once("error", () => resolve(false));
	});
}
export { restartedSince as i, containerReadiness as n, isReady as r, probeOnce as t };
