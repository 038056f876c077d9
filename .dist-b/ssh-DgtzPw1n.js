import { u as RuntimeError } from "./errors-CfnyxBL4.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
// dist/adapters/ssh.js
/** How long the login may take (ssh's own ConnectTimeout is below it). */
const SSH_LOGIN_MS = 25e3;
const SSH_CONTROL_MS = 1e4;
/** Where an engine listens on the remote (docker CLI's dial-stdio uses the remote's default too). */
const REMOTE_SOCKET = "/var/run/docker.sock";
function isSshHost(env) {
	return (env.DOCKER_HOST ?? "").startsWith("ssh://");
}
/** `ssh://user@host:port` as ssh's destination words: port as `-p`, the rest left to ssh_config. */
function sshDestination(dockerHost) {
	const url = new URL(dockerHost);
	const dest = `${url.username ? `${decodeURIComponent(url.username)}@` : ""}${url.hostname}`;
	return [
		...url.port ? ["-p", url.port] : [],
		"--",
		dest
	];
}
/** The name to show for the remote: `ssh://builder` → `builder`. */
function sshName(dockerHost) {
	return new URL(dockerHost).hostname;
}
const tunnels = /* @__PURE__ */ new Map();
const open = [];
/** Options every ssh call gets: never prompt (a prompt would hang a bounded command), fail fast. */
function baseOptions(control) {
	return [
		"-o",
		"BatchMode=yes",
		"-o",
		"ConnectTimeout=10",
		"-o",
		"ServerAliveInterval=15",
		"-o",
		"ServerAliveCountMax=3",
		"-o",
		`ControlPath=${control}`,
		"-o",
		"ExitOnForwardFailure=yes"
	];
}
/** The local socket of the remote engine, logging in once per process. */
function tunnelSocket(env) {
	return tunnel(env).then((t) => t.socket);
}
function tunnel(env) {
	const host = env.DOCKER_HOST;
	let t = tunnels.get(host);
	if (!t) {
		t = openTunnel(env, host);
		tunnels.set(host, t);
		t.catch(() => tunnels.delete(host));
	}
	return t;
}
async function openTunnel(env, host) {
	const base = path.join(os.tmpdir(), `devslot-ssh-${process.getuid?.() ?? 0}`);
	fs.mkdirSync(base, {
		recursive: true,
		mode: 448
	});
	fs.chmodSync(base, 448);
	const dir = fs.mkdtempSync(path.join(base, "c"));
	const t = {
		host,
		control: path.join(dir, "ctl"),
		socket: path.join(dir, "docker.sock"),
		dir,
		kept: false
	};
	const dest = sshDestination(host);
	const login = await sshRun(env, [
		"-M",
		"-N",
		"-f",
		...baseOptions(t.control),
		"-o",
		"ControlPersist=no",
		...dest
	], SSH_LOGIN_MS);
	if (login.code !== 0) {
		fs.rmSync(dir, {
			recursive: true,
			force: true
		});
		throw sshError(host, login.stderr, login.timedOut);
	}
	open.push(t);
	if (open.length === 1) process.once("exit", closeAll);
	const fwd = await sshRun(env, [
		...baseOptions(t.control),
		"-O",
		"forward",
		"-L",
		`${t.socket}:${REMOTE_SOCKET}`,
		...dest
	], SSH_CONTROL_MS);
	if (fwd.code !== 0) throw new RuntimeError(`ssh to ${sshName(host)} logged in but could not forward the remote engine's socket ${REMOTE_SOCKET}: ${lastLine(fwd.stderr)}; is Docker running there, and does sshd allow stream-local forwarding (AllowStreamLocalForwarding)?`);
	return t;
}
/** ssh with stderr to a file and nothing waiting on stdout: `-f` leaves a child holding any pipe. */
function sshRun(env, args, timeoutMs) {
	return new Promise((resolve, reject) => {
		const errFile = path.join(os.tmpdir(), `devslot-ssh-err-${process.pid}-${Math.random().toString(36).slice(2)}`);
		const fd = fs.openSync(errFile, "w", 384);
		const child = spawn("ssh", args, {
			env,
			stdio: [
				"ignore",
				"ignore",
				fd
			]
		});
		fs.closeSync(fd);
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill("SIGKILL");
		}, timeoutMs);
		const finish = (code) => {
			clearTimeout(timer);
			let stderr = "";
			try {
				stderr = fs.readFileSync(errFile, "utf8");
				fs.rmSync(errFile, { force: true });
			} catch {}
			resolve({
				code,
				stderr,
				timedOut
			});
		};
		child.on("error", (e) => {
			clearTimeout(timer);
			fs.rmSync(errFile, { force: true });
			reject(new RuntimeError(`could not run ssh for the remote engine (${e.code ?? e.message}); install the OpenSSH client`));
		});
		child.on("exit", (code, signal) => finish(code ?? (signal ? 255 : 1)));
	});
}
const lastLine = (text) => text.trim().split("\n").filter((l) => l && !/^Warning: Permanently added/.test(l)).pop() ?? "no error text";
/** ssh's failure as one line that says what to do. */
function sshError(host, stderr, timedOut = false) {
	const name = sshName(host);
	if (timedOut) return new RuntimeError(`ssh to ${name} did not log in within ${SSH_LOGIN_MS / 1e3}s; check that the host is up and reachable (\`ssh ${name}\`)`);
	if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed|host key .* (mismatch|changed)/i.test(stderr)) {
		const changed = /CHANGED/.test(stderr);
		return new RuntimeError(`ssh to ${name} refused: ${changed ? "its host key does not match the one in known_hosts" : "its host key is not in known_hosts or does not match it"}; nothing was changed. Check the key with the host's owner, then fix known_hosts (\`ssh-keygen -R ${name}\`, then \`ssh ${name}\` once) and try again`);
	}
	if (/Permission denied/i.test(stderr)) return new RuntimeError(`ssh login to ${name} failed (${lastLine(stderr)}); set User and IdentityFile for it in ~/.ssh/config, or add the key to ssh-agent, so that \`ssh ${name}\` logs in without a prompt`);
	return new RuntimeError(`ssh to ${name} failed: ${lastLine(stderr)}; check \`ssh ${name}\` works from here`);
}
/** At exit: the engine socket's forward goes; the master too unless a slot's port forward keeps it. */
function closeAll() {
	for (const t of open) {
		const dest = sshDestination(t.host);
		if (t.kept) {
			spawnSync("ssh", [
				...baseOptions(t.control),
				"-O",
				"cancel",
				"-L",
				`${t.socket}:${REMOTE_SOCKET}`,
				...dest
			], {
				stdio: "ignore",
				timeout: SSH_CONTROL_MS
			});
			fs.rmSync(t.socket, { force: true });
		} else {
			spawnSync("ssh", [
				...baseOptions(t.control),
				"-O",
				"exit",
				...dest
			], {
				stdio: "ignore",
				timeout: SSH_CONTROL_MS
			});
			fs.rmSync(t.dir, {
				recursive: true,
				force: true
			});
		}
	}
}
/**
* Forward each port to the same port on 127.0.0.1 here, through this process's master, and keep
* that master running after the process ends: it is now the slot's forward.
*/
async function forwardPorts(env, ports) {
	const t = await tunnel(env);
	const dest = sshDestination(t.host);
	const args = ports.flatMap((p) => ["-L", `127.0.0.1:${p}:127.0.0.1:${p}`]);
	if (ports.length) {
		const r = await sshRun(env, [
			...baseOptions(t.control),
			"-O",
			"forward",
			...args,
			...dest
		], SSH_CONTROL_MS);
		if (r.code !== 0) throw new RuntimeError(`could not forward port${ports.length > 1 ? "s" : ""} ${ports.join(", ")} from ${sshName(t.host)} to 127.0.0.1 here: ${lastLine(r.stderr)}; is something here listening on ${ports.length > 1 ? "one of them" : "it"}?`);
	}
	const check = await runControl(t, ["-O", "check"]);
	const pid = Number(/pid=(\d+)/.exec(check)?.[1] ?? 0);
	t.kept = true;
	return {
		pid,
		control: t.control,
		host: t.host,
		ports
	};
}
function runControl(t, args) {
	return sshRun(process.env, [
		...baseOptions(t.control),
		...args,
		...sshDestination(t.host)
	], SSH_CONTROL_MS).then((r) => r.stderr);
}
/** Whether a forward record's master still runs (and is ours: an ssh with its control path). */
function forwardAlive(rec) {
	if (!rec.pid) return false;
	try {
		return fs.readFileSync(`/proc/${rec.pid}/cmdline`, "utf8").includes(rec.control);
	} catch {
		return false;
	}
}
/** End a slot's forward: its master exits (it was kept only for the forward). */
function stopForward(rec) {
	if (!forwardAlive(rec)) return;
	spawnSync("ssh", [
		...baseOptions(rec.control),
		"-O",
		"exit",
		...sshDestination(rec.host)
	], {
		stdio: "ignore",
		timeout: SSH_CONTROL_MS
	});
	if (forwardAlive(rec)) process.kill(rec.pid, "SIGTERM");
	fs.rmSync(path.dirname(rec.control), {
		recursive: true,
		force: true
	});
}
export { stopForward as a, sshName as i, forwardPorts as n, tunnelSocket as o, isSshHost as r, forwardAlive as t };
