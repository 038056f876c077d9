import { r as containerLogs$1 } from "./docker-BMUCdZpG.js";
import { r as observe } from "./observe-UMfz03SM.js";
import { t as readTail } from "./tail-DkH4tc0A.js";
import { t as appBase } from "./services-view-Cd6VCJzN.js";
import { f as UsageError, s as InterruptedError } from "./errors-CfnyxBL4.js";
import { r as onSlotEngine, t as enginesOf } from "./context-DABbsf0u.js";
import fs from "node:fs";
// dist/observe/logs.js
function containerLogs(env, id, opts, onLine) {
	return containerLogs$1(env, id, opts, onLine);
}
/**
* What a log file gained since `from` (bytes), up to its last complete line; a file that shrank
* (rotated, truncated) is read from its start. Returns the text and the new offset.
*/
function readGrowth(file, from) {
	let size;
	try {
		size = fs.statSync(file).size;
	} catch {
		return;
	}
	const start = size < from ? 0 : from;
	if (size <= start) return start === from ? void 0 : {
		text: "",
		offset: start
	};
	const fd = fs.openSync(file, "r");
	try {
		const buf = Buffer.alloc(size - start);
		fs.readSync(fd, buf, 0, buf.length, start);
		const text = buf.toString("utf8");
		const complete = text.slice(0, text.lastIndexOf("\n") + 1);
		return {
			text: complete,
			offset: start + Buffer.byteLength(complete)
		};
	} finally {
		fs.closeSync(fd);
	}
}
// dist/render/log-merge.js
/** PM2 lines carry `log_date_format` (ISO) then ": " (see pm2-apply.ts); others get `fallback`. */
const PM2_STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})): (.*)$/;
function parsePm2Line(line, fallback) {
	const m = PM2_STAMP.exec(line);
	if (m) {
		const t = Date.parse(m[1]);
		if (!Number.isNaN(t)) return {
			time: t,
			text: m[2]
		};
	}
	return {
		time: fallback,
		text: line
	};
}
/** The lines of a text, without the empty one after its last newline. */
function lastLines(text) {
	const lines = text.split("\n");
	if (lines.at(-1) === "") lines.pop();
	return lines;
}
/** Stable merge by time: lines with equal times keep their source order. */
function mergeByTime(entries) {
	return entries.map((e, i) => ({
		e,
		i
	})).sort((a, b) => a.e.time - b.e.time || a.i - b.i).map((x) => x.e);
}
function formatEntry(e, width) {
	return `${e.prefix.padEnd(width)} | ${e.text}`;
}
/**
* Container and PM2 logs of a slot (or all), merged in time order and prefixed `service |`
* (`N:service |` with all). Follows by default; Ctrl-C ends it cleanly.
*/
async function logsCommand(ctx, target) {
	const { signal } = ctx;
	const { config } = ctx;
	const states = await observe(config, enginesOf(ctx), { docker: true });
	const slots = target.kind === "all" ? [...states.keys()].sort((a, b) => a - b) : [target.slot];
	const wanted = new Set(ctx.options.service);
	const sources = [];
	const seen = /* @__PURE__ */ new Set();
	for (const slot of slots) {
		const state = states.get(slot);
		if (!state) continue;
		const pre = (name) => target.kind === "all" ? `${slot}:${name}` : name;
		for (const c of state.containers) {
			seen.add(c.service);
			if (wanted.size && !wanted.has(c.service)) continue;
			sources.push({
				prefix: pre(state.containers.filter((x) => x.service === c.service).length > 1 ? c.name : c.service),
				kind: "container",
				containerId: c.id,
				env: onSlotEngine(ctx, slot).env
			});
		}
		for (const a of state.apps) {
			const base = appBase(a.name);
			seen.add(base);
			if (wanted.size && !wanted.has(base) && !wanted.has(a.name)) continue;
			sources.push({
				prefix: pre(base),
				kind: "process",
				files: [a.outLog, a.errLog].filter((f) => !!f)
			});
		}
	}
	for (const w of wanted) if (!seen.has(w)) throw new UsageError(`--service ${w}: no such service running in ${target.kind === "all" ? "any slot" : `slot ${target.slot}`}; running: ${[...seen].join(", ") || "none"}`);
	if (!sources.length) {
		ctx.io.err(`nothing to show: ${target.kind === "all" ? "no slot of this project is running" : `slot ${target.slot} is not running`}\n`);
		return;
	}
	const width = Math.max(...sources.map((s) => s.prefix.length));
	const lines = ctx.options.lines ?? 50;
	const now = Date.now();
	const backlog = [];
	const offsets = /* @__PURE__ */ new Map();
	const ends = /* @__PURE__ */ new Map();
	for (const s of sources) {
		if (s.containerId) {
			const end = {
				time: lines === 0 ? now : 0,
				shown: []
			};
			await containerLogs(s.env ?? ctx.env, s.containerId, {
				follow: false,
				tail: lines
			}, (l) => {
				backlog.push({
					time: l.time,
					prefix: s.prefix,
					text: l.text
				});
				if (l.time > end.time) Object.assign(end, {
					time: l.time,
					shown: []
				});
				if (l.time === end.time) end.shown.push(l.text);
			});
			ends.set(s, end);
		}
		for (const file of s.files ?? []) {
			const tail = readTail(file, lines);
			offsets.set(file, tail.size);
			for (const line of tail.lines) backlog.push({
				prefix: s.prefix,
				...parsePm2Line(line, now)
			});
		}
	}
	for (const e of mergeByTime(backlog)) ctx.io.out(`${formatEntry(e, width)}\n`);
	if (!ctx.options.follow) return;
	const stops = [];
	for (const s of sources) {
		if (!s.containerId) continue;
		const end = ends.get(s);
		const f = await containerLogs(s.env ?? ctx.env, s.containerId, {
			follow: true,
			since: Math.floor(end.time / 1e3)
		}, (l) => {
			if (!isNewLine(end, l)) return;
			ctx.io.out(`${formatEntry({
				time: l.time,
				prefix: s.prefix,
				text: l.text
			}, width)}\n`);
		});
		stops.push(f.stop);
	}
	const timer = setInterval(() => {
		for (const s of sources) for (const file of s.files ?? []) {
			const grown = readGrowth(file, offsets.get(file) ?? 0);
			if (!grown) continue;
			offsets.set(file, grown.offset);
			for (const line of lastLines(grown.text)) ctx.io.out(`${formatEntry({
				prefix: s.prefix,
				...parsePm2Line(line, Date.now())
			}, width)}\n`);
		}
	}, 250);
	const closed = ctx.io.outputClosed;
	await new Promise((resolve) => {
		if (signal.aborted || closed?.aborted) resolve();
		signal.addEventListener("abort", () => resolve(), { once: true });
		closed?.addEventListener("abort", () => resolve(), { once: true });
	});
	clearInterval(timer);
	for (const stop of stops) stop();
	if (!signal.aborted) return;
	throw new InterruptedError("stopped following logs");
}
/**
* Whether a streamed line comes after the backlog that ended at `end` (the backlog's last time,
* and the texts shown at exactly that time). Each shown text is skipped once.
*/
function isNewLine(end, line) {
	if (line.time < end.time) return false;
	if (line.time === end.time) {
		const i = end.shown.indexOf(line.text);
		if (i >= 0) {
			end.shown.splice(i, 1);
			return false;
		}
	}
	return true;
}
export { logsCommand };
