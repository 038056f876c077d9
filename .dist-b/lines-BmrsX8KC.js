import { StringDecoder } from "node:string_decoder";
// dist/adapters/lines.js
/**
* Hands each complete line of a byte stream to `onLine` as it arrives (without its `\n`, or a `\r`
* before it), and the unterminated rest at `end()`. A character split between two chunks stays
* whole. One splitter for every stream devslot reads line by line: hook steps, container logs, exec.
*/
function lineSplitter(onLine) {
	const decoder = new StringDecoder("utf8");
	let rest = "";
	const take = (text) => {
		const parts = (rest + text).split("\n");
		rest = parts.pop() ?? "";
		for (const p of parts) onLine(p.replace(/\r$/, ""));
	};
	return {
		push: (chunk) => take(decoder.write(chunk)),
		end: () => {
			take(decoder.end());
			if (rest) onLine(rest);
			rest = "";
		}
	};
}
export { lineSplitter as t };
