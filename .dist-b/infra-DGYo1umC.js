import { f as UsageError, r as ConfigError, u as RuntimeError } from "./errors-CfnyxBL4.js";
import { t as composeCommand } from "./compose-cli-DqdXkSMV.js";
import { C as infraProject } from "./names-B3NKYqMG.js";
import { n as observeInfraUse } from "./infra-DOUGETG9.js";
import { t as printPlans } from "./print-plans-aYFkpyzp.js";
import { a as infraDownOp } from "./infra-ops-Dq1y8K3j.js";
import { a as printJson } from "./context-DABbsf0u.js";
import { t as runOperations } from "./run-ops-B4Cm1-wE.js";
// dist/commands/infra.js
/**
* `devslot infra [status|stop|clean]` (DESIGN §9). stop and clean act only when no slot of any
* checkout of the project uses the shared services; clean also removes their volumes, which hold
* every slot's data, so it is confirmed (a prompt, or --yes).
*/
async function infraCommand(ctx, what, confirm) {
	const { name } = ctx.config;
	const project = infraProject(name);
	if (!ctx.config.shared.services.length) throw new ConfigError(`${name} has no shared services (shared.services in devslot.yaml)`);
	const { infra, users } = await observeInfraUse(ctx.env, name);
	if (what === "status") {
		const { infraStatus, printInfra } = await import("./status-DVGQC6ja.js");
		const status = await infraStatus(ctx);
		return ctx.options.json ? printJson(ctx, status) : printInfra(ctx, status);
	}
	if (users.length) throw new RuntimeError(`the shared services (${project}) are still used by ${users.join(", ")}; stop those slots first (\`devslot stop all\` in each checkout)`);
	if (what === "clean" && !ctx.options.yes && !ctx.options.dryRun) {
		if (!ctx.io.interactive) throw new UsageError(`infra clean removes ${project}'s containers and volumes (every slot's databases); add --yes to confirm`);
		if (!await confirm(`Remove ${project}: its containers and volumes (every slot's databases)? [y/N] `)) return;
	}
	const base = infraDownOp(name, project, await composeCommand(ctx.env), what === "clean" ? "infra clean: the shared services and their volumes" : "infra stop: the shared services (volumes stay)");
	const op = what === "clean" && base.kind === "infra-down" ? {
		...base,
		argv: [...base.argv, "--volumes"]
	} : base;
	if (ctx.options.dryRun) return printPlans(ctx, `infra ${what}`, [{ operations: [op] }]);
	await runOperations(ctx, [op]);
	if (ctx.options.json) return printJson(ctx, {
		project,
		[what === "clean" ? "cleaned" : "stopped"]: infra.length
	});
	ctx.io.out(`${what === "clean" ? "removed" : "stopped"} the shared services (${project})${what === "clean" ? " and their volumes" : ""}\n`);
}
export { infraCommand };
