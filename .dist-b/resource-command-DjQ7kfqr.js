import { l as ResourceError } from "./errors-CfnyxBL4.js";
import { t as run } from "./process-BwP0Ys-i.js";
// dist/adapters/resource-command.js
const DEFAULT_TIMEOUT_MS = 6e4;
/** `exists` exits 0 when the object exists and non-zero when it does not. */
async function commandResourceExists(target, argv) {
	return (await runStep(target, "exists", argv)).code === 0;
}
/** Run `create` or `drop`; a non-zero exit is a ResourceError with the command's last output line. */
async function runCommandResource(target, step, argv) {
	const r = await runStep(target, step, argv);
	if (r.code !== 0) {
		const last = `${r.stderr}\n${r.stdout}`.split("\n").map((l) => l.trim()).filter(Boolean).pop();
		throw new ResourceError(`resources.${target.resource}.command.${step}: \`${argv[0]}\` exited with code ${r.code}${last ? `: ${last}` : ""}`);
	}
}
async function runStep(target, step, argv) {
	const [cmd, ...args] = argv;
	if (cmd === void 0 || cmd === "") throw new ResourceError(`resources.${target.resource}.command.${step}: the argv list is empty`);
	const timeout = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	let r;
	try {
		r = await run(cmd, args, {
			cwd: target.cwd,
			env: target.env,
			timeoutMs: timeout
		});
	} catch (e) {
		const code = e.code;
		throw new ResourceError(`resources.${target.resource}.command.${step}: cannot run \`${cmd}\` (${code ?? String(e)}); is it installed and on PATH?`);
	}
	if (r.timedOut) throw new ResourceError(`resources.${target.resource}.command.${step}: \`${cmd}\` did not finish within ${timeout / 1e3}s and was killed`);
	return r;
}
export { commandResourceExists, runCommandResource };
