import { d as StateError, s as InterruptedError, t as BusyError } from "./errors-CfnyxBL4.js";
import { t as sha256 } from "./hash-BS0aKSWh.js";
import { r as INSTANCES_DIR } from "./names-B3NKYqMG.js";
import { c as parseJson, d as str, o as object, r as int } from "./shape-Cq_h9KeT.js";
import { o as instancesPathProblem } from "./fs-GiFRpoZG.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
// dist/adapters/lock.js
function lockPath(root, slot) {
	return path.join(root, INSTANCES_DIR, ".locks", `slot-${slot}.lock`);
}
/** The same lock outside the project: per user, named by the hash of the first place. */
function lockFallback(file) {
	const uid = typeof process.getuid === "function" ? process.getuid() : "user";
	return path.join(os.tmpdir(), `devslot-locks-${uid}`, `${sha256(path.resolve(file)).slice(0, 16)}-${path.basename(file)}`);
}
function processStartTime(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
		return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
	} catch {
		return;
	}
}
/** Linux's largest pid_max; a pid outside 1..this names no process that could hold a lock. */
const PID_MAX = 4194304;
const holderShape = object({
	pid: int,
	startTime: str,
	command: str,
	since: str
});
/** The holder a lock file's text names, or undefined when it names none validly. Pure. */
function parseHolder(text) {
	const json = parseJson(text);
	if (!json.ok || holderShape(json.value, "lock")) return void 0;
	const h = json.value;
	return h.pid >= 1 && h.pid <= PID_MAX ? h : void 0;
}
function holderAlive(h) {
	try {
		process.kill(h.pid, 0);
	} catch (e) {
		if (e.code !== "EPERM") return false;
	}
	const start = processStartTime(h.pid);
	return start === void 0 || h.startTime === "" || start === h.startTime;
}
/** The lock's text and holder (undefined when absent or unreadable; holder undefined when malformed). */
function readHolder(file) {
	let text;
	try {
		text = fs.readFileSync(file, "utf8");
	} catch {
		return;
	}
	return {
		text,
		holder: parseHolder(text)
	};
}
/** A holder read from a file may say anything: one line, bounded. */
const shown = (s) => s.replace(/[\u0000-\u001f\u007f]+/g, " ").slice(0, 200);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Take the slot's lock, waiting up to `waitMs` for a live holder; then a BusyError names it. */
function acquireSlotLock(root, slot, command, waitMs, signal) {
	const file = lockPath(root, slot);
	const unusable = instancesPathProblem(root, path.relative(root, file), "file");
	return acquireFileLock(file, `slot ${slot}`, command, waitMs, signal, unusable);
}
const why = (e) => e.code ?? String(e);
/** One O_EXCL try at `file`. A lock that cannot be written whole (full disk) is removed again. */
function tryTake(file, me) {
	let fd;
	try {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fd = fs.openSync(file, "wx", 420);
	} catch (e) {
		if (e.code !== "EEXIST") return {
			kind: "unwritable",
			why: why(e)
		};
		const seen = readHolder(file);
		return seen ? {
			kind: "held",
			...seen
		} : { kind: "gone" };
	}
	try {
		fs.writeFileSync(fd, JSON.stringify(me));
		fs.closeSync(fd);
		return { kind: "taken" };
	} catch (e) {
		try {
			fs.closeSync(fd);
		} catch {}
		fs.rmSync(file, { force: true });
		return {
			kind: "unwritable",
			why: why(e)
		};
	}
}
/**
* The lock-file protocol above, for any file; `what` names the resource in messages. `unusable`:
* why `file` must not be used at all (then only the fallback is).
*/
async function acquireFileLock(file, what, command, waitMs, signal, unusable) {
	const me = {
		pid: process.pid,
		startTime: processStartTime(process.pid) ?? "",
		command,
		since: (/* @__PURE__ */ new Date()).toISOString()
	};
	const fallback = lockFallback(file);
	let firstProblem = unusable;
	const deadline = Date.now() + waitMs;
	for (let delay = 50;; delay = Math.min(delay * 2, 500)) {
		const at = firstProblem === void 0 ? file : fallback;
		const other = at === file ? fallback : file;
		const cannot = (reason) => {
			if (at === file) {
				firstProblem = reason;
				return true;
			}
			throw new StateError(`cannot take the lock of ${what}: ${file} (${firstProblem}) and ${fallback} (${reason}) are both unusable; free some space or make one of them writable`);
		};
		const r = tryTake(at, me);
		let busy;
		if (r.kind === "unwritable") {
			cannot(r.why);
			continue;
		} else if (r.kind === "gone") continue;
		else if (r.kind === "taken") {
			const rival = readHolder(other)?.holder;
			if (!rival || !holderAlive(rival)) return heldLock(at, me);
			releaseFile(at, me);
			busy = {
				holder: rival,
				file: other
			};
		} else if (!r.holder || !holderAlive(r.holder)) {
			const outcome = takeOverStale(at, r.text, r.holder !== void 0);
			if (outcome !== "ok") cannot(outcome);
			else if (!r.holder) await sleep(delay);
			continue;
		} else busy = {
			holder: r.holder,
			file: at
		};
		const { holder } = busy;
		if (signal?.aborted) throw new InterruptedError(`interrupted while waiting for ${what} (held by pid ${holder.pid})`);
		if (Date.now() >= deadline) throw new BusyError(`${what} is busy: \`${shown(holder.command)}\` (pid ${holder.pid}) has held it since ${shown(holder.since)}; wait for it to finish, or stop that process (lock file ${busy.file})`);
		await sleep(delay * (.5 + Math.random()));
	}
}
function heldLock(file, me) {
	let released = false;
	return { release: () => {
		if (released) return;
		released = true;
		releaseFile(file, me);
	} };
}
/** Remove the lock if it is still ours. Never throws: a release runs in `finally` and must not hide the real error. */
function releaseFile(file, me) {
	try {
		const h = readHolder(file)?.holder;
		if (h && h.pid === me.pid && h.startTime === me.startTime) fs.rmSync(file, { force: true });
	} catch {}
}
/** Run `fn` holding the slot's lock; the lock is released however `fn` ends. */
async function withSlotLock(root, slot, command, waitMs, fn, signal) {
	const lock = await acquireSlotLock(root, slot, command, waitMs, signal);
	try {
		return await fn();
	} finally {
		lock.release();
	}
}
/**
* Remove a stale lock, safely against racing takers. Takeovers are serialized by a mkdir mutex
* (`<lock>.takeover`); under it the file is read again and removed only if it still holds exactly
* the text that was judged stale. Nothing else removes a lock file but its own holder, so a live lock (created with
* O_EXCL only when the file was absent) can never be displaced by a slow taker.
* 'ok': removed, or someone else is at it (try again); otherwise why the folder cannot be written
* (read-only: the caller moves to the fallback).
*/
function takeOverStale(file, staleText, parsed) {
	try {
		if (!parsed && Date.now() - fs.statSync(file).mtimeMs < 2e3) return "ok";
	} catch {
		return "ok";
	}
	const mutex = `${file}.takeover`;
	try {
		fs.mkdirSync(mutex);
	} catch (e) {
		if (e.code !== "EEXIST") return why(e);
		try {
			if (Date.now() - fs.statSync(mutex).mtimeMs > 1e4) fs.rmdirSync(mutex);
		} catch {}
		return "ok";
	}
	try {
		if (!(!parsed && Date.now() - fs.statSync(file).mtimeMs < 2e3) && fs.readFileSync(file, "utf8") === staleText) fs.rmSync(file);
	} catch (e) {
		if (e.code !== "ENOENT") return why(e);
	} finally {
		try {
			fs.rmdirSync(mutex);
		} catch {}
	}
	return "ok";
}
/**
* The lock of a project's shared services on one engine (DESIGN §9): slots of several checkouts
* (worktrees) start at once, and one compose up of `<name>-infra` at a time. Per user, in $TMPDIR.
*/
async function withInfraLock(name, engine, command, waitMs, fn, signal) {
	const uid = typeof process.getuid === "function" ? process.getuid() : "user";
	const lock = await acquireFileLock(path.join(os.tmpdir(), `devslot-locks-${uid}`, `infra-${sha256(`${engine}\0${name}`).slice(0, 16)}-${name}.lock`), `the shared services of ${name}`, command, waitMs, signal);
	try {
		return await fn();
	} finally {
		lock.release();
	}
}
export { lockPath as a, withInfraLock as c, lockFallback as i, withSlotLock as l, acquireSlotLock as n, parseHolder as o, holderAlive as r, processStartTime as s, acquireFileLock as t };
