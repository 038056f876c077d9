#!/usr/bin/env node
// dist/cli.js
/** The bin: the only place that reads process.argv and sets the exit code. */
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
	const { devslotVersion } = await import("./version-t4CBorDN.js");
	process.stdout.write(`${devslotVersion()}\n`);
	process.exit(0);
}
const { main } = await import("./main-DHJQ8VIX.js");
const { setCommandInterrupt } = await import("./interrupt-DeeGxb_W.js");
const outputGone = new AbortController();
process.stdout.on("error", (e) => {
	if (e.code !== "EPIPE") throw e;
	outputGone.abort();
});
const io = {
	out: (t) => {
		if (!outputGone.signal.aborted) process.stdout.write(t);
	},
	outputClosed: outputGone.signal,
	err: (t) => process.stderr.write(t),
	progressTTY: !!process.stderr.isTTY,
	interactive: !!process.stdin.isTTY && !!process.stderr.isTTY,
	color: !!process.stdout.isTTY && !process.env.NO_COLOR
};
const controller = new AbortController();
setCommandInterrupt(controller.signal);
for (const [name, code] of [["SIGINT", 130], ["SIGTERM", 143]]) process.on(name, () => {
	if (controller.signal.aborted) process.exit(code);
	controller.abort(name);
});
/** Ask on the terminal; end of input (or Ctrl-C) counts as "no". */
async function confirm(question) {
	const { createInterface } = await import("node:readline");
	const rl = createInterface({
		input: process.stdin,
		output: process.stderr
	});
	return new Promise((resolve) => {
		let answered = false;
		rl.on("close", () => {
			if (!answered) resolve(false);
		});
		rl.question(question, (answer) => {
			answered = true;
			rl.close();
			resolve(/^y(es)?$/i.test(answer.trim()));
		});
	});
}
const code = await main(argv, {
	io,
	cwd: process.cwd(),
	env: process.env,
	isRoot: typeof process.getuid === "function" && process.getuid() === 0,
	signal: controller.signal,
	confirm
});
process.exitCode = code;
if (controller.signal.aborted) process.exit(code);
export {};
