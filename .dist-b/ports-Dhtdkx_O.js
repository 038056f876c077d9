import { A as shellPortName } from "./names-B3NKYqMG.js";
import { a as printJson, i as planOf } from "./context-DABbsf0u.js";
// dist/commands/ports.js
/**
* `NAME=PORT` lines with shell-safe names, so `eval "$(devslot 2 ports)"` works and cannot set
* PATH, HOME or a name that is not a variable (see shellPortName).
*/
async function portsCommand(ctx, slot) {
	const plan = await planOf(ctx, slot, true);
	if (ctx.options.json) return printJson(ctx, plan.ports);
	ctx.io.out(Object.entries(plan.ports).map(([n, p]) => `${shellPortName(n)}=${p}\n`).join(""));
}
export { portsCommand };
