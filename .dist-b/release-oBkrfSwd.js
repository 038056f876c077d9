import { f as UsageError } from "./errors-CfnyxBL4.js";
import { l as leasesOf, t as readLeases } from "./registry-317Sbg2s.js";
import { n as worktreesOf } from "./resolve-g44Te2FS.js";
import { a as printJson, o as warnOf } from "./context-DABbsf0u.js";
import { t as runOperations } from "./run-ops-B4Cm1-wE.js";
import { r as stopCommand } from "./stop-DfK2lkXp.js";
// dist/commands/release.js
/** Stop every slot this worktree leases (the stop teardown), then end its leases (an end-leases operation). */
async function releaseCommand(ctx) {
	const { config } = ctx;
	const wts = await worktreesOf(config.root);
	if (!wts) throw new UsageError("release ends a worktree's slot leases, and this checkout has none (leases exist in repositories with several git worktrees); use `devslot stop`");
	const mine = leasesOf(readLeases(wts.git.commonDir, config.name, warnOf(ctx)), wts.git.worktree).map((l) => l.slot);
	if (!mine.length) {
		if (ctx.options.json) return printJson(ctx, { released: [] });
		return ctx.io.out("this worktree leases no slot: nothing to release\n");
	}
	for (const slot of mine) await stopCommand({
		...ctx,
		options: {
			...ctx.options,
			json: false,
			quiet: ctx.options.json || ctx.options.quiet
		}
	}, {
		kind: "slot",
		slot,
		source: "lease"
	});
	await runOperations(ctx, [{
		slot: mine[0],
		kind: "end-leases",
		commonDir: wts.git.commonDir,
		name: config.name,
		worktrees: [wts.git.worktree],
		cause: "release gives the slots back"
	}]);
	if (ctx.options.json) return printJson(ctx, { released: mine });
	ctx.io.out(`released slot${mine.length > 1 ? "s" : ""} ${mine.join(", ")}: free for other worktrees\n`);
}
export { releaseCommand };
