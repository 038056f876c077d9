import { r as encodeValue } from "./dotenv-doc-CxW76Kaj.js";
// dist/render/env-format.js
/** A name a POSIX shell can assign; others (dotenv allows `.` and `-`) cannot be exported from sh. */
const SH_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
* One environment as text for `env --format` (DESIGN §10). `sh` is safe to `eval` whatever the
* values: each is single-quoted, a quote inside written as '\'' , so no $, `, \ or newline is ever
* seen by the shell. `dotenv` uses the same encoder as the generated files, so dotenv reads back
* exactly the value (it refuses one holding ', " and ` at once: no dotenv quoting carries that).
*/
function formatEnv(values, format) {
	const entries = Object.entries(values);
	switch (format) {
		case "json": return {
			text: `${JSON.stringify(values, null, 2)}\n`,
			skipped: []
		};
		case "dotenv": return {
			text: entries.map(([k, v]) => `${k}=${encodeValue(v, void 0, k)}\n`).join(""),
			skipped: []
		};
		case "sh": {
			const skipped = entries.filter(([k]) => !SH_NAME.test(k)).map(([k]) => k);
			return {
				text: entries.filter(([k]) => SH_NAME.test(k)).map(([k, v]) => `export ${k}=${shQuote(v)}\n`).join(""),
				skipped
			};
		}
	}
}
function shQuote(value) {
	return `'${value.replace(/'/g, `'\\''`)}'`;
}
export { formatEnv };
