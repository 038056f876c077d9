// dist/cli/dispatch-tools.js
/** adopt, integrate, completion: commands that need no devslot.yaml (adopt writes it). */
async function dispatchTool(parsed, deps) {
	const ctx = {
		io: deps.io,
		signal: deps.signal,
		cwd: deps.cwd,
		env: deps.env,
		isRoot: deps.isRoot,
		options: parsed.options,
		...deps.trace ? { trace: deps.trace } : {}
	};
	switch (parsed.tool) {
		case "adopt": return (await import("./adopt-DiFzCFG3.js")).adoptCommand(ctx);
		case "integrate": return (await import("./integrate-DFkigcM2.js")).integrateCommand(ctx, parsed.runner, parsed.write);
		case "completion":
			deps.io.out((await import("./complete-B9zf4xkv.js")).COMPLETION_SCRIPTS[parsed.shell]);
			return;
		case "__complete": {
			const { projectLookup } = await import("./completion-DJIAj9ye.js");
			const found = (await import("./complete-B9zf4xkv.js")).completeWords(parsed.cword, parsed.words, projectLookup(ctx));
			if (found.length) deps.io.out(`${found.join("\n")}\n`);
			return;
		}
	}
}
export { dispatchTool };
