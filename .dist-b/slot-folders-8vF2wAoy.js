import { a as hasOwnFiles, o as instancesPathProblem, s as listInstanceSlots } from "./fs-GiFRpoZG.js";
import { r as INSTANCES_DIR, w as instanceDirName } from "./names-B3NKYqMG.js";
import path from "node:path";
// dist/observe/slot-folders.js
/** Slots with devslot's files under `.instances/` of this root. */
function slotsOnDisk(root) {
	return listInstanceSlots(root);
}
/**
* The slot's folder, relative to the root, when clean has something to do there: it holds files
* devslot wrote, or something is in the way (a symlink, a file for a folder), which the remove
* operation then refuses in one line rather than clean passing it by in silence.
*/
function ownSlotFolder(root, slot) {
	const rel = path.join(INSTANCES_DIR, instanceDirName(slot));
	if (instancesPathProblem(root, rel, "dir")) return rel;
	return hasOwnFiles(path.join(root, rel)) ? rel : void 0;
}
export { slotsOnDisk as n, ownSlotFolder as t };
