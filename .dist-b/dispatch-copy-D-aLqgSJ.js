import { r as onSlotEngine } from "./context-DABbsf0u.js";
import { a as loadConfig } from "./load-CnUK0OiY.js";
import { f as UsageError } from "./errors-CfnyxBL4.js";
// dist/cli/dispatch-copy.js
/** clone, snapshot, restore (DESIGN §13): the config loaded once, then the command. */
async function dispatchCopy(parsed, deps) {
	const config = await loadConfig(deps.cwd, parsed.options.config);
	const ctx = {
		io: deps.io,
		signal: deps.signal,
		cwd: deps.cwd,
		env: deps.env,
		isRoot: deps.isRoot,
		options: parsed.options,
		config,
		...deps.trace ? { trace: deps.trace } : {}
	};
	const copy = await import("./copy-D6c7ysrB.js");
	switch (parsed.what) {
		case "clone": {
			const [from, to] = [onSlotEngine(ctx, parsed.from), onSlotEngine(ctx, parsed.to)];
			if (from.env.DOCKER_HOST !== to.env.DOCKER_HOST) {
				const where = (h) => h ?? "the local engine";
				throw new UsageError(`clone ${parsed.from} ${parsed.to}: slot ${parsed.from} runs on ${where(from.env.DOCKER_HOST)} and slot ${parsed.to} on ${where(to.env.DOCKER_HOST)} (engines: in devslot.yaml); clone copies volumes within one engine: pick a target slot on the same engine`);
			}
			await copy.cloneCommand(from, parsed.from, parsed.to, {
				stop: parsed.stop,
				only: parsed.only
			});
			return;
		}
		case "snapshot":
			await copy.snapshotCommand(onSlotEngine(ctx, parsed.slot), parsed.slot, parsed.name, {
				stop: parsed.stop,
				only: parsed.only
			});
			return;
		case "restore":
			await copy.restoreCommand(onSlotEngine(ctx, parsed.slot), parsed.slot, parsed.name);
			return;
		case "snapshot-ls":
			await copy.snapshotLsCommand(ctx);
			return;
		case "snapshot-rm": return copy.snapshotRmCommand(ctx, parsed.name);
	}
}
export { dispatchCopy };
