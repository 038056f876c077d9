import { s as runCompose, u as projectOfArgv } from "./compose-aF0sDG8n.js";
import { a as copyImage, c as engineError, d as healthConfig, g as removeVolume, h as listVolumes, i as containersPublishing, l as engineIdentity, m as listNetworks, n as connectNetwork, o as disconnectNetwork, p as listContainers, r as containerLogs, s as dockerClient, t as claimVolume, y as runHealthcheck } from "./docker-BMUCdZpG.js";
import { O as projectFilter, d as LABEL_SERVICE, l as LABEL_PROJECT } from "./names-B3NKYqMG.js";
import { f as writeAtomic, m as writeProjectFile, p as writeInstance, r as ensureSlotMount, u as removeInstanceDir } from "./fs-GiFRpoZG.js";
import { i as withPm2, n as listApps, t as deleteAppsById } from "./pm2-Cpw2rS9y.js";
import { f as UsageError, s as InterruptedError, u as RuntimeError } from "./errors-CfnyxBL4.js";
import { c as claimFrom, d as claimedError, f as heldBy, o as infraNeed, u as claimLabels } from "./infra-ops-Dq1y8K3j.js";
import { t as copyStep } from "./copy-D2KbCVMa.js";
import { t as lineSplitter } from "./lines-BmrsX8KC.js";
import { r as runStreaming } from "./process-BwP0Ys-i.js";
import { t as childEnv } from "./slot-env-BMCj9FTv.js";
import { c as withInfraLock } from "./lock-C527eXAj.js";
import { u as INFRA_DIR } from "./resource-secrets-r17cfeWh.js";
import { r as isReady, t as probeOnce } from "./probe-JBus41hH.js";
import { n as findListener, r as isPortFree, t as ancestors } from "./ports-C-y6Aq7Y.js";
import { n as waitForContainers, t as SETTLE_MS } from "./readiness-CgNlPxMR.js";
import { r as updateRegistry } from "./registry-317Sbg2s.js";
import { n as copyResource, t as applyResource } from "./resources-CNyGtYAc.js";
import { a as stopForward, n as forwardPorts } from "./ssh-DgtzPw1n.js";
import { t as readTail } from "./tail-DkH4tc0A.js";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
// dist/apply/engine-health.js
/** How often the runner looks for new containers of the project (one list call). */
const LOOK_MS = 500;
/**
* While devslot waits on a project's containers (compose up with `service_healthy` dependencies,
* then the readiness wait), run their healthchecks ourselves on Podman, each at its own interval.
* Podman 4 schedules checks with systemd timers; without systemd (CI, containers, WSL) nothing runs
* them, health stays `starting`, and compose waits forever. A check run here is recorded by the
* engine like a scheduled one, so compose, `status` and the wait all see it. On Docker (its daemon
* runs checks itself) this does nothing. Where Podman does have systemd, checks run twice as often
* while devslot waits: harmless, and cheaper than asking which is the case.
*
* Returns a stop function; the runner also stops when `signal` aborts. Every call it makes is
* bounded, and a failing call is skipped (the wait it serves has its own deadline).
*/
function runHealthchecksWhileWaiting(env, project, signal) {
	let stopped = false;
	const configs = /* @__PURE__ */ new Map();
	const lastRun = /* @__PURE__ */ new Map();
	const inFlight = /* @__PURE__ */ new Set();
	let timer;
	const calls = new AbortController();
	const stop = () => {
		stopped = true;
		if (timer) clearTimeout(timer);
		calls.abort();
	};
	signal?.addEventListener("abort", stop, { once: true });
	const tick = async () => {
		const containers = await listContainers(env, [projectFilter(project)]).catch(() => []);
		const now = Date.now();
		for (const c of containers) {
			if (stopped || c.state !== "running" || inFlight.has(c.id)) continue;
			if (!configs.has(c.id)) configs.set(c.id, healthConfig(env, c.id).catch(() => void 0));
			const hc = await configs.get(c.id);
			if (!hc) continue;
			if (now - (lastRun.get(c.id) ?? 0) < hc.intervalMs) continue;
			lastRun.set(c.id, now);
			inFlight.add(c.id);
			runHealthcheck(env, c.id, hc.timeoutMs, calls.signal).catch(() => void 0).finally(() => inFlight.delete(c.id));
		}
	};
	const loop = async () => {
		if (stopped) return;
		await tick();
		if (!stopped) timer = setTimeout(() => void loop(), LOOK_MS);
	};
	engineIdentity(env).then((id) => id.kind === "podman" ? loop() : void 0, () => void 0);
	return stop;
}
// dist/adapters/docker-exec.js
/**
* Run argv in the running container of one compose service (its first replica), through the
* engine API, so it works on any engine devslot can reach. Output comes line by line. The engine
* cannot kill an exec'd process: on timeout or Ctrl-C devslot stops waiting and says so.
*/
async function execInService(env, target, argv, opts) {
	const list = await listContainers(env, [`${LABEL_PROJECT}=${target.project}`, `${LABEL_SERVICE}=${target.service}`]);
	const c = list.filter((c) => c.state === "running").sort((a, b) => a.name.localeCompare(b.name))[0];
	if (!c) throw new RuntimeError(`service ${target.service} of ${target.project} has no running container to exec in${list.length ? ` (${list.map((x) => `${x.name}: ${x.state}`).join(", ")})` : ""}`);
	const docker = await dockerClient(env, false);
	let exec;
	let stream;
	try {
		exec = await docker.getContainer(c.id).exec({
			Cmd: [...argv],
			Env: Object.entries(opts.env).map(([k, v]) => `${k}=${v}`),
			AttachStdout: true,
			AttachStderr: true,
			...opts.user ? { User: opts.user } : {}
		});
		stream = await exec.start({
			hijack: true,
			stdin: false
		});
	} catch (e) {
		throw engineError(env, `exec in ${c.name}`, e);
	}
	const split = (which) => {
		const pt = new PassThrough();
		const lines = lineSplitter((l) => opts.onLine(l, which));
		pt.on("data", lines.push);
		return {
			pt,
			flush: lines.end
		};
	};
	const out = split("stdout");
	const err = split("stderr");
	docker.modem.demuxStream(stream, out.pt, err.pt);
	let timedOut = false;
	const ended = await new Promise((resolve) => {
		const timer = setTimeout(() => resolve("timeout"), opts.timeoutMs);
		const onAbort = () => resolve("abort");
		opts.signal?.addEventListener("abort", onAbort, { once: true });
		const fin = () => {
			clearTimeout(timer);
			opts.signal?.removeEventListener("abort", onAbort);
			resolve("end");
		};
		stream.on("end", fin);
		stream.on("close", fin);
		stream.on("error", fin);
	});
	out.flush();
	err.flush();
	if (ended !== "end") {
		stream.destroy?.();
		timedOut = ended === "timeout";
		return {
			code: 124,
			timedOut,
			container: c.name
		};
	}
	return {
		code: (await exec.inspect().catch((e) => {
			throw engineError(env, `read the exit code of an exec in ${c.name}`, e);
		})).ExitCode ?? 1,
		timedOut,
		container: c.name
	};
}
// dist/apply/hooks.js
/** The command that runs a hook again. */
const AGAIN = {
	created: "start",
	"pre-start": "start",
	"post-start": "start",
	"pre-stop": "stop",
	"pre-clean": "clean",
	"post-clone": "start"
};
/** How many of a failed step's last output lines its error quotes. */
const TAIL_LINES = 8;
/**
* One hook step (DESIGN §10): an argv on the host or a zx script, in the project root with the
* slot's environment, or an argv in the service's container. A non-zero exit, a timeout or a
* command that cannot start is one RuntimeError (exit 2) naming the hook and step, with the
* step's last output lines. Ctrl-C ends the step and is InterruptedError.
*/
async function runHookStep(op, rt) {
	const { step } = op;
	const tail = [];
	const onLine = (line) => {
		tail.push(line);
		if (tail.length > TAIL_LINES) tail.shift();
		rt.output?.(step.label, line);
	};
	const timeoutMs = step.timeout * 1e3;
	let code;
	let timedOut;
	let where;
	if (step.kind === "exec") {
		const r = await execInService(rt.env, {
			project: op.project,
			service: step.service
		}, step.argv, {
			env: op.env,
			...step.user ? { user: step.user } : {},
			timeoutMs,
			signal: rt.signal,
			onLine
		});
		({code, timedOut} = r);
		where = `in ${r.container}`;
	} else {
		const [cmd, ...args] = step.kind === "script" ? [
			process.execPath,
			zxCli(),
			path.join(op.root, step.file)
		] : step.argv;
		where = step.kind === "script" ? step.file : JSON.stringify(cmd);
		try {
			({code, timedOut} = await runStreaming(cmd, args, {
				cwd: op.root,
				env: childEnv(rt.env, op.env),
				timeoutMs,
				signal: rt.signal,
				onLine
			}));
		} catch (e) {
			const err = e;
			const why = err.code === "ENOENT" ? `no such command${cmd.includes("/") ? "" : " on PATH"}` : err.code === "EACCES" ? "not executable (permission denied)" : err.message;
			throw new UsageError(`hook ${step.label} (slot ${op.slot}): cannot run ${JSON.stringify(cmd)}: ${why}; fix hooks.${step.hook} in devslot.yaml, or run with --skip-hooks`);
		}
	}
	if (rt.signal.aborted) throw new InterruptedError(`interrupted during hook ${step.label}`);
	if (code === 0 && !timedOut) return;
	const what = timedOut ? `did not finish within ${step.timeout}s${step.kind === "exec" ? " (it may still run in the container)" : ""}` : `exited with ${code}`;
	const lines = tail.filter((l) => l.trim()).map((l) => l.slice(0, 200));
	throw new RuntimeError(`slot ${op.slot}: hook ${step.label} failed: ${where} ${what}${lines.length ? `; last output: ${lines.join(" ⏎ ")}` : ""}; the slot is left as it is for inspection — fix it and run \`devslot ${op.slot} ${AGAIN[step.hook]}\` again (or with --skip-hooks)`);
}
/** The created hook succeeded: remember the slot's volumes it ran against. */
async function recordCreated(op, env) {
	const volumes = (op.volumes ?? (await listVolumes(env, [projectFilter(op.project)])).map((v) => v.name)).slice().sort();
	writeAtomic(path.join(op.root, op.file), `${JSON.stringify({
		at: (/* @__PURE__ */ new Date()).toISOString(),
		volumes
	})}\n`, 420);
}
/** zx's own CLI: a script gets `$`, `cd`, `fetch` … as globals, as `zx script.mjs` gives them. */
function zxCli() {
	return createRequire(import.meta.url).resolve("zx/cli");
}
// dist/apply/preflight.js
/**
* Before anything is created: every port of the slot that this same slot does not already hold
* must be free. Ports held by anything else are one error naming every such port, its service and
* its holder (another project's container, or a process): fixing them one start at a time would
* take as many failed starts as there are busy ports. devslot never moves to another port by itself.
*/
async function checkPortsFree(env, op) {
	const ownPorts = new Set(op.ownPorts);
	const ownPids = new Set(op.ownPids);
	const seen = /* @__PURE__ */ new Set();
	const busy = [];
	if (op.remote) return checkRemotePorts(env, op, op.remote);
	for (const { name, port, source } of op.ports) {
		if (seen.has(port) || ownPorts.has(port)) continue;
		seen.add(port);
		if (await isPortFree(port)) continue;
		const what = `port ${port} (${name}, ${source})`;
		const holders = (await containersPublishing(env, port)).filter((c) => c.project !== op.project);
		if (holders.length) {
			const c = holders[0];
			busy.push({
				what,
				why: `published by container ${c.name}${c.project ? ` of compose project ${c.project}` : ""}`
			});
			continue;
		}
		const listener = findListener(port);
		if (listener && (ownPids.has(listener.pid) || ancestors(listener.pid).some((p) => ownPids.has(p)))) continue;
		busy.push({
			what,
			why: `in use${listener ? ` by pid ${listener.pid} (${listener.command})` : " by another process"}`
		});
	}
	refuseBusy(op, busy);
}
/**
* A remote engine: the ports are published there, so the engine there is asked (one list for every
* port); here each port is needed only by the slot's forward, so a port devslot's own forward of
* this slot holds is not a conflict, anything else listening here is.
*/
async function checkRemotePorts(env, op, remote) {
	const ownPorts = new Set(op.ownPorts);
	const forwarded = new Set(remote.forwarded);
	const seen = /* @__PURE__ */ new Set();
	const busy = [];
	const host = new URL(remote.host).hostname;
	for (const { name, port, source } of op.ports) {
		if (seen.has(port)) continue;
		seen.add(port);
		const what = `port ${port} (${name}, ${source})`;
		if (!ownPorts.has(port)) {
			const holders = (await containersPublishing(env, port)).filter((c) => c.project !== op.project);
			if (holders.length) {
				const c = holders[0];
				busy.push({
					what,
					why: `published on the remote engine ${host} by container ${c.name}${c.project ? ` of compose project ${c.project}` : ""}`
				});
				continue;
			}
		}
		if (forwarded.has(port) || await isPortFree(port)) continue;
		const listener = findListener(port);
		const ownPids = new Set(op.ownPids);
		if (listener && (ownPids.has(listener.pid) || ancestors(listener.pid).some((p) => ownPids.has(p)))) continue;
		busy.push({
			what,
			why: `in use on this machine${listener ? ` by pid ${listener.pid} (${listener.command})` : ""}, where the slot's forward from ${host} needs it`
		});
	}
	refuseBusy(op, busy);
}
function refuseBusy(op, busy) {
	if (!busy.length) return;
	if (busy.length === 1) throw new RuntimeError(`${busy[0].what} of slot ${op.slot} is already ${busy[0].why}; stop it, or use another slot`);
	throw new RuntimeError(`${busy.length} ports of slot ${op.slot} are already in use; stop their holders, or use another slot:\n${busy.map((b) => `  ${b.what}: ${b.why}`).join("\n")}`);
}
// dist/apply/infra.js
/**
* The shared services up and ready (DESIGN §9). Under the engine's infra lock: another slot's start
* may have brought them up while this one waited, and then there is nothing to do.
*/
async function infraUp(op, rt) {
	const waitMs = Math.max(1e3, rt.deadline - Date.now());
	await withInfraLock(op.name, rt.env.DOCKER_HOST ?? "local", `devslot ${op.slot} start`, waitMs, async () => {
		const seen = await listContainers(rt.env, [projectFilter(op.project)]);
		if (!infraNeed({
			project: op.project,
			services: op.services
		}, seen)) return;
		await checkPortsFree(rt.env, {
			slot: op.slot,
			kind: "check-ports",
			project: op.project,
			ports: op.ports,
			ownPorts: seen.flatMap((c) => c.ports.map((p) => p.published)),
			ownPids: [],
			cause: ""
		});
		writeInstance(op.root, INFRA_DIR, op.files);
		for (const svc of op.services) rt.progress(svc, "starting", "shared");
		const stopChecks = runHealthchecksWhileWaiting(rt.env, op.project, rt.signal);
		let last;
		try {
			await runCompose(op.argv, op.root, rt.env, `compose up of the shared services (${op.project})`, rt.signal, { timeoutMs: Math.max(1e3, rt.deadline - Date.now()) });
			last = await waitForContainers(rt.env, op.project, op.services, rt.deadline, (svc, r) => rt.progress(svc, r.state, r.detail), rt.signal);
		} finally {
			stopChecks();
		}
		if (rt.signal.aborted) throw new InterruptedError("interrupted");
		const notReady = [...last].filter(([, r]) => !isReady(r.state));
		if (notReady.length) throw new RuntimeError(`the shared services (${op.project}) are not ready after ${rt.timeoutSeconds}s: ${notReady.map(([s, r]) => `${s} (${r.detail})`).join(", ")}; see \`docker compose -p ${op.project} logs\``);
	}, rt.signal);
}
/** Every running infra container of the project joins every network of every slot of it, by its service name. */
async function infraAttach(op, env) {
	const slotProject = new RegExp(`^${op.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-dev-\\d+$`);
	const [infra, networks] = await Promise.all([listContainers(env, [projectFilter(`${op.name}-infra`)]), listNetworks(env, [LABEL_PROJECT])]);
	const slotNets = networks.filter((n) => slotProject.test(n.labels["com.docker.compose.project"] ?? "") && n.labels["com.docker.compose.network"] !== void 0);
	for (const c of infra.filter((x) => op.services.includes(x.service) && x.state === "running")) for (const n of slotNets) if (!c.networks?.includes(n.name)) await connectNetwork(env, n.name, c.id, c.service);
}
async function infraDetach(op, env) {
	for (const a of op.attached) await disconnectNetwork(env, a.network, a.container);
}
// dist/apply/leases.js
/** The end-leases operation: drop these worktrees' leases of project `name` from the registry. */
async function endLeases(commonDir, name, worktrees, warn) {
	const gone = new Set(worktrees);
	await updateRegistry(commonDir, (reg) => {
		reg.projects[name] = (reg.projects[name] ?? []).filter((l) => !gone.has(l.worktree));
	}, warn);
}
// dist/apply/forward.js
/**
* The slot's forward: every port its containers publish on the remote, to the same port on
* 127.0.0.1 here, through this command's ssh master, which then outlives the command as the
* slot's forward (no second login). The record says which master it is, for status and stop.
*/
async function startForward(env, op) {
	const containers = await listContainers(env, [`${LABEL_PROJECT}=${op.project}`]);
	const ports = [...new Set(containers.flatMap((c) => c.ports.filter((p) => p.protocol !== "udp").map((p) => p.published)))].sort((a, b) => a - b);
	const rec = await forwardPorts(env, ports);
	writeAtomic(path.join(op.root, op.file), `${JSON.stringify(rec)}\n`, 384);
}
function endForward(op) {
	const file = path.join(op.root, op.file);
	try {
		stopForward(JSON.parse(fs.readFileSync(file, "utf8")));
	} catch (e) {
		if (e.code !== "ENOENT" && !(e instanceof SyntaxError)) throw e;
	}
	fs.rmSync(file, { force: true });
}
// dist/apply/images.js
/** This machine's engine: DOCKER_HOST as it would be without the remote one. */
function localEngineEnv(env) {
	const { DOCKER_HOST: _remote, ...rest } = env;
	return rest;
}
/** Send an image from this machine's engine to the remote one, over the one ssh transport. */
function sendImage(env, image, signal) {
	return copyImage(localEngineEnv(env), env, image, signal);
}
// dist/apply/slot-mounts.js
/** Create the slot's per-slot bind-mount folders (plan.compose.mounts) before compose up; returns those created. */
function createSlotMounts(plan) {
	return (plan.compose.mounts ?? []).filter((m) => ensureSlotMount(plan.root, m.to, m.from) === "created").map((m) => m.to);
}
// dist/observe/log-tail.js
/** The last `n` lines of a PM2 app's out and error logs (for timeout messages). */
function lastLogLines(proc, n) {
	const lines = [];
	for (const file of [proc.outLog, proc.errLog]) if (file) lines.push(...readTail(file, n).lines);
	return lines.slice(-n);
}
/** The last `n` log lines of a compose service's newest container; [] when there are none to read. */
async function lastContainerLines(env, project, service, n) {
	try {
		const c = (await listContainers(env, [projectFilter(project)])).filter((c) => c.service === service)[0];
		if (!c) return [];
		const lines = [];
		await containerLogs(env, c.id, {
			follow: false,
			tail: n
		}, (l) => lines.push(l.text));
		return lines.slice(-n).map((l) => l.replace(/\s+/g, " ").trim().slice(0, 200));
	} catch {
		return [];
	}
}
// dist/apply/wait-apps.js
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** PM2 restarted it this many times while we watched: a crash loop, not a slow start. */
const CRASH_RESTARTS = 2;
/** How often an app that has not answered its probe yet is looked at (and probed) again. */
const PROBE_POLL_MS = 100;
/**
* Until every app is up: online, and then either proven by its probe (it answered, and the next
* PM2 look shows that same process still online, not restarted) or, with no probe, still online
* with no restart SETTLE_MS after its process started. An answer is the app's own proof that it
* started; without one, "online" is all PM2 knows, and an app that dies at once is online at nearly
* every look. An app that is errored, stopped, missing, or restarting repeatedly fails at once,
* naming it with its last log lines; the deadline fails with what is still not ready.
* Returns the base names whose probe passed.
*/
async function waitForApps(rt, op) {
	const firstRestarts = /* @__PURE__ */ new Map();
	const seenRestarts = /* @__PURE__ */ new Map();
	const upSince = /* @__PURE__ */ new Map();
	/** The process (pid, restart count) seen online when its probe passed, and at which look. */
	const answered = /* @__PURE__ */ new Map();
	const probed = /* @__PURE__ */ new Set();
	const proven = /* @__PURE__ */ new Set();
	let look = 0;
	let last = [];
	for (;;) {
		last = (await listApps(rt.env)).filter((p) => p.namespace === op.namespace && p.env.DEVSLOT_ROOT === op.root);
		const now = Date.now();
		look++;
		for (const app of op.apps) {
			const p = last.find((x) => x.name === app.name);
			if (!p) throw failure(op, app.name, "is missing after the start (PM2 could not run it)", void 0);
			if (p.status === "errored" || p.status === "stopped") throw failure(op, app.name, `is ${p.status}`, p);
			const base = firstRestarts.get(app.name) ?? p.restarts;
			firstRestarts.set(app.name, base);
			if (p.restarts - base >= CRASH_RESTARTS) throw failure(op, app.name, `keeps restarting (${p.restarts - base} restarts while starting)`, p);
			const restartedNow = p.restarts !== (seenRestarts.get(app.name) ?? p.restarts);
			seenRestarts.set(app.name, p.restarts);
			let up = p.status === "online" && !restartedNow;
			if (app.probe) {
				const a = answered.get(app.name);
				const same = !!a && up && a.pid === p.pid && a.restarts === p.restarts;
				if (same && a.look < look) proven.add(app.name);
				else proven.delete(app.name);
				if (up && !same) {
					if (await probeOnce(app.probe, Math.max(200, Math.min(2e3, rt.deadline - Date.now())))) {
						answered.set(app.name, {
							pid: p.pid,
							restarts: p.restarts,
							look
						});
						probed.add(app.base);
					} else up = false;
				}
				if (!up) answered.delete(app.name);
			}
			if (up && !upSince.has(app.name)) upSince.set(app.name, Math.min(now, p.uptimeSince ?? now));
			if (!up) upSince.delete(app.name);
			rt.progress(app.base, "process", up ? app.probe ? answered.has(app.name) ? "healthy" : "starting" : "online" : "starting", app.probe && !up ? "probing" : "");
		}
		const ready = (a) => a.probe ? proven.has(a.name) : upSince.has(a.name) && now - upSince.get(a.name) >= 1e3;
		if (op.apps.every(ready)) return probed;
		if (rt.signal.aborted) return probed;
		if (Date.now() >= rt.deadline) {
			const waiting = op.apps.filter((a) => !ready(a));
			const first = waiting[0] ?? op.apps[0];
			const p = last.find((x) => x.name === first.name);
			const target = first.probe ? "http" in first.probe ? first.probe.http : `tcp ${first.probe.tcp}` : "online";
			throw failure(op, first.name, `not ready after ${rt.timeoutSeconds}s (${target}, PM2 status ${p?.status ?? "missing"})`, p, waiting.map((a) => a.base));
		}
		const wake = (a) => {
			if (a.probe) return proven.has(a.name) ? Infinity : answered.has(a.name) ? now : now + PROBE_POLL_MS;
			return upSince.has(a.name) ? upSince.get(a.name) + SETTLE_MS : Infinity;
		};
		const due = Math.min(...op.apps.map(wake));
		await sleep(Math.max(10, Math.min(250, due - Date.now())));
	}
}
function failure(op, name, what, proc, bases) {
	const tail = proc ? lastLogLines(proc, 5) : [];
	const who = bases && bases.length ? bases.join(", ") : name;
	return new RuntimeError(`slot ${op.slot}: ${who} ${what}${tail.length ? `; last log lines of ${name}: ${tail.join(" ⏎ ")}` : ""}`);
}
// dist/apply/executor.js
async function execute(ops, rt, done = []) {
	const result = {
		done,
		healthy: /* @__PURE__ */ new Set()
	};
	const run = async (pm2) => {
		for (const op of ops) {
			if (rt.signal.aborted) throw new InterruptedError("interrupted");
			rt.trace?.(op);
			await step(op, rt, pm2, result);
			result.done.push(op);
		}
	};
	if (ops.some((o) => o.kind === "pm2-start" || o.kind === "pm2-restart")) await withPm2(rt.env, run);
	else await run(void 0);
	return result;
}
async function step(op, rt, pm2, result) {
	switch (op.kind) {
		case "claim-slot": {
			const labels = await claimVolume(rt.env, op.name, claimLabels(op.project, op));
			const holder = claimFrom(op.project, [{
				name: op.name,
				labels
			}]);
			if (!heldBy(holder, op)) throw claimedError(op.slot, holder, op.root);
			return;
		}
		case "release-claim": return removeVolume(rt.env, op.name);
		case "check-ports": return checkPortsFree(rt.env, op);
		case "write-files":
			result.written = writeInstance(op.root, op.dir, op.files);
			return;
		case "make-mounts":
			createSlotMounts({
				root: op.root,
				compose: { mounts: op.mounts }
			});
			return;
		case "compose-up": {
			for (const svc of op.services) rt.progress(svc, "container", "starting");
			const podman = (await engineIdentity(rt.env)).kind === "podman";
			const project = projectOfArgv(op.argv);
			const stopChecks = project ? runHealthchecksWhileWaiting(rt.env, project, rt.signal) : () => {};
			try {
				await runCompose(op.argv, op.cwd, rt.env, `compose up for slot ${op.slot}`, rt.signal, {
					timeoutMs: rt.deadline - Date.now(),
					...podman ? { extraEnv: { DOCKER_BUILDKIT: "0" } } : {}
				});
			} finally {
				stopChecks();
			}
			return;
		}
		case "wait-containers": {
			for (const svc of op.services) rt.progress(svc, "container", "starting");
			const stopChecks = runHealthchecksWhileWaiting(rt.env, op.project, rt.signal);
			const last = await waitForContainers(rt.env, op.project, op.services, rt.deadline, (svc, r) => rt.progress(svc, "container", r.state, r.detail), rt.signal).finally(stopChecks);
			if (rt.signal.aborted) throw new InterruptedError("interrupted");
			const notReady = [...last].filter(([, r]) => !isReady(r.state));
			if (!notReady.length) return;
			const failed = notReady.find(([, r]) => r.state === "failed");
			const [svc, r] = failed ?? notReady[0];
			const why = failed ? `${svc} ${r.detail}` : `not ready after ${rt.timeoutSeconds}s: ${notReady.map(([s, x]) => `${s} (${x.detail})`).join(", ")}`;
			const tail = await lastContainerLines(rt.env, op.project, svc, 5);
			throw new RuntimeError(`slot ${op.slot}: ${why}${tail.length ? `; last log lines of ${svc}: ${tail.join(" ⏎ ")}` : ""}; see \`devslot ${op.slot} logs --service ${svc}\`, or \`devslot ${op.slot} stop\``);
		}
		case "pm2-delete": return deleteAppsById(rt.env, [op.id]);
		case "pm2-start":
			await pm2.start(structuredClone(op.options));
			rt.progress(op.app.replace(/-\d+$/, ""), "process", "starting");
			return;
		case "pm2-restart": return pm2.restart(op.id);
		case "wait-apps": {
			const healthy = await waitForApps(rt, op);
			for (const base of healthy) result.healthy.add(base);
			return;
		}
		case "compose-down": return downAndSweep(rt.env, op.anonymousVolumes, () => runCompose(op.argv, op.cwd || os.tmpdir(), rt.env, `compose down for slot ${op.slot}`));
		case "compose-restart":
			await runCompose(op.argv, op.cwd, rt.env, `compose restart for slot ${op.slot}`, rt.signal);
			return;
		case "forward-ports": return startForward(rt.env, op);
		case "stop-forward": return endForward(op);
		case "send-image": return sendImage(rt.env, op.image, rt.signal);
		case "remove-dir":
			result.removed = removeInstanceDir(op.root, op.slot) ?? { kept: [] };
			return;
		case "record-applied":
			writeAtomic(path.join(op.root, op.file), op.mark, 420);
			return;
		case "end-leases": return endLeases(op.commonDir, op.name, op.worktrees);
		case "infra-up": return infraUp(op, {
			...rt,
			progress: (name, state, detail) => rt.progress(name, "container", state, detail)
		});
		case "compose-create":
			await runCompose(op.argv, op.cwd, rt.env, `compose create for slot ${op.slot}`, rt.signal);
			return;
		case "infra-attach": return infraAttach(op, rt.env);
		case "infra-detach": return infraDetach(op, rt.env);
		case "infra-down": return downAndSweep(rt.env, op.anonymousVolumes, () => runCompose(op.argv, os.tmpdir(), rt.env, `compose down of the shared services (${op.project})`));
		case "hook-step":
			rt.progress(op.step.label, "hook", "running");
			try {
				await runHookStep(op, {
					env: rt.env,
					signal: rt.signal,
					...rt.hookOutput ? { output: rt.hookOutput } : {}
				});
			} catch (e) {
				rt.progress(op.step.label, "hook", "failed");
				throw e;
			}
			rt.progress(op.step.label, "hook", "done");
			return;
		case "record-created": return recordCreated(op, rt.env);
		case "write-project-file": return writeProjectFile(path.join(op.root, op.path), op.before, op.content, op.path);
		case "ensure-resource":
		case "drop-resource":
			(result.resources ??= []).push(await applyResource(op.kind === "ensure-resource" ? "ensure" : "drop", op.resource, op.cwd, rt.env));
			return;
		case "copy-resource":
			(result.resources ??= []).push(await copyResource(op, rt.deadline));
			return;
		case "record-copy":
		case "pause-containers":
		case "resume-containers":
		case "create-volume":
		case "copy-volumes":
		case "remove-volume":
		case "forget-copy": return copyStep(op, rt, result);
	}
}
/**
* `compose down`, then the anonymous volumes its containers had mounted (as observed): compose
* leaves them, and with the containers gone nothing can reach them again (the next up makes new
* ones), so each stop would leak one per such mount. One still in use (never ours then) stays.
*/
async function downAndSweep(env, anonymous, down) {
	await down();
	for (const name of anonymous) await removeVolume(env, name).catch(() => void 0);
}
export { execute as t };
