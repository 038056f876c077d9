import { p as listContainers } from "./docker-BMUCdZpG.js";
import { n as listApps } from "./pm2-Cpw2rS9y.js";
import { C as infraProject, O as projectFilter, l as LABEL_PROJECT } from "./names-B3NKYqMG.js";
// dist/observe/infra.js
/**
* Who still uses a project's shared services on this engine and PM2 daemon (DESIGN §9): a running
* container or an online app of any slot `<name>-dev-N`, of any checkout — worktrees share one
* infra. Also the infra's own containers.
*/
async function observeInfraUse(env, name) {
	const slotProject = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-dev-(\\d+)$`);
	const [infra, all, apps] = await Promise.all([
		listContainers(env, [projectFilter(infraProject(name))]),
		listContainers(env, [LABEL_PROJECT]),
		listApps(env)
	]);
	const users = /* @__PURE__ */ new Set();
	for (const c of all) {
		const m = slotProject.exec(c.project);
		if (m && c.state === "running") users.add(`slot ${m[1]}${c.root ? ` of ${c.root}` : ""}`);
	}
	for (const a of apps) {
		const m = slotProject.exec(a.namespace);
		if (m && a.status === "online") users.add(`slot ${m[1]}${a.env["DEVSLOT_ROOT"] ? ` of ${a.env["DEVSLOT_ROOT"]}` : ""}`);
	}
	return {
		infra,
		users: [...users].sort()
	};
}
/** The containers of a project's infra (its shared services), as start and clean judge them. */
function observeInfraContainers(env, project) {
	return listContainers(env, [projectFilter(project)]);
}
export { observeInfraUse as n, observeInfraContainers as t };
