import { u as RuntimeError } from "./errors-CfnyxBL4.js";
import { t as sha256 } from "./hash-BS0aKSWh.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
// dist/adapters/pm2-rpc.js
/**
* One call to a running PM2 daemon over its RPC socket, without loading pm2 (~55 ms) or its
* axon modules (~11 ms). The wire format is axon's: an amp message is a meta byte
* (version << 4 | argc) and argc (uint32 BE length, bytes) arguments, each `j:`+JSON or `s:`+text.
* A request is [ {type:'call', method, args}, id ]; the reply is [ {args:[…]} | {error}, id ].
* pm2's own client (pm2/lib/Client.js: executeRemote) sends exactly this; the adapter falls back
* to the pm2 API whenever anything here is unexpected.
*/
function encodeAmp(args) {
	const parts = args.map((a) => Buffer.from(typeof a === "string" ? `s:${a}` : `j:${JSON.stringify(a ?? null)}`));
	const out = Buffer.alloc(1 + parts.reduce((n, p) => n + 4 + p.length, 0));
	let off = 0;
	out[off++] = 16 | parts.length;
	for (const p of parts) {
		out.writeUInt32BE(p.length, off);
		off += 4;
		p.copy(out, off);
		off += p.length;
	}
	return out;
}
/** Decode one amp message from the start of `buf`: its arguments and length, or undefined if incomplete. */
function decodeAmp(buf) {
	if (buf.length < 1) return void 0;
	const argc = buf[0] & 15;
	let off = 1;
	const args = [];
	for (let i = 0; i < argc; i++) {
		if (buf.length < off + 4) return void 0;
		const len = buf.readUInt32BE(off);
		off += 4;
		if (buf.length < off + len) return void 0;
		const arg = buf.subarray(off, off + len);
		off += len;
		const tag = arg.subarray(0, 2).toString("latin1");
		args.push(tag === "j:" ? JSON.parse(arg.subarray(2).toString("utf8")) : tag === "s:" ? arg.subarray(2).toString("utf8") : arg);
	}
	return {
		args,
		length: off
	};
}
function rpcCall(socketPath, method, args, timeoutMs) {
	return new Promise((resolve, reject) => {
		const id = `${process.pid}:devslot:0`;
		const sock = net.connect(socketPath);
		let buf = Buffer.alloc(0);
		const finish = (err, value) => {
			clearTimeout(timer);
			sock.destroy();
			if (err) reject(err);
			else resolve(value);
		};
		const timer = setTimeout(() => finish(/* @__PURE__ */ new Error(`PM2 RPC ${method} timed out`)), timeoutMs);
		sock.on("error", (e) => finish(e));
		sock.on("connect", () => sock.write(encodeAmp([{
			type: "call",
			method,
			args
		}, id])));
		sock.on("data", (chunk) => {
			buf = Buffer.concat([buf, chunk]);
			let msg;
			try {
				msg = decodeAmp(buf);
			} catch (e) {
				return finish(e);
			}
			if (!msg) return;
			const [reply, replyId] = msg.args;
			if (replyId !== id) return finish(/* @__PURE__ */ new Error("PM2 RPC: reply for another call"));
			if (reply && typeof reply === "object" && "error" in reply) return finish(new Error(String(reply.error)));
			if (!reply || !Array.isArray(reply.args)) return finish(/* @__PURE__ */ new Error("PM2 RPC: unexpected reply"));
			finish(void 0, reply.args);
		});
	});
}
// dist/adapters/pm2.js
/** One RPC list or delete: a live daemon answers in milliseconds. */
const PM2_CALL_MS = 5e3;
/** Connecting may have to spawn the daemon first (about a second here). */
const PM2_CONNECT_MS = 3e4;
/** Starting an app: PM2 answers once it has forked it. */
const PM2_START_MS = 6e4;
function pm2Home(env) {
	return env.PM2_HOME ?? path.join(env.HOME ?? os.homedir(), ".pm2");
}
/** The daemon's RPC socket: absent means no daemon runs (and connecting would start one). */
function pm2Socket(env) {
	return path.join(pm2Home(env), "rpc.sock");
}
function frozen(env, what, ms) {
	return new RuntimeError(`the PM2 daemon of PM2_HOME=${pm2Home(env)} did not answer within ${ms / 1e3}s (${what}); it looks stuck: check it with \`PM2_HOME=${pm2Home(env)} npx pm2 ping\` and restart it if it does not answer`);
}
/** A PM2 callback call as a bounded promise; PM2's own failures become RuntimeErrors (exit 2). */
function call(env, fn, what, ms = PM2_CALL_MS * 6) {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(frozen(env, what, ms)), ms);
		fn((err, value) => {
			clearTimeout(timer);
			if (err) reject(new RuntimeError(`${what} failed: ${err.message ?? String(err)}`));
			else resolve(value);
		});
	});
}
const isGone = (e) => ["ECONNREFUSED", "ENOENT"].includes(e.code ?? "");
const isTimeout = (e) => /timed out/.test(e.message ?? "");
/**
* Every app of the running daemon, in one RPC call (`getMonitorData`, as `pm2 jlist` asks) and
* without loading the pm2 API (~55 ms): see pm2-rpc.ts. [] when no daemon runs (asking through the
* API would start one: a read must not). Falls back to the API only on a reply it cannot read.
*/
async function listApps(env) {
	const sock = pm2Socket(env);
	if (!fs.existsSync(sock)) return [];
	try {
		const [list] = await rpcCall(sock, "getMonitorData", [{}], PM2_CALL_MS);
		if (Array.isArray(list)) return list.map(toProc);
	} catch (e) {
		if (isGone(e)) return [];
		if (isTimeout(e)) throw frozen(env, "listing apps", PM2_CALL_MS);
	}
	return withPm2(env, (s) => s.list());
}
/**
* Delete apps by pm_id, all at once, over the RPC socket (`deleteProcessId`, the call pm2's own
* `delete` makes per id); any other failure there falls back to the API, one id at a time.
*/
async function deleteAppsById(env, ids) {
	if (!ids.length) return;
	const sock = pm2Socket(env);
	const failed = [];
	let stuck = false;
	await Promise.all(ids.map((id) => rpcCall(sock, "deleteProcessId", [id], PM2_CALL_MS * 6).catch((e) => {
		if (isTimeout(e)) stuck = true;
		failed.push(id);
	})));
	if (stuck) throw frozen(env, `deleting apps ${ids.join(", ")}`, PM2_CALL_MS * 6);
	if (failed.length) await withPm2(env, async (s) => {
		const left = new Set((await s.list()).map((p) => p.id));
		for (const id of failed) if (left.has(id)) await s.delete(id);
	});
}
/** Starts loading PM2's API module (~0.2 s of CPU) without waiting: a start about to act calls it while compose resolves. */
function preloadPm2Api() {
	import("pm2").catch(() => void 0);
}
/** One API instance per PM2_HOME, shared by concurrent users (stop all runs slots in parallel); the last one out disconnects. */
const instances = /* @__PURE__ */ new Map();
/** Connect (starting the daemon if needed), run `fn`, and always disconnect. */
async function withPm2(env, fn) {
	const home = pm2Home(env);
	let inst = instances.get(home);
	if (!inst) {
		inst = {
			api: new (await (import("pm2"))).default.custom({ pm2_home: home }),
			users: 0
		};
		instances.set(home, inst);
	}
	const it = inst;
	it.users++;
	try {
		it.connected ??= connectOnce(env, it.api);
		await it.connected;
	} catch (e) {
		release(home, it);
		throw e;
	}
	const pm2 = it.api;
	const session = {
		list: async () => (await call(env, (cb) => pm2.list(cb), "PM2 list")).map(toProc),
		start: async (options) => {
			await call(env, (cb) => pm2.start(options, cb), `PM2 start of ${String(options.name)}`, PM2_START_MS);
		},
		delete: async (id) => {
			await call(env, (cb) => pm2.delete(id, cb), `PM2 delete of app ${id}`);
		},
		restart: async (id) => {
			await call(env, (cb) => pm2.restart(id, cb), `PM2 restart of app ${id}`, PM2_START_MS);
		}
	};
	try {
		return await fn(session);
	} finally {
		release(home, it);
	}
}
/**
* Connecting when no daemon runs makes PM2 spawn one, and two processes doing that at once spawn
* two daemons for one PM2_HOME (seen here: the second start then hangs). So the first connect is
* serialized by a lock file keyed by PM2_HOME; with a daemon up, connecting needs no lock.
*/
async function connectOnce(env, pm2) {
	const home = pm2Home(env);
	const connect = () => call(env, (cb) => pm2.connect((err) => cb(err, void 0)), `connecting to the PM2 daemon (PM2_HOME=${home})`, PM2_CONNECT_MS);
	if (fs.existsSync(pm2Socket(env))) return connect();
	const key = sha256(path.resolve(home)).slice(0, 16);
	const { acquireFileLock } = await import("./lock-C-mSCFGn.js");
	const lock = await acquireFileLock(path.join(os.tmpdir(), `devslot-pm2-daemon-${key}.lock`), `the PM2 daemon start (${home})`, "devslot (starting the PM2 daemon)", 6e4);
	const saved = process.env.PM2_HOME;
	process.env.PM2_HOME = home;
	try {
		await connect();
	} finally {
		if (saved === void 0) delete process.env.PM2_HOME;
		else process.env.PM2_HOME = saved;
		lock.release();
	}
}
function release(home, it) {
	it.users--;
	if (it.users === 0) {
		it.connected = void 0;
		it.api.disconnect();
	}
}
function toProc(raw) {
	const p = raw;
	const env = p.pm2_env ?? {};
	return {
		id: p.pm_id,
		name: p.name,
		namespace: String(env.namespace ?? "default"),
		status: String(env.status ?? "unknown"),
		pid: p.pid,
		restarts: Number(env.restart_time ?? 0),
		uptimeSince: typeof env.pm_uptime === "number" ? env.pm_uptime : void 0,
		outLog: typeof env.pm_out_log_path === "string" ? env.pm_out_log_path : void 0,
		errLog: typeof env.pm_err_log_path === "string" ? env.pm_err_log_path : void 0,
		env: env.env ?? {}
	};
}
export { withPm2 as i, listApps as n, preloadPm2Api as r, deleteAppsById as t };
