import { a as loadConfig } from "./load-CnUK0OiY.js";
import { i as planOf, l as checkSlotInRange } from "./context-DABbsf0u.js";
import { s as shiftPort } from "./ports-B0nW58AE.js";
import path from "node:path";
// dist/commands/target.js
/**
* The slot a command runs on: range-checked against the config, and in a repository with several
* worktrees, following this checkout's slots (issues 5 and 15). `--force` takes a slot over from
* another worktree by stopping it there first, through stop's own teardown.
*/
async function resolveSlot(ctx, action, target, spec, now) {
	if (target.kind !== "slot") return target;
	checkSlotInRange(target.slot, ctx.config.slots, path.relative(ctx.cwd, ctx.config.path) || ctx.config.path);
	if (!spec.slot || target.source === "argument" && !spec.acting) return target;
	const { resolveTarget } = await import("./resolve-CHfaosVp.js");
	let planned;
	const { target: resolved, said } = await resolveTarget(ctx.config, action, target, {
		force: ctx.options.force,
		acting: spec.acting,
		leasing: spec.leasing,
		dryRun: ctx.options.dryRun,
		env: ctx.env,
		now,
		portsOf: async (slot) => {
			planned ??= {
				slot,
				ports: (await planOf(ctx, slot, true)).ports
			};
			const { slot: at, ports } = planned;
			return Object.entries(ports).map(([name, port]) => ({
				name,
				port: shiftPort(port, slot - at, ctx.config.stride)
			}));
		},
		takeOver: async (owner) => {
			const { stopCommand } = await import("./stop-BhW-5O2g.js");
			const config = await loadConfig(owner.worktree);
			await stopCommand({
				...ctx,
				cwd: owner.worktree,
				config,
				options: {
					...ctx.options,
					quiet: true,
					json: false,
					dryRun: false,
					config: void 0
				}
			}, {
				kind: "slot",
				slot: owner.slot,
				source: "argument"
			});
		}
	});
	for (const line of said) ctx.io.err(`${line}\n`);
	return resolved;
}
export { resolveSlot };
