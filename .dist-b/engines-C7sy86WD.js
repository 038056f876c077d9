// dist/config/engines.js
/** `2` or `2-5`; leading zeros as on the command line (DESIGN §2). */
const RANGE_RE = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/;
/** The docker CLI's rule for context names. */
const CONTEXT_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]*$/;
const HOST_RE = /^(unix|tcp|ssh|npipe|fd):\/\/\S+$/;
/** The `engines` mapping, checked: ranges well formed, inside 0..slots-1, not overlapping. */
function parseEngines(c, raw, slots) {
	if (raw === void 0 || raw === null) return [];
	const map = c.map(raw, ["engines"]);
	const out = [];
	for (const [key, value] of Object.entries(map)) {
		const at = ["engines", key];
		const m = RANGE_RE.exec(key);
		if (!m) c.fail(at, `expected a slot or a range of slots as the key (e.g. "2" or "2-5"), got ${JSON.stringify(key)}`);
		const from = Number(m[1]);
		const to = m[2] === void 0 ? from : Number(m[2]);
		if (to < from) c.fail(at, `the range ${key} runs backwards; write it low-high (e.g. "${to}-${from}")`);
		if (to >= slots) c.fail(at, `slot ${to} is outside the slots of this file (0..${slots - 1}); raise \`slots\` or narrow the range`);
		const engine = c.string(value, at).trim();
		if (engine.includes("://") ? !HOST_RE.test(engine) : !CONTEXT_RE.test(engine)) c.fail(at, `expected a DOCKER_HOST value (ssh://user@host, tcp://host:2376, unix:///path) or a Docker context name, got ${JSON.stringify(engine)}`);
		const clash = out.find((r) => from <= r.to && r.from <= to);
		if (clash) c.fail(at, `slots ${key} overlap "${clash.key}" (both name slot ${Math.max(from, clash.from)}); give each slot one engine`);
		out.push({
			key,
			from,
			to,
			engine
		});
	}
	return out.sort((a, b) => a.from - b.from).map(({ from, to, engine }) => ({
		from,
		to,
		engine
	}));
}
/** The engine a slot names, or undefined: the default engine. */
function engineOfSlot(engines, slot) {
	const e = engines?.find((r) => slot >= r.from && slot <= r.to)?.engine;
	return e === "default" ? void 0 : e;
}
/** Whether an engine string is a DOCKER_HOST value (else a Docker context name). */
function isHostValue(engine) {
	return engine.includes("://");
}
export { isHostValue as n, parseEngines as r, engineOfSlot as t };
