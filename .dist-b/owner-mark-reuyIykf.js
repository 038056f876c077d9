// dist/plan/owner-mark.js
const MARK = /^devslot checkout ([0-9a-f-]{8,64}) at (.+)$/s;
/** The mark's text: also what a person reading the comment or key sees. */
function ownerMark(owner) {
	return `devslot checkout ${owner.id} at ${owner.root}`;
}
/**
* The owner a mark names when it is another checkout: another id at another root. The same root
* is this checkout whatever the id (its .identity replaced); no mark, or text that is not a mark,
* is nobody's: the first checkout that ensures the resource takes it (as before marks existed).
*/
function foreignMark(text, me) {
	const m = MARK.exec(text ?? "");
	if (!m || m[1] === me.id || m[2] === me.root) return void 0;
	return {
		id: m[1],
		root: m[2]
	};
}
function markAction(text, me) {
	const owner = foreignMark(text, me);
	if (owner) return {
		kind: "foreign",
		owner
	};
	if (text === ownerMark(me)) return { kind: "keep" };
	return MARK.test(text ?? "") ? { kind: "refresh" } : { kind: "take" };
}
export { markAction as n, ownerMark as r, foreignMark as t };
