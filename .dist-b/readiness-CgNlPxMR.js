import { f as knownEngine, p as listContainers, v as restartCounts } from "./docker-BMUCdZpG.js";
import { O as projectFilter } from "./names-B3NKYqMG.js";
import { i as restartedSince, n as containerReadiness, r as isReady } from "./probe-JBus41hH.js";
// dist/apply/readiness.js
/**
* How long a container or app must stay up, unchanged, before it counts as started. A process that
* crashes at once is often "running" or "online" at the first look; one second of watching (several
* polls) catches those that die on start, and costs every real start at most that second.
*/
const SETTLE_MS = 1e3;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/**
* Poll the project's containers (one Docker call per round) until every service is ready and has
* stayed ready for SETTLE_MS, one fails, or the deadline passes. Returns the last readiness of
* every service.
*
* Docker backs off between the restarts of a crash loop and lists the container as `restarting`
* meanwhile; Podman (4.3) restarts it at once and lists it as `running` nearly all the time. So on
* Podman each running container's restart count is read when it is first seen running and again
* before the wait ends as settled (or at the deadline): a count that went up is a crash loop. Two
* inspects per container per start, on Podman only.
*/
async function waitForContainers(env, project, services, deadline, onState, signal) {
	const last = /* @__PURE__ */ new Map();
	const firstCounts = /* @__PURE__ */ new Map();
	let readySince;
	let ids = "";
	const judge = (containers, restarted) => {
		for (const svc of services) {
			const r = containerReadiness(containers.filter((c) => c.service === svc), restarted);
			const prev = last.get(svc);
			if (!prev || prev.state !== r.state || prev.detail !== r.detail) onState(svc, r);
			last.set(svc, r);
		}
	};
	/** At the end of the wait: the running containers that restarted since first seen fail their service. */
	const endWatch = async (containers) => {
		if (!firstCounts.size) return last;
		const restarted = restartedSince(firstCounts, await restartCounts(env, [...firstCounts.keys()]));
		if (restarted.size) judge(containers, restarted);
		return last;
	};
	for (;;) {
		const containers = await listContainers(env, [projectFilter(project)]);
		judge(containers);
		if (knownEngine(env)?.kind === "podman") {
			const fresh = containers.filter((c) => c.state === "running" && !firstCounts.has(c.id)).map((c) => c.id);
			if (fresh.length) for (const [id, n] of await restartCounts(env, fresh)) firstCounts.set(id, n);
		}
		const all = [...last.values()];
		const nowIds = containers.map((c) => `${c.id}:${c.state}`).sort().join(",");
		if (all.every((r) => isReady(r.state))) {
			if (readySince === void 0 || nowIds !== ids) readySince = Date.now();
			if (Date.now() - readySince >= 1e3) return endWatch(containers);
		} else readySince = void 0;
		ids = nowIds;
		if (all.some((r) => r.state === "failed") || signal?.aborted) return last;
		if (Date.now() >= deadline) return endWatch(containers);
		await sleep(250);
	}
}
export { waitForContainers as n, SETTLE_MS as t };
