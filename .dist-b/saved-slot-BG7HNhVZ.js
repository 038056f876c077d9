import { c as readInstancesFile, d as setAside } from "./fs-GiFRpoZG.js";
import { r as INSTANCES_DIR, w as instanceDirName } from "./names-B3NKYqMG.js";
import { a as num, c as parseJson, d as str, l as record, o as object, r as int, s as optional, t as array, u as shapeProblem } from "./shape-Cq_h9KeT.js";
import path from "node:path";
// dist/load/saved-slot.js
const savedShape = object({
	slot: int,
	project: str,
	namespace: str,
	root: str,
	ports: record(num),
	portTargets: optional(record(num)),
	health: record(object({})),
	compose: object({
		project: str,
		files: array(str),
		envFiles: array(str),
		profiles: array(str),
		services: array(str)
	}),
	apps: array(object({
		name: str,
		base: str
	}))
});
/** Why a parsed slot.json cannot be used for `slot`, or undefined. Pure. */
function savedSlotProblem(value, slot) {
	const bad = shapeProblem(savedShape, value);
	if (bad) return bad;
	const s = value.slot;
	return s === slot ? void 0 : `slot: ${s}, not ${slot}`;
}
/**
* The slot's slot.json, checked. A bad one (`{}`, `null`, truncated, wrong types) is set aside
* with one line through `warn` (init or start writes it again); without `warn` it is only ignored,
* never moved silently. Never follows a symlink out of `.instances/`.
*/
function readSavedSlot(root, slot, warn) {
	const rel = path.join(INSTANCES_DIR, instanceDirName(slot), "slot.json");
	const read = readInstancesFile(root, rel);
	if (read.problem) {
		warn?.(read.problem);
		return;
	}
	if (read.text === void 0) return void 0;
	const json = parseJson(read.text);
	const problem = json.ok ? savedSlotProblem(json.value, slot) : json.problem;
	if (!problem) return json.value;
	if (warn) {
		const moved = setAside(path.join(root, rel), read.text);
		warn(`${rel}: ${problem}; ${"to" in moved ? `set aside as ${moved.to}` : `ignored (not set aside: ${moved.failed})`}; \`devslot ${slot} init\` writes it again`);
	}
}
export { readSavedSlot as t };
