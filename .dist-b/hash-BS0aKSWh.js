import fs from "node:fs";
import { createHash } from "node:crypto";
// dist/hash.js
/**
* The one content hash devslot keys its caches with: the config cache, the saved plan and the
* applied mark compare these, so every producer and reader must use this function.
*/
function sha256(data) {
	return createHash("sha256").update(data).digest("hex");
}
/** The file's sha256, or null when it cannot be read (absent). */
function sha256OrNull(abs) {
	try {
		return sha256(fs.readFileSync(abs));
	} catch {
		return null;
	}
}
export { sha256OrNull as n, sha256 as t };
