import { s as listInstanceSlots } from "./fs-GiFRpoZG.js";
import { t as gitInfo } from "./git-BFfSLo4K.js";
import { t as BusyError } from "./errors-CfnyxBL4.js";
import { i as containersPublishing, p as listContainers } from "./docker-BMUCdZpG.js";
import { n as findListener, r as isPortFree } from "./ports-C-y6Aq7Y.js";
import { n as listApps } from "./pm2-Cpw2rS9y.js";
import { j as slotOfProject, u as LABEL_ROOT } from "./names-B3NKYqMG.js";
import { a as describeHolder, c as holderRoot, d as withLease, i as decideExplicit, l as leasesOf, n as readRegistry, o as describeRef, r as updateRegistry, s as freeSlots, u as slotsOfCheckout } from "./registry-317Sbg2s.js";
// dist/leases/held-ports.js
/**
* The first of a candidate slot's ports that something already holds, said as "port P (NAME) is
* published by container C" or "… in use by pid N (cmd)"; undefined when all are free. Asked only
* of slots no checkout of this repository holds, so whatever holds a port there is not devslot's
* own (another stack, a local service): an automatic choice passes such a slot by (issue 15).
*/
async function heldPort(env, ports) {
	const seen = /* @__PURE__ */ new Set();
	for (const { name, port } of ports) {
		if (seen.has(port)) continue;
		seen.add(port);
		if (await isPortFree(port)) continue;
		const containers = await containersPublishing(env, port).catch(() => []);
		if (containers.length) {
			const c = containers[0];
			return `port ${port} (${name}) is published by container ${c.name}${c.project ? ` of compose project ${c.project}` : ""}`;
		}
		const listener = findListener(port);
		return `port ${port} (${name}) is in use${listener ? ` by pid ${listener.pid} (${listener.command})` : " by another process"}`;
	}
}
// dist/leases/in-use.js
/**
* A slot started before the repository had several worktrees has no lease, yet it runs: leases
* alone would hand it to a new worktree. So: running containers and apps labelled with a root
* that git lists as a worktree of this repository, and each worktree's `.instances/` folders.
* Without an engine or a PM2 daemon, what they would show is simply not there.
*/
async function slotsInUse(config, git, env) {
	const [containers, procs] = await Promise.all([listContainers(env, [LABEL_ROOT]).catch(() => []), listApps(env).catch(() => [])]);
	const out = {
		elsewhere: /* @__PURE__ */ new Map(),
		here: /* @__PURE__ */ new Set()
	};
	const note = (slot, root) => {
		if (slot === void 0 || slot >= config.slots || !root || !git.worktrees.includes(root)) return;
		if (root === git.worktree) out.here.add(slot);
		else if (!out.elsewhere.has(slot)) out.elsewhere.set(slot, root);
	};
	for (const c of containers) if (c.state === "running" || c.state === "restarting") note(slotOfProject(config.name, c.project), c.root);
	for (const p of procs) if (p.status === "online" || p.status === "launching") note(slotOfProject(config.name, p.namespace), p.env.DEVSLOT_ROOT);
	for (const wt of git.worktrees) if (wt !== git.worktree) for (const slot of listInstanceSlots(wt)) note(slot, wt);
	return out;
}
// dist/leases/resolve.js
/** Leases apply in a repository with more than one worktree; elsewhere devslot works as before. */
async function worktreesOf(root) {
	const git = await gitInfo(root);
	if (!git || git.worktrees.length < 2) return void 0;
	return {
		git,
		isLive: (wt) => git.worktrees.includes(wt)
	};
}
/**
* Issue 15: the slot a command runs on inside a repository with several worktrees.
*
* No slot given: this checkout's first slot (leased, run or initialized here), else the lowest
* slot no checkout holds and whose ports nothing else holds; only `start` and `init` lease it,
* and they say which slot they took and why they passed others by. A slot given to an acting
* command is accepted when it is free or this checkout's; another live checkout's is refused
* (exit 2, naming it) unless `force`, which stops it there first. Read-only commands (info,
* ports, env, status, logs, check) and dry runs never write the registry.
*/
async function resolveTarget(config, action, target, opts) {
	const said = [];
	if (target.kind === "all" || target.source !== "default" && !opts.acting) return {
		target,
		said
	};
	const wts = await worktreesOf(config.root);
	if (!wts) return {
		target,
		said
	};
	const { git, isLive } = wts;
	const warn = (line) => said.push(`devslot: ${line}`);
	const writes = opts.leasing && !opts.dryRun;
	const now = opts.now().toISOString();
	const lease = (slot, old) => ({
		slot,
		worktree: git.worktree,
		branch: git.branch,
		commit: git.commit,
		created: old?.created ?? now,
		used: now
	});
	const folders = new Set(listInstanceSlots(git.worktree));
	const withRegistry = (fn) => writes || opts.acting && opts.force && !opts.dryRun ? updateRegistry(git.commonDir, fn, warn) : fn(readRegistry(git.commonDir, warn));
	const project = (reg) => reg.projects[config.name] ??= [];
	if (target.source === "default") {
		const peek = readRegistry(git.commonDir, () => {}).projects[config.name] ?? [];
		const quick = slotsOfCheckout({
			slots: config.slots,
			here: git.worktree,
			leases: peek,
			isLive,
			runningHere: /* @__PURE__ */ new Set(),
			filesHere: folders,
			usedElsewhere: /* @__PURE__ */ new Map()
		});
		if (quick.length) {
			const slot = quick[0];
			if (writes) await withRegistry(async (reg) => {
				reg.projects[config.name] = withLease(project(reg), lease(slot, leasesOf(project(reg), git.worktree).find((l) => l.slot === slot)));
			});
			return {
				target: {
					kind: "slot",
					slot,
					source: "lease"
				},
				said
			};
		}
	}
	const inUse = await slotsInUse(config, git, opts.env);
	const factsOf = (leases) => ({
		slots: config.slots,
		here: git.worktree,
		leases,
		isLive,
		runningHere: inUse.here,
		filesHere: folders,
		usedElsewhere: inUse.elsewhere
	});
	if (target.source !== "default") {
		const slot = target.slot;
		return withRegistry(async (reg) => {
			const leases = project(reg);
			const decision = decideExplicit(factsOf(leases), slot, opts.force);
			if (decision.kind === "refuse") throw new BusyError(`slot ${slot} is ${describeHolder(decision.holder)}; use this worktree's own slot (no number), or --force to take it over`);
			if (decision.kind === "take-over" && !opts.dryRun) {
				await opts.takeOver({
					worktree: holderRoot(decision.holder),
					slot
				});
				said.push(`took slot ${slot} over from ${holderRoot(decision.holder)}: stopped it there first`);
				reg.projects[config.name] = leases.filter((l) => l.slot !== slot);
			}
			if (writes) reg.projects[config.name] = withLease(project(reg), lease(slot, leasesOf(leases, git.worktree).find((l) => l.slot === slot)));
			return {
				target,
				said
			};
		});
	}
	return withRegistry(async (reg) => {
		const facts = factsOf(project(reg));
		const mine = slotsOfCheckout(facts);
		if (mine.length) {
			if (writes) reg.projects[config.name] = withLease(project(reg), lease(mine[0]));
			return {
				target: {
					kind: "slot",
					slot: mine[0],
					source: "lease"
				},
				said
			};
		}
		const probes = !opts.acting || opts.leasing;
		const { slot, skipped } = await chooseFree(facts, probes ? async (s) => heldPort(opts.env, await opts.portsOf(s)) : void 0);
		const skip = skipped.length ? `; passed by ${skipped.map((s) => `slot ${s.slot} (${s.why})`).join(", ")}` : "";
		if (writes) {
			reg.projects[config.name] = withLease(project(reg), lease(slot));
			said.push(`leased slot ${slot} to this worktree (${describeRef(git)})${skip}`);
		} else said.push(probes ? `this worktree holds no slot: ${action} uses slot ${slot}, the one \`devslot start\` would lease here (nothing is leased now)${skip}` : `this worktree holds no slot: ${action} uses slot ${slot}, the lowest free one (nothing is leased)`);
		return {
			target: {
				kind: "slot",
				slot,
				source: opts.leasing ? "lease" : "default"
			},
			said
		};
	});
}
/**
* The lowest slot no checkout holds whose ports `held` finds free; the slots passed by, with why.
* Without `held` (stop, restart, clean of a checkout that holds nothing) the lowest free slot.
*/
async function chooseFree(facts, held) {
	const skipped = [];
	const free = freeSlots(facts);
	for (const slot of free) {
		const why = held ? await held(slot) : void 0;
		if (!why) return {
			slot,
			skipped
		};
		skipped.push({
			slot,
			why
		});
	}
	const taken = facts.slots - free.length;
	throw new BusyError(skipped.length ? `no slot is free: ${taken} of ${facts.slots} are held by checkouts of this repository, and ${skipped.map((s) => `slot ${s.slot}: ${s.why}`).join("; ")}; free one of those ports, or run \`devslot release\` or \`devslot prune\`` : `every slot (0..${facts.slots - 1}) is held by a checkout of this repository; run \`devslot release\` in one of them, or \`devslot prune\``);
}
export { worktreesOf as n, resolveTarget as t };
