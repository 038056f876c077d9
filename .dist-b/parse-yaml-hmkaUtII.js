import { r as ConfigError } from "./errors-CfnyxBL4.js";
import { LineCounter, isNode, parseDocument } from "yaml";
/**
* Parse devslot.yaml text. Syntax errors (including duplicate keys, which YAML forbids) and an
* alias bomb become one ConfigError naming the line; the returned `locate` maps key paths to
* lines for the validator. Warnings (an unknown `!tag`) are not printed by Node: the validator
* judges the values.
*/
function parseConfigYaml(text, display) {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, {
		lineCounter,
		uniqueKeys: true,
		prettyErrors: true,
		logLevel: "error"
	});
	const err = doc.errors[0];
	if (err) {
		const line = err.linePos?.[0]?.line;
		const msg = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
		throw new ConfigError(`${display}${line ? `:${line}` : ""}: invalid YAML: ${msg}`);
	}
	const locate = (keyPath) => {
		const node = keyPath.length ? doc.getIn(keyPath, true) : doc.contents;
		if (!isNode(node) || !node.range) return void 0;
		return lineCounter.linePos(node.range[0]).line;
	};
	let data;
	try {
		data = doc.toJS({ maxAliasCount: 100 });
	} catch (e) {
		const msg = e instanceof Error ? e.message : String(e);
		throw new ConfigError(`${display}: invalid YAML: ${/alias/i.test(msg) ? `too many aliases (more than 100 expansions); write the values out` : msg}`);
	}
	return {
		data,
		locate
	};
}
export { parseConfigYaml };
