// dist/io.js
function paint(io, code, text) {
	if (!io.color) return text;
	const [a, b] = {
		bold: [1, 22],
		dim: [2, 22],
		green: [32, 39],
		red: [31, 39],
		yellow: [33, 39],
		cyan: [36, 39]
	}[code];
	return `\u001b[${a}m${text}\u001b[${b}m`;
}
export { paint as t };
