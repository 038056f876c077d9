import { s as InterruptedError } from "./errors-CfnyxBL4.js";
// dist/adapters/interrupt.js
/**
* The command's first Ctrl-C or SIGTERM, for the engine calls, which take no signal parameter: a
* call under way when it comes ends at once instead of holding the interrupt for its whole bound
* (15 s on a frozen engine). Calls begun after it run as usual: the undo that follows needs them.
*/
let current;
function setCommandInterrupt(signal) {
	current = signal;
}
function endsOnInterrupt(work, what) {
	const s = current;
	if (!s || s.aborted) return work;
	return new Promise((resolve, reject) => {
		const onAbort = () => reject(new InterruptedError(`interrupted while waiting for the engine to ${what}`));
		s.addEventListener("abort", onAbort, { once: true });
		work.then((v) => {
			s.removeEventListener("abort", onAbort);
			resolve(v);
		}, (e) => {
			s.removeEventListener("abort", onAbort);
			reject(e);
		});
	});
}
export { setCommandInterrupt as n, endsOnInterrupt as t };
