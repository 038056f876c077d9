import { s as InterruptedError, u as RuntimeError } from "./errors-CfnyxBL4.js";
import { t as endsOnInterrupt } from "./interrupt-CjKGw8tT.js";
import { f as LABEL_SLOT, l as LABEL_PROJECT, u as LABEL_ROOT } from "./names-B3NKYqMG.js";
import { i as sshName, o as tunnelSocket, r as isSshHost } from "./ssh-DgtzPw1n.js";
import { t as lineSplitter } from "./lines-BmrsX8KC.js";
import http from "node:http";
// dist/adapters/docker.js
/** How long one engine API call may take (listing is ~30 ms here; a healthy engine is far below). */
const ENGINE_CALL_MS = 15e3;
/** The engine's unix socket, when DOCKER_HOST names one (or is unset); else undefined. */
function engineSocket(env) {
	const host = env.DOCKER_HOST;
	if (!host) return "/var/run/docker.sock";
	return host.startsWith("unix://") ? host.slice(7) : void 0;
}
/**
* The unix socket an engine call goes to: DOCKER_HOST's own, or for ssh:// the local end of the one
* ssh transport (adapters/ssh.ts), so every call of the process shares one login.
*/
async function socketFor(env) {
	if (!isSshHost(env)) return engineSocket(env);
	const socket = await tunnelSocket(env);
	tunnelled.set(env.DOCKER_HOST, `unix://${socket}`);
	return socket;
}
const tunnelled = /* @__PURE__ */ new Map();
const where = (env) => env.DOCKER_HOST ?? "/var/run/docker.sock";
const hostKey = (env) => (env.DOCKER_HOST && tunnelled.get(env.DOCKER_HOST)) ?? env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
const identities = /* @__PURE__ */ new Map();
/** `Server: Libpod/4.3.1 (linux)` (Podman) or `Server: Docker/20.10.24 (linux)`; Podman also sends Libpod-Api-Version. */
function identityFromHeaders(headers) {
	const server = String(headers.server ?? "");
	const libpod = headers["libpod-api-version"];
	const m = /^(Libpod|Docker)\/(\S+)/.exec(server);
	if (libpod || m?.[1] === "Libpod") return {
		kind: "podman",
		version: String(libpod ?? m?.[2] ?? "?")
	};
	if (m) return {
		kind: "docker",
		version: m[2]
	};
}
/** GET /version's answer: Podman names itself as a component ("Podman Engine") and in Platform.Name. */
function identityFromVersion(v) {
	const podman = v.Components?.find((c) => /podman/i.test(c.Name ?? ""));
	if (podman || /podman/i.test(v.Platform?.Name ?? "")) return {
		kind: "podman",
		version: podman?.Version ?? v.Version ?? "?"
	};
	return {
		kind: "docker",
		version: (v.Components?.find((c) => c.Name === "Engine"))?.Version ?? v.Version ?? "?"
	};
}
/** The engine on DOCKER_HOST, identified once per process: from any earlier answer's headers, else GET /version. */
async function engineIdentity(env) {
	const known = identities.get(hostKey(env));
	if (known) return known;
	const id = identityFromVersion(await call(env, "say its version", (s) => engineGet(s, "/version"), (d) => d.version()));
	identities.set(hostKey(env), id);
	return id;
}
/** The identity already learned from an answer on DOCKER_HOST, without asking. */
function knownEngine(env) {
	return identities.get(hostKey(env));
}
const engineName = (env) => identities.get(hostKey(env))?.kind === "podman" ? "Podman" : "Docker";
var EngineTimeout = class extends Error {};
/**
* GET from the Engine API over its unix socket: one request, no dockerode import (which loads ssh2
* and grpc, ~90 ms). Other DOCKER_HOSTs (tcp, ssh) go through dockerode.
*/
function engineGet(socketPath, urlPath, timeoutMs = ENGINE_CALL_MS) {
	return engineRequest(socketPath, "GET", urlPath, void 0, timeoutMs);
}
function engineRequest(socketPath, method, urlPath, body, timeoutMs = ENGINE_CALL_MS, signal) {
	return new Promise((resolve, reject) => {
		const headers = {
			host: "docker",
			...body === void 0 ? {} : { "content-type": "application/json" }
		};
		const req = http.request({
			socketPath,
			path: urlPath,
			method,
			headers
		}, (res) => {
			const named = identityFromHeaders(res.headers);
			if (named) identities.set(`unix://${socketPath}`, named);
			const chunks = [];
			res.on("data", (c) => chunks.push(c));
			res.on("error", reject);
			res.on("end", () => {
				clearTimeout(timer);
				const text = Buffer.concat(chunks).toString("utf8");
				if ((res.statusCode ?? 500) >= 400) return reject(new ApiError(res.statusCode ?? 500, `${urlPath.split("?")[0]}: ${res.statusCode} ${text.trim()}`));
				try {
					resolve(text ? JSON.parse(text) : void 0);
				} catch (e) {
					reject(e);
				}
			});
		});
		const timer = setTimeout(() => req.destroy(new EngineTimeout(`no answer within ${timeoutMs / 1e3}s`)), timeoutMs);
		req.on("error", (e) => {
			clearTimeout(timer);
			reject(e);
		});
		signal?.addEventListener("abort", () => req.destroy(/* @__PURE__ */ new Error("stopped")), { once: true });
		req.end(body === void 0 ? void 0 : JSON.stringify(body));
	});
}
var ApiError = class extends Error {
	status;
	constructor(status, message) {
		super(message);
		this.status = status;
	}
};
const isConnectError = (e) => [
	"ENOENT",
	"ECONNREFUSED",
	"EACCES",
	"ECONNRESET",
	"EPIPE"
].includes(e.code ?? "");
/** Any failure of an engine call as one line: unreachable, silent, or the engine's own words. */
function engineError(env, what, e) {
	if (e instanceof RuntimeError) return e;
	if (e instanceof EngineTimeout || /timeout/i.test(e.message ?? "")) return new RuntimeError(`the ${engineName(env)} engine at ${where(env)} accepted the connection but did not answer within ${ENGINE_CALL_MS / 1e3}s (${what}); it looks frozen: check \`docker info\`, restart the engine, and try again`);
	if (isConnectError(e) && isSshHost(env)) return new RuntimeError(`the engine on ${sshName(env.DOCKER_HOST)} is not reachable through ssh (${e.code}): the ssh connection dropped, or Docker is not running there; check \`ssh ${sshName(env.DOCKER_HOST)} docker version\` and try again`);
	if (isConnectError(e)) return new RuntimeError(`the Docker engine is not reachable at ${where(env)} (${e.code}); start it (e.g. \`sudo systemctl start docker\`, or run .ci/setup) and try again`);
	return new RuntimeError(`the ${engineName(env)} engine failed to ${what}: ${(e.message ?? String(e)).split("\n")[0]}`);
}
const clients = /* @__PURE__ */ new Map();
/** `bounded`: calls time out; a log stream that follows a silent container must not (the idle timer would end it). */
async function dockerClient(env, bounded = true) {
	const key = `${bounded ? "b" : "s"}:${env.DOCKER_HOST ?? ""}`;
	let client = clients.get(key);
	if (!client) {
		const { default: Docker } = await import("dockerode");
		const socket = isSshHost(env) ? await socketFor(env) : void 0;
		const viaSocket = (socketPath) => ({
			socketPath,
			host: void 0,
			port: void 0,
			protocol: "http"
		});
		client = new Docker({
			...socket ? viaSocket(socket) : env.DOCKER_HOST ? hostOptions(env.DOCKER_HOST) : viaSocket("/var/run/docker.sock"),
			...bounded ? { timeout: ENGINE_CALL_MS } : {}
		});
		clients.set(key, client);
	}
	return client;
}
function hostOptions(host) {
	if (host.startsWith("unix://")) return {
		socketPath: host.slice(7),
		host: void 0,
		port: void 0,
		protocol: "http"
	};
	const url = new URL(host);
	const protocol = url.protocol.replace(":", "");
	return {
		protocol: protocol === "ssh" ? "ssh" : protocol === "https" ? "https" : "http",
		host: url.hostname,
		port: url.port || (protocol === "ssh" ? 22 : 2375),
		...url.username ? { username: url.username } : {}
	};
}
/** One engine call, by socket when there is one, else through dockerode; failures typed. */
async function call(env, what, viaSocket, viaClient) {
	try {
		const socket = await socketFor(env);
		return await endsOnInterrupt(socket ? viaSocket(socket) : dockerClient(env).then(viaClient), what);
	} catch (e) {
		if (e instanceof InterruptedError) throw e;
		throw engineError(env, what, e);
	}
}
/** Fail with one line, and how to fix it, when the engine does not answer. */
async function requireEngine(env) {
	await call(env, "answer a ping", (s) => engineGet(s, "/_ping").catch((e) => e instanceof SyntaxError ? void 0 : Promise.reject(e)), (d) => d.ping());
}
function parseHealth(status) {
	if (/\(healthy\)/.test(status)) return "healthy";
	if (/\(unhealthy\)/.test(status)) return "unhealthy";
	if (/\(health: starting\)/.test(status)) return "starting";
	return "none";
}
function view(c) {
	const labels = c.Labels ?? {};
	const slot = labels[LABEL_SLOT];
	const exit = /^Exited \((\d+)\)/.exec(c.Status ?? "");
	return {
		id: c.Id,
		name: (c.Names?.[0] ?? c.Id).replace(/^\//, ""),
		project: labels["com.docker.compose.project"] ?? "",
		service: labels["com.docker.compose.service"] ?? "",
		slot: slot !== void 0 && /^\d+$/.test(slot) ? Number(slot) : void 0,
		root: labels[LABEL_ROOT],
		state: c.State,
		health: parseHealth(c.Status ?? ""),
		exitCode: exit ? Number(exit[1]) : void 0,
		ports: (c.Ports ?? []).filter((p) => p.PublicPort).map((p) => ({
			hostIp: p.IP ?? "",
			published: p.PublicPort,
			target: p.PrivatePort,
			protocol: p.Type
		})),
		networks: Object.keys(c.NetworkSettings?.Networks ?? {}).sort()
	};
}
const q = (filters) => encodeURIComponent(JSON.stringify(filters));
/**
* Every container (running or not) with these labels, in one API call. devslot's own containers
* carry `dev.devslot.root`, so one call answers for every slot of a project root. With
* `anonymousVolumes`, each view also names the anonymous volumes it mounts (for a teardown).
*/
async function listContainers(env, labels, opts = {}) {
	const list = await call(env, "list containers", (s) => engineGet(s, `/containers/json?all=1&filters=${q({ label: labels })}`), (d) => d.listContainers({
		all: true,
		filters: { label: labels }
	}));
	const views = opts.anonymousVolumes ? await withAnonymousVolumes(env, list, list.map(view)) : list.map(view);
	if (knownEngine(env)?.kind !== "podman" || !views.some((c) => c.state === "running")) return views;
	const own = await call(env, "list containers with their health", (s) => engineGet(s, `/v4.0.0/libpod/containers/json?all=true&filters=${q({ label: labels })}`), async () => []);
	const health = new Map(own.map((c) => [c.Id, healthWord(c.Status ?? "")]));
	return views.map((c) => ({
		...c,
		health: health.get(c.id) ?? c.health
	}));
}
/** A health state as a word (Podman's list, an inspect's State.Health.Status). */
function healthWord(status) {
	return status === "healthy" || status === "unhealthy" || status === "starting" ? status : "none";
}
/** The healthcheck a container was created with (inspect), in ms; Docker's defaults where unset. */
async function healthConfig(env, id) {
	const hc = (await call(env, `inspect container ${id.slice(0, 12)}`, (s) => engineGet(s, `/containers/${encodeURIComponent(id)}/json`), (d) => d.getContainer(id).inspect())).Config?.Healthcheck;
	if (!hc?.Test?.length || hc.Test[0] === "NONE") return void 0;
	const ms = (ns, dflt) => ns && ns > 0 ? Math.round(ns / 1e6) : dflt;
	return {
		intervalMs: ms(hc.Interval, 3e4),
		timeoutMs: ms(hc.Timeout, 3e4),
		startPeriodMs: ms(hc.StartPeriod, 0)
	};
}
/**
* How many times the engine has restarted each container (inspect's RestartCount), by id; one
* inspect per container. A container removed meanwhile is left out.
*/
async function restartCounts(env, ids) {
	const counts = await Promise.all(ids.map(async (id) => {
		const info = await call(env, `inspect container ${id.slice(0, 12)}`, (s) => engineGet(s, `/containers/${encodeURIComponent(id)}/json`).catch((e) => e instanceof ApiError && e.status === 404 ? void 0 : Promise.reject(e)), (d) => d.getContainer(id).inspect().catch((e) => e.statusCode === 404 ? void 0 : Promise.reject(e)));
		return info ? [[id, info.RestartCount ?? 0]] : [];
	}));
	return new Map(counts.flat());
}
/**
* Run a container's healthcheck once, now (Podman's libpod API; the engine records the result in
* State.Health as if it had scheduled it). Podman schedules checks with systemd timers, so where
* there is no systemd nothing runs them but this. Bounded by the check's own timeout.
*/
async function runHealthcheck(env, id, checkTimeoutMs, signal) {
	const socket = await socketFor(env);
	if (!socket) return;
	await engineRequest(socket, "GET", `/v4.0.0/libpod/containers/${encodeURIComponent(id)}/healthcheck`, void 0, checkTimeoutMs + 5e3, signal).catch((e) => {
		throw engineError(env, `run the healthcheck of container ${id.slice(0, 12)}`, e);
	});
}
/**
* Containers (of any project) that publish this host port. Every running container, filtered here:
* Podman rejects the `publish` filter (500), and one list answers every port of a pre-check.
*/
async function containersPublishing(env, port) {
	return (await call(env, `list the containers publishing port ${port}`, (s) => engineGet(s, "/containers/json"), (d) => d.listContainers())).map(view).filter((c) => c.ports.some((p) => p.published === port));
}
/** Networks with these labels, in one API call. */
async function listNetworks(env, labels) {
	return (await call(env, "list networks", (s) => engineGet(s, `/networks?filters=${q({ label: labels })}`), (d) => d.listNetworks({ filters: { label: labels } }))).map((n) => ({
		name: n.Name,
		labels: n.Labels ?? {}
	}));
}
/** Volumes with these labels, in one API call. */
async function listVolumes(env, labels) {
	return ((await call(env, "list volumes", (s) => engineGet(s, `/volumes?filters=${q({ label: labels })}`), (d) => d.listVolumes({ filters: { label: labels } }))).Volumes ?? []).map((v) => ({
		name: v.Name,
		labels: v.Labels ?? {}
	}));
}
/**
* A container's log with timestamps, demultiplexed. `onLine` gets each line; the returned function
* stops following. A container that is gone (removed while `logs` runs) is a RuntimeError.
*/
async function containerLogs(env, id, opts, onLine) {
	const docker = await dockerClient(env, !opts.follow);
	const container = docker.getContainer(id);
	const fail = (e) => {
		if (e.statusCode === 404) throw new RuntimeError(`container ${id.slice(0, 12)} is gone (removed while devslot was reading its logs); run the command again`);
		throw engineError(env, `read the logs of container ${id.slice(0, 12)}`, e);
	};
	const info = await container.inspect().catch(fail);
	const base = {
		stdout: true,
		stderr: true,
		timestamps: true,
		since: opts.since ?? 0,
		...opts.tail !== void 0 ? { tail: opts.tail } : {}
	};
	const { PassThrough } = await import("node:stream");
	const make = (stream) => {
		const pt = new PassThrough();
		const lines = lineSplitter((l) => onLine(parseDockerLine(l, stream)));
		pt.on("data", lines.push);
		pt.on("end", lines.end);
		return pt;
	};
	const out = make("stdout");
	const err = make("stderr");
	if (!opts.follow) {
		const buf = await container.logs({
			...base,
			follow: false
		}).catch(fail);
		if (info.Config.Tty) out.end(buf);
		else {
			demux(buf, out, err);
			out.end();
			err.end();
		}
		return {
			done: Promise.resolve(),
			stop: () => {}
		};
	}
	let stream;
	let stopped = false;
	let settle = () => {};
	const done = new Promise((resolve) => settle = resolve);
	const abort = new AbortController();
	container.logs({
		...base,
		follow: true,
		abortSignal: abort.signal
	}).then((s) => {
		stream = s;
		if (stopped) return stream.destroy?.();
		if (info.Config.Tty) stream.pipe(out);
		else docker.modem.demuxStream(stream, out, err);
		stream.on("end", settle);
		stream.on("close", settle);
		stream.on("error", settle);
	}, () => settle());
	return {
		done,
		stop: () => {
			stopped = true;
			abort.abort();
			stream?.destroy?.();
			settle();
		}
	};
}
/** Docker's multiplexed log format: 8-byte header (stream, 0, 0, 0, size as uint32 BE), then payload. */
function demux(buf, out, err) {
	let at = 0;
	while (at + 8 <= buf.length) {
		const kind = buf[at];
		const size = buf.readUInt32BE(at + 4);
		const payload = buf.subarray(at + 8, at + 8 + size);
		(kind === 2 ? err : out).write(payload);
		at += 8 + size;
	}
}
function parseDockerLine(line, stream) {
	const space = line.indexOf(" ");
	const time = Date.parse(line.slice(0, space));
	if (space > 0 && !Number.isNaN(time)) return {
		time,
		stream,
		text: line.slice(space + 1).replace(/\r$/, "")
	};
	return {
		time: Date.now(),
		stream,
		text: line
	};
}
/**
* Claim a name on the engine (issue 11: one slot of one engine, one checkout at a time). Creating
* a volume that exists returns the existing one, labels and all, so of any number of concurrent
* creates exactly one label set wins and every caller reads back the same winner (10 parallel
* creates on Docker 20.10: one label set, every time). Returns the holder's labels.
*/
async function claimVolume(env, name, labels) {
	const body = {
		Name: name,
		Labels: labels
	};
	return (await call(env, `create the claim volume ${name}`, (s) => engineRequest(s, "POST", "/volumes/create", body).catch(async (e) => {
		if (e instanceof ApiError && e.status === 409) return engineGet(s, `/volumes/${encodeURIComponent(name)}`);
		throw e;
	}), async (d) => {
		await d.createVolume(body).catch((e) => e.statusCode === 409 ? void 0 : Promise.reject(e));
		return await d.getVolume(name).inspect();
	})).Labels ?? {};
}
/** Remove a volume by name; one that is already gone is fine. */
/**
* Each container's anonymous volumes (an image's VOLUME no service names, `- /path` in `volumes:`):
* nameless, so once `compose down` has removed the containers no command can find them again, and
* the next up makes new ones. Proven ours: mounted by our containers.
*/
async function withAnonymousVolumes(env, list, views) {
	const hex = list.map((c) => (c.Mounts ?? []).filter((m) => m.Type === "volume" && /^[0-9a-f]{64}$/.test(m.Name ?? "")).map((m) => m.Name));
	const labelled = hex.some((names) => names.length) ? new Set((await listVolumes(env, [LABEL_PROJECT])).map((v) => v.name)) : /* @__PURE__ */ new Set();
	return views.map((v, i) => ({
		...v,
		anonymousVolumes: [...new Set(hex[i])].filter((n) => !labelled.has(n)).sort()
	}));
}
async function removeVolume(env, name) {
	await call(env, `remove the volume ${name}`, (s) => engineRequest(s, "DELETE", `/volumes/${encodeURIComponent(name)}`, void 0).catch((e) => e instanceof ApiError && e.status === 404 ? void 0 : Promise.reject(e)), (d) => d.getVolume(name).remove().catch((e) => e.statusCode === 404 ? void 0 : Promise.reject(e)));
}
/**
* Connect a container to a network under an alias (the infra's services join a slot's networks
* by their service name, DESIGN §9). Already connected: nothing to do.
*/
async function connectNetwork(env, network, container, alias) {
	try {
		await (await dockerClient(env)).getNetwork(network).connect({
			Container: container,
			EndpointConfig: { Aliases: [alias] }
		});
	} catch (e) {
		if (/already exists|already attached|already connected/i.test(e.message ?? "")) return;
		throw engineError(env, `connect ${container.slice(0, 12)} to network ${network}`, e);
	}
}
/** Disconnect a container from a network; one that is gone or not connected is nothing to do. */
async function disconnectNetwork(env, network, container) {
	try {
		await (await dockerClient(env)).getNetwork(network).disconnect({
			Container: container,
			Force: true
		});
	} catch (e) {
		if (e.statusCode === 404 || /is not connected|not found|no such/i.test(e.message ?? "")) return;
		throw engineError(env, `disconnect ${container.slice(0, 12)} from network ${network}`, e);
	}
}
/** Whether the engine has this image (by reference), one inspect. */
async function hasImage(env, ref) {
	return call(env, `inspect the image ${ref}`, (s) => engineGet(s, `/images/${encodeURIComponent(ref)}/json`).then(() => true, (e) => e instanceof ApiError && e.status === 404 ? false : Promise.reject(e)), (d) => d.getImage(ref).inspect().then(() => true, (e) => e.statusCode === 404 ? false : Promise.reject(e)));
}
/**
* `docker save ref | docker load` from the engine of `from` to the engine of `to`, streamed (no
* temp file), both over their sockets: for a remote engine that is the one ssh transport.
*/
async function copyImage(from, to, ref, signal, timeoutMs = 6e5) {
	const src = await socketFor(from);
	const dst = await socketFor(to);
	if (!src || !dst) throw new RuntimeError(`cannot send ${ref}: both engines must be reached over a socket or ssh`);
	await new Promise((resolve, reject) => {
		const fail = (e) => reject(e instanceof RuntimeError ? e : new RuntimeError(`sending the image ${ref} to the remote engine failed: ${e.message}`));
		const timer = setTimeout(() => fail(/* @__PURE__ */ new Error(`not done within ${timeoutMs / 1e3}s`)), timeoutMs);
		const get = http.request({
			socketPath: src,
			path: `/images/${encodeURIComponent(ref)}/get`,
			method: "GET",
			headers: { host: "docker" }
		}, (res) => {
			if ((res.statusCode ?? 500) >= 400) return fail(/* @__PURE__ */ new Error(`this engine has no ${ref} (${res.statusCode})`));
			const post = http.request({
				socketPath: dst,
				path: "/images/load?quiet=1",
				method: "POST",
				headers: {
					host: "docker",
					"content-type": "application/x-tar"
				}
			}, (ans) => {
				const chunks = [];
				ans.on("data", (c) => chunks.push(c));
				ans.on("end", () => {
					clearTimeout(timer);
					const text = Buffer.concat(chunks).toString("utf8");
					if ((ans.statusCode ?? 500) >= 400 || /"error"/.test(text)) return fail(new Error(text.trim().split("\n")[0] ?? String(ans.statusCode)));
					resolve();
				});
			});
			post.on("error", fail);
			signal?.addEventListener("abort", () => {
				post.destroy(/* @__PURE__ */ new Error("stopped"));
				get.destroy();
			}, { once: true });
			res.pipe(post);
		});
		get.on("error", fail);
		get.end();
	});
}
export { requireEngine as _, copyImage as a, engineError as c, healthConfig as d, knownEngine as f, removeVolume as g, listVolumes as h, containersPublishing as i, engineIdentity as l, listNetworks as m, connectNetwork as n, disconnectNetwork as o, listContainers as p, containerLogs as r, dockerClient as s, claimVolume as t, hasImage as u, restartCounts as v, runHealthcheck as y };
