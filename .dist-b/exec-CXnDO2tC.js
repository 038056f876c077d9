import { n as runForeground } from "./process-BwP0Ys-i.js";
import { f as UsageError, n as ChildExitError, u as RuntimeError } from "./errors-CfnyxBL4.js";
import { i as planOf } from "./context-DABbsf0u.js";
import { r as slotEnv, t as childEnv } from "./slot-env-BMCj9FTv.js";
// dist/apply/exec.js
/**
* Run argv in the foreground with `env` as its whole environment (exec, shell). Returns when it
* ends with 0; otherwise its code becomes devslot's (ChildExitError). A command that cannot start
* is the user's input: one line, exit 1.
*/
async function runInSlot(argv, opts) {
	const [cmd, ...args] = argv;
	if (cmd === void 0 || cmd === "") throw new UsageError("exec needs a command after --: devslot N exec [--app NAME] -- CMD ARGS…");
	let code;
	try {
		({code} = await runForeground(cmd, args, opts));
	} catch (e) {
		const err = e;
		if (err.code === "ENOENT") throw new UsageError(`cannot run ${JSON.stringify(cmd)}: no such command${cmd.includes("/") ? "" : " on PATH"}`);
		if (err.code === "EACCES") throw new UsageError(`cannot run ${JSON.stringify(cmd)}: not executable (permission denied)`);
		throw new RuntimeError(`cannot run ${JSON.stringify(cmd)}: ${err.message}`);
	}
	if (code !== 0) throw new ChildExitError(code);
}
// dist/commands/exec.js
/**
* `devslot N exec [--app NAME] -- CMD ARGS…` (DESIGN §10): CMD in the project root with slot N's
* environment, real values (the child needs the secret, not its mask). Read-only: it runs from the
* saved plan when that still holds, and starts nothing.
*/
async function execCommand(ctx, slot) {
	const plan = await planOf(ctx, slot, true);
	const env = childEnv(ctx.env, slotEnv(plan, ctx.options.app));
	try {
		await runInSlot(ctx.options.command, {
			cwd: plan.root,
			env
		});
	} catch (e) {
		throw appMeant(e, ctx.options.command, plan.apps.map((a) => a.base), slot, ctx.options.app);
	}
}
/**
* `devslot 1 exec api -- env` reads naturally as "in api's environment", but runs a command named
* `api`: when that is not on PATH and names an app of the slot, the line says how to ask for it.
*/
function appMeant(e, command, apps, slot, app) {
	const [cmd, ...rest] = command;
	if (app !== void 0 || !(e instanceof UsageError) || !e.message.startsWith("cannot run") || cmd === void 0 || !apps.includes(cmd)) return e;
	const tail = rest[0] === "--" ? rest.slice(1) : rest;
	const usage = `devslot ${slot} exec --app ${cmd} -- ${tail.length ? tail.join(" ") : "CMD ARGS…"}`;
	return new UsageError(`${e.message}; ${cmd} is an app of slot ${slot}: to run a command in its environment, \`${usage}\``);
}
/** `devslot N shell [-- ARGS…]`: the user's $SHELL (else /bin/sh) the same way as exec. */
async function shellCommand(ctx, slot) {
	const plan = await planOf(ctx, slot, true);
	const env = childEnv(ctx.env, slotEnv(plan, ctx.options.app));
	await runInSlot([ctx.env.SHELL || "/bin/sh", ...ctx.options.command], {
		cwd: plan.root,
		env
	});
}
export { execCommand, shellCommand };
