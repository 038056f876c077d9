import { t as lineSplitter } from "./lines-BmrsX8KC.js";
import { constants } from "node:os";
import { spawn } from "node:child_process";
import { isatty } from "node:tty";
// dist/adapters/process.js
/**
* Run a command with an argv array and no shell, so no user text is ever parsed by one.
* Rejects only when the command cannot be started (ENOENT …); a non-zero exit is a result.
*/
async function run(cmd, args, opts = {}) {
	const out = [];
	const err = [];
	const r = await spawnPiped(cmd, args, {
		...opts,
		onData: (b, stream) => (stream === "stdout" ? out : err).push(b)
	});
	return {
		code: r.code ?? (r.signal ? 128 : 1),
		stdout: Buffer.concat(out).toString("utf8"),
		stderr: Buffer.concat(err).toString("utf8"),
		timedOut: r.timedOut
	};
}
/**
* The one spawn of a bounded command with piped output (run, runStreaming). Alone, the child is
* killed at the timeout and sent SIGTERM on abort. With `group`, it leads its own process group,
* so a timeout or abort ends what it started too (`npm run x` → sh → node): SIGTERM to the group,
* SIGKILL 5 s later.
*/
function spawnPiped(cmd, args, opts) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env ?? process.env,
			shell: false,
			stdio: [
				"ignore",
				"pipe",
				"pipe"
			],
			detached: opts.group === true
		});
		child.stdout.on("data", (b) => opts.onData(b, "stdout"));
		child.stderr.on("data", (b) => opts.onData(b, "stderr"));
		const kill = (sig) => {
			if (!opts.group) return void child.kill(sig);
			try {
				process.kill(-child.pid, sig);
			} catch {}
		};
		let killer;
		const stop = (sig) => {
			kill(sig);
			if (opts.group) killer ??= setTimeout(() => kill("SIGKILL"), 5e3);
		};
		let timedOut = false;
		const timer = opts.timeoutMs ? setTimeout(() => {
			timedOut = true;
			stop(opts.group ? "SIGTERM" : "SIGKILL");
		}, opts.timeoutMs) : void 0;
		const onAbort = () => stop("SIGTERM");
		opts.signal?.addEventListener("abort", onAbort, { once: true });
		const done = () => {
			if (timer) clearTimeout(timer);
			if (killer) clearTimeout(killer);
			opts.signal?.removeEventListener("abort", onAbort);
		};
		child.on("error", (e) => {
			done();
			reject(e);
		});
		child.on("close", (code, signal) => {
			done();
			resolve({
				code,
				signal,
				timedOut
			});
		});
	});
}
/** Signals a terminal sends to its whole foreground process group (Ctrl-C, Ctrl-\, hang-up). */
const TERMINAL_SIGNALS = [
	"SIGINT",
	"SIGQUIT",
	"SIGHUP"
];
const FORWARDED = [...TERMINAL_SIGNALS, "SIGTERM"];
/**
* Run a command in the foreground, as a shell would: stdin, stdout and stderr are this process's,
* no shell parses the argv, and the child's end is the result. While it runs, the child owns the
* signals: devslot forwards them and does not die of them (a second Ctrl-C that ended devslot would
* leave `psql` or a REPL orphaned on the terminal).
*
* On a terminal, Ctrl-C reaches the child from the terminal itself (it is in our process group);
* forwarding it as well would deliver it twice, and a Node REPL exits on its second Ctrl-C. So the
* terminal's signals are forwarded only when stdin is not a terminal (a supervisor, a test, `kill`
* from a script); SIGTERM never comes from a terminal and is always forwarded.
*
* Rejects with the spawn error (ENOENT, EACCES …) when the command cannot start.
*/
function runForeground(cmd, args, opts) {
	return new Promise((resolve, reject) => {
		const fromTerminal = isatty(0);
		const saved = new Map(FORWARDED.map((s) => [s, process.listeners(s)]));
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env,
			shell: false,
			stdio: "inherit"
		});
		const forward = (sig) => {
			if (fromTerminal && TERMINAL_SIGNALS.includes(sig)) return;
			if (child.exitCode === null && child.signalCode === null) child.kill(sig);
		};
		for (const s of FORWARDED) {
			process.removeAllListeners(s);
			process.on(s, forward);
		}
		let settled = false;
		const restore = () => {
			if (settled) return false;
			settled = true;
			for (const [s, listeners] of saved) {
				process.removeListener(s, forward);
				for (const l of listeners) process.on(s, l);
			}
			return true;
		};
		child.on("error", (e) => {
			if (restore()) reject(e);
		});
		child.on("exit", (code, signal) => {
			if (!restore()) return;
			if (signal) resolve({
				code: 128 + (constants.signals[signal] ?? 0),
				signal
			});
			else resolve({ code: code ?? 1 });
		});
	});
}
/**
* Run a command with no shell and no input, handing each line of its output to `onLine` as it
* comes (hook steps: the user sees a migration's progress, and the last lines name a failure).
* It runs as its own process group (spawnPiped), so a timeout or Ctrl-C ends what it started too.
*/
async function runStreaming(cmd, args, opts) {
	const out = lineSplitter((l) => opts.onLine(l, "stdout"));
	const err = lineSplitter((l) => opts.onLine(l, "stderr"));
	const r = await spawnPiped(cmd, args, {
		...opts,
		group: true,
		onData: (b, stream) => (stream === "stdout" ? out : err).push(b)
	});
	out.end();
	err.end();
	const { code, signal } = r;
	return {
		code: code ?? 128 + (signal ? constants.signals[signal] ?? 0 : 0),
		...signal ? { signal } : {},
		timedOut: r.timedOut
	};
}
export { runForeground as n, runStreaming as r, run as t };
