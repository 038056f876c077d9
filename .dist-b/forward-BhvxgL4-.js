import { t as forwardAlive } from "./ssh-DgtzPw1n.js";
import { r as INSTANCES_DIR } from "./names-B3NKYqMG.js";
import fs from "node:fs";
import path from "node:path";
// dist/plan/forward-ops.js
const FORWARD_FILE = ".forward.json";
/**
* DESIGN §15: on a remote engine (DOCKER_HOST=ssh://…) every published port of a running slot is
* forwarded to 127.0.0.1 here. The forward starts once the containers are up (before the apps, which
* talk to them through it); an old forward goes first (its ports would collide). A start with
* nothing else to do still restores a forward that died (the ssh connection dropped). The port
* pre-check is told which ports the slot's own forward holds here, and that the engine is remote.
*/
function withForward(ops, s) {
	if (!s.host) return ops;
	const host = s.host;
	const file = `${s.dir}/${FORWARD_FILE}`;
	const stop = s.forward ? [{
		slot: s.slot,
		kind: "stop-forward",
		root: s.root,
		file,
		cause: s.forward.alive ? "the forward is made anew with the slot's ports" : "its ssh connection ended"
	}] : [];
	const fwd = {
		slot: s.slot,
		kind: "forward-ports",
		project: s.project,
		root: s.root,
		file,
		host,
		cause: "the slot runs on a remote engine: its published ports are reached at 127.0.0.1 here, as on a local engine"
	};
	if (!ops.length) return s.running && !s.forward?.alive ? [...stop, fwd] : [];
	const out = [];
	const forwarded = s.forward?.alive ? s.forward.ports : [];
	for (const op of ops) {
		out.push(op.kind === "check-ports" ? {
			...op,
			remote: {
				host,
				forwarded
			}
		} : op);
		if (op.kind === "wait-containers") out.push(...stop, fwd);
	}
	return out;
}
/** stop/clean: the forward ends before the containers go (nothing left listening for them here). */
function withForwardStop(ops, s) {
	if (!s.forward) return ops;
	const stop = {
		slot: s.slot,
		kind: "stop-forward",
		root: s.root,
		file: `${s.dir}/${FORWARD_FILE}`,
		cause: "the slot stops: its port forward from the remote engine ends"
	};
	const at = ops.findIndex((o) => o.kind === "compose-down");
	return at < 0 ? [...ops, stop] : [
		...ops.slice(0, at),
		stop,
		...ops.slice(at)
	];
}
// dist/observe/forward.js
/** The slot's port forward from its record, and whether its ssh master still runs; undefined: none. */
function observeForward(root, slot) {
	const file = path.join(root, INSTANCES_DIR, `instance-${slot}`, FORWARD_FILE);
	let rec;
	try {
		rec = JSON.parse(fs.readFileSync(file, "utf8"));
	} catch {
		return;
	}
	return {
		ports: rec.ports ?? [],
		pid: rec.pid ?? 0,
		host: rec.host ?? "",
		alive: forwardAlive(rec)
	};
}
/** The remote engine's DOCKER_HOST when devslot reaches it over ssh (its ports are then forwarded). */
function remoteHost(env) {
	return env.DOCKER_HOST?.startsWith("ssh://") ? env.DOCKER_HOST : void 0;
}
export { withForwardStop as i, remoteHost as n, withForward as r, observeForward as t };
