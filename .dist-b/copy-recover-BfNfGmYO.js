import { n as COPY_RECORDS_DIR, r as INSTANCES_DIR } from "./names-B3NKYqMG.js";
import { o as warnOf } from "./context-DABbsf0u.js";
import fs from "node:fs";
import path from "node:path";
// dist/commands/copy-recover.js
/**
* A devslot killed during a clone or snapshot (SIGKILL runs no finally) leaves its source paused
* and a partial target: the next command of this checkout, whatever it is, undoes that first. One
* stat when there is nothing to undo; the engine is only asked when a record is there.
*/
async function recoverInterruptedCopies(ctx) {
	const dir = path.join(ctx.config.root, INSTANCES_DIR, COPY_RECORDS_DIR);
	let names;
	try {
		names = fs.readdirSync(dir).filter((n) => n.endsWith(".json"));
	} catch {
		return;
	}
	if (!names.length) return;
	const { recoverCopies } = await import("./copy-QtSvfr0O.js");
	try {
		for (const line of await recoverCopies(ctx.config.root, ctx.env)) warnOf(ctx)(line);
	} catch (e) {
		warnOf(ctx)(`could not undo an interrupted copy yet (${e.message}); the next command tries again`);
	}
}
export { recoverInterruptedCopies };
