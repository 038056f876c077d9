// dist/config/suggest.js
/** "did you mean" for unknown keys: the closest candidate within a small edit distance. */
function closest(word, candidates) {
	let best;
	let bestDist = Infinity;
	for (const c of candidates) {
		const d = editDistance(word.toLowerCase(), c.toLowerCase());
		if (d < bestDist) {
			bestDist = d;
			best = c;
		}
	}
	const limit = Math.max(2, Math.floor(word.length / 3));
	return bestDist <= limit ? best : void 0;
}
function editDistance(a, b) {
	const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let diag = prev[0];
		prev[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const up = prev[j];
			prev[j] = Math.min(up + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
			diag = up;
		}
	}
	return prev[b.length];
}
export { closest as t };
