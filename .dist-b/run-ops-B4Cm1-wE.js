import { t as execute } from "./executor-Coso-6ZW.js";
import { t as paint } from "./io-D46OrwhK.js";
import "./print-plans-aYFkpyzp.js";
// dist/render/progress.js
/**
* Per-service progress while `start` runs: redrawn in place on a TTY, one plain line per change
* otherwise (and always on stderr, so stdout stays the summary or JSON).
*/
var Progress = class {
	io;
	live;
	rows = /* @__PURE__ */ new Map();
	drawn = 0;
	constructor(io, live) {
		this.io = io;
		this.live = live;
	}
	/** A line of output (a hook step's) above the live picture, which is drawn again below it. */
	line(text) {
		if (!this.live) return this.io.err(`${text}\n`);
		const up = this.drawn ? `\u001b[${this.drawn}A\u001b[J` : "";
		this.io.err(`${up}${text}\n`);
		this.drawn = 0;
		this.redraw();
	}
	update(name, kind, state, detail = "") {
		const line = `${name.padEnd(18)} ${kind.padEnd(9)} ${this.color(state)}${detail && detail !== state ? ` ${paint(this.io, "dim", `(${detail})`)}` : ""}`;
		if (this.rows.get(name) === line) return;
		this.rows.set(name, line);
		if (this.live) this.redraw();
		else this.io.err(`  ${name}: ${state}${detail && detail !== state ? ` (${detail})` : ""}\n`);
	}
	/** Leave the last picture on screen. */
	finish() {
		if (this.live) this.redraw();
		this.drawn = 0;
	}
	redraw() {
		const up = this.drawn ? `\u001b[${this.drawn}A` : "";
		const body = [...this.rows.values()].map((l) => `\u001b[2K  ${l}\n`).join("");
		this.io.err(up + body);
		this.drawn = this.rows.size;
	}
	color(state) {
		if (state === "healthy" || state === "ready" || state === "done" || state === "online") return paint(this.io, "green", state);
		if (state === "failed" || state === "timeout") return paint(this.io, "red", state);
		return paint(this.io, "yellow", state);
	}
};
// dist/commands/run-ops.js
/** Run operations through the executor with this command's progress, deadline and trace. */
async function runOperations(ctx, ops, opts = {}) {
	const progress = new Progress(ctx.io, !!opts.progress && ctx.io.progressTTY && !ctx.options.quiet && !ctx.options.json);
	try {
		return await execute(ops, {
			env: ctx.env,
			signal: opts.signal ?? ctx.signal,
			deadline: Date.now() + ctx.options.timeout * 1e3,
			timeoutSeconds: ctx.options.timeout,
			progress: opts.progress ? (name, kind, state, detail) => progress.update(name, kind, state, detail) : () => {},
			...ctx.trace ? { trace: ctx.trace } : {},
			...ctx.options.quiet ? {} : { hookOutput: (label, line) => progress.line(`  ${label} │ ${line}`) }
		}, opts.done);
	} finally {
		progress.finish();
	}
}
export { runOperations as t };
