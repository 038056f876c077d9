import { r as INSTANCES_DIR } from "./names-B3NKYqMG.js";
import { c as readInstancesFile, f as writeAtomic, n as ensureIgnored, t as checkInstancesPath } from "./fs-GiFRpoZG.js";
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
// dist/adapters/identity.js
const IDENTITY_FILE = ".identity";
/**
* This checkout's identity (issue 11): a random id kept in `.instances/.identity` with the root it
* was made for. A copied folder carries the file along, so an id recorded for another path is not
* ours: a new one is made. `create` false (dry runs, stop): nothing is written, and a missing or
* foreign file gives an id nothing holds.
*/
function checkoutIdentity(root, create) {
	const rel = path.join(INSTANCES_DIR, IDENTITY_FILE);
	let saved;
	const text = readInstancesFile(root, rel).text;
	try {
		saved = JSON.parse(text ?? "null");
	} catch {
		saved = {};
	}
	if (text !== void 0 && (saved === null || typeof saved !== "object")) saved = {};
	if (saved && typeof saved.id === "string" && /^[0-9a-f-]{8,64}$/.test(saved.id) && saved.root === root) return {
		root,
		id: saved.id
	};
	const id = randomUUID();
	if (!create) return {
		root,
		id
	};
	ensureIgnored(root);
	const file = checkInstancesPath(root, rel, "file");
	if (saved !== void 0 && saved !== null) {
		writeAtomic(file, `${JSON.stringify({
			id,
			root
		})}\n`, 420, rel);
		return {
			root,
			id
		};
	}
	const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
	writeAtomic(tmp, `${JSON.stringify({
		id,
		root
	})}\n`, 420, rel);
	try {
		fs.linkSync(tmp, file);
	} catch (e) {
		if (e.code !== "EEXIST") throw e;
		return checkoutIdentity(root, false);
	} finally {
		fs.rmSync(tmp, { force: true });
	}
	return {
		root,
		id
	};
}
export { checkoutIdentity as t };
