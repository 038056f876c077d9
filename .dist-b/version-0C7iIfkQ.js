import fs from "node:fs";
// dist/version.js
let cached;
/** devslot's own version, from its package.json (one folder above scripts/ and dist/). */
function devslotVersion() {
	cached ??= JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
	return cached;
}
export { devslotVersion as t };
