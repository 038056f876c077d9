import fs from "node:fs";
// dist/adapters/tail.js
/**
* The last `n` lines of a file, reading backwards in chunks: PM2 log files grow without bound,
* and reading a whole one to show 20 lines would cost its size in memory and time.
* Also returns the file's size, so a follower can continue from there.
*/
function readTail(file, n) {
	let fd;
	try {
		fd = fs.openSync(file, "r");
	} catch {
		return {
			lines: [],
			size: 0
		};
	}
	try {
		const size = fs.fstatSync(fd).size;
		if (n === 0) return {
			lines: [],
			size
		};
		const chunk = 65536;
		let pos = size;
		let text = "";
		while (pos > 0) {
			const len = Math.min(chunk, pos);
			pos -= len;
			const buf = Buffer.alloc(len);
			fs.readSync(fd, buf, 0, len, pos);
			text = buf.toString("utf8") + text;
			if (n !== void 0 && text.split("\n").length > n + 1) break;
		}
		const lines = text.split("\n");
		if (lines.at(-1) === "") lines.pop();
		if (pos > 0) lines.shift();
		return {
			lines: n === void 0 ? lines : lines.slice(-n),
			size
		};
	} finally {
		fs.closeSync(fd);
	}
}
export { readTail as t };
