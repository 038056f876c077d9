import fs from "node:fs";
import getPort, { clearLockedPorts } from "get-port";
// dist/adapters/ports.js
/**
* Is this exact port free on every local address? get-port returns a *different* free port when
* the one asked for is taken (TRAPS "Ports"), so the answer is whether it handed back the same one.
*/
async function isPortFree(port) {
	clearLockedPorts();
	return await getPort({ port }) === port;
}
/** The process listening on a TCP port, from /proc (Linux); undefined where it cannot be seen. */
function findListener(port) {
	const inodes = /* @__PURE__ */ new Set();
	for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
		let text;
		try {
			text = fs.readFileSync(table, "utf8");
		} catch {
			continue;
		}
		for (const line of text.split("\n").slice(1)) {
			const cols = line.trim().split(/\s+/);
			const local = cols[1];
			if (!local || cols[3] !== "0A") continue;
			if (parseInt(local.split(":")[1] ?? "", 16) === port && cols[9]) inodes.add(cols[9]);
		}
	}
	if (!inodes.size) return void 0;
	let pids;
	try {
		pids = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d));
	} catch {
		return;
	}
	for (const pid of pids) {
		let fds;
		try {
			fds = fs.readdirSync(`/proc/${pid}/fd`);
		} catch {
			continue;
		}
		for (const fd of fds) {
			let target;
			try {
				target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
			} catch {
				continue;
			}
			const m = /^socket:\[(\d+)\]$/.exec(target);
			if (m && inodes.has(m[1])) return {
				pid: Number(pid),
				command: commandOf(Number(pid))
			};
		}
	}
}
function commandOf(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ").replace(/\s+/g, " ").trim().slice(0, 120) || "?";
	} catch {
		return "?";
	}
}
/** Parent pid chain of a process (for "is this listener one of our PM2 apps' children?"). */
function ancestors(pid) {
	const out = [];
	for (let p = pid, i = 0; p > 1 && i < 64; i++) try {
		const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
		const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
		if (!ppid) break;
		out.push(ppid);
		p = ppid;
	} catch {
		break;
	}
	return out;
}
export { findListener as n, isPortFree as r, ancestors as t };
