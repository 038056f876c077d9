// dist/plan/shape.js
const is = (test, what) => (v, at) => test(v) ? void 0 : v === void 0 ? `${at}: missing` : `${at}: not ${what}`;
const str = is((v) => typeof v === "string", "a string");
const bool = is((v) => typeof v === "boolean", "true or false");
const num = is((v) => typeof v === "number" && Number.isFinite(v), "a number");
const int = is((v) => Number.isSafeInteger(v) && v >= 0, "a whole number");
const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function optional(check) {
	return (v, at) => v === void 0 ? void 0 : check(v, at);
}
function nullable(check) {
	return (v, at) => v === null ? void 0 : check(v, at);
}
function array(of) {
	return (v, at) => {
		if (!Array.isArray(v)) return v === void 0 ? `${at}: missing` : `${at}: not a list`;
		for (const [i, x] of v.entries()) {
			const bad = of(x, `${at}[${i}]`);
			if (bad) return bad;
		}
	};
}
/** An object used as a map: every value passes `of`. */
function record(of) {
	return (v, at) => {
		if (!isObject(v)) return v === void 0 ? `${at}: missing` : `${at}: not an object`;
		for (const [k, x] of Object.entries(v)) {
			const bad = of(x, `${at}.${k}`);
			if (bad) return bad;
		}
	};
}
/** An object with these fields (others are allowed: a newer writer may add some). */
function object(fields) {
	return (v, at) => {
		if (!isObject(v)) return v === void 0 ? `${at}: missing` : `${at}: not an object`;
		for (const [k, check] of Object.entries(fields)) {
			const bad = check(v[k], `${at}.${k}`);
			if (bad) return bad;
		}
	};
}
/** JSON text → value, or why not (a truncated file is the usual cause). */
function parseJson(text) {
	try {
		return {
			ok: true,
			value: JSON.parse(text)
		};
	} catch {
		return {
			ok: false,
			problem: text.trim() ? "not valid JSON (truncated?)" : "empty"
		};
	}
}
/** Check a whole value: undefined when it fits, else `not an object` or `compose.files: not a list`. */
function shapeProblem(check, value) {
	return check(value, "")?.replace(/^: /, "").replace(/^\./, "");
}
export { num as a, parseJson as c, str as d, nullable as i, record as l, bool as n, object as o, int as r, optional as s, array as t, shapeProblem as u };
