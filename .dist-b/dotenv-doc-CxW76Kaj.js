import { r as ConfigError } from "./errors-CfnyxBL4.js";
import dotenv from "dotenv";
// dist/plan/dotenv-doc.js
/**
* A dotenv file kept as text, so edits touch only the values they change: quoting, `export`,
* comments, multi-line values and odd characters elsewhere survive byte for byte. The pattern is
* dotenv's own line pattern (dotenv 16–18 `parse`), with match indices, so what we consider a
* key/value is exactly what dotenv will read back.
*/
const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;
function parseDotenvDoc(source, display) {
	const text = source.replace(/\r\n?/g, "\n");
	const pairs = [];
	let covered = 0;
	const checkGap = (from, to) => {
		const gap = text.slice(from, to);
		let lineNo = lineAt(text, from);
		for (const line of gap.split("\n")) {
			const t = line.trim();
			if (t !== "" && !t.startsWith("#")) throw new ConfigError(`${display}:${lineNo}: not a KEY=VALUE line (starts ${JSON.stringify(truncate(t.split(/[\s=:]/)[0] ?? ""))}); fix it or comment it out with #`);
			lineNo++;
		}
	};
	for (const m of text.matchAll(LINE)) {
		if (m[0] === "") continue;
		checkGap(covered, m.index);
		covered = m.index + m[0].length;
		const span = m.indices?.[2];
		const keyEnd = m.indices[1][1];
		const afterSep = keyEnd + m[0].slice(keyEnd - m.index).search(/[=:]/) + 1;
		const [start, end] = span ?? [afterSep, afterSep];
		pairs.push({
			key: m[1],
			start,
			end,
			line: lineAt(text, m.indices[1][0])
		});
	}
	checkGap(covered, text.length);
	return {
		text,
		pairs
	};
}
function lineAt(text, index) {
	let n = 1;
	for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) n++;
	return n;
}
function truncate(s) {
	return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
/** The value dotenv reads from a raw value token. */
function decodeRaw(raw) {
	return dotenv.parse(`K=${raw}`).K ?? "";
}
/**
* Encode `value` as a raw token that dotenv reads back exactly. Prefers no quotes, then the quote
* the original line used, then whichever quote survives the round trip.
*/
function encodeValue(value, preferQuote, key = "a value") {
	const candidates = [];
	if (/^[^\s'"`#]+$/.test(value)) candidates.push(value);
	for (const q of [
		preferQuote,
		"'",
		"\"",
		"`"
	]) if (q && !value.includes(q)) candidates.push(`${q}${value}${q}`);
	for (const raw of candidates) if (decodeRaw(raw) === value) return raw;
	throw new ConfigError(`cannot write ${key} to an env file: its value holds ', " and \` at once, which no dotenv quoting can carry`);
}
/** Replace raw value spans (by pair index) and append new `KEY=raw` lines. */
function editDotenv(doc, replace, append) {
	let out = "";
	let at = 0;
	doc.pairs.forEach((p, i) => {
		const raw = replace.get(i);
		if (raw === void 0) return;
		const lead = /^\s*/.exec(doc.text.slice(p.start, p.end))[0];
		out += doc.text.slice(at, p.start) + lead + raw;
		at = p.end;
	});
	out += doc.text.slice(at);
	if (append.length) {
		if (out !== "" && !out.endsWith("\n")) out += "\n";
		for (const [k, raw] of append) out += `${k}=${raw}\n`;
	}
	return out;
}
export { parseDotenvDoc as i, editDotenv as n, encodeValue as r, decodeRaw as t };
