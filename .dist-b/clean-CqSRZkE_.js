import { f as UsageError } from "./errors-CfnyxBL4.js";
import { r as stopCommand } from "./stop-DfK2lkXp.js";
// dist/commands/clean.js
/** stop, then remove volumes and `.instances/instance-N/`; asks on a TTY, needs --yes otherwise (not for a dry run). */
async function cleanCommand(ctx, target, confirm) {
	const what = target.kind === "all" ? "every slot of this project" : `slot ${target.slot}`;
	if (!ctx.options.yes && !ctx.options.dryRun) {
		if (!ctx.io.interactive) throw new UsageError(`clean removes ${what}'s containers, volumes (their data) and files; add --yes to confirm`);
		if (!await confirm(`Remove ${what}: containers, volumes (their data) and .instances files? [y/N] `)) {
			ctx.io.err("nothing removed\n");
			return;
		}
	}
	await stopCommand(ctx, target, {
		volumes: true,
		removeFiles: true
	});
}
export { cleanCommand };
