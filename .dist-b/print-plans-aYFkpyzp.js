import { r as INSTANCES_DIR } from "./names-B3NKYqMG.js";
import { i as maskValue, n as maskEnv, r as maskKnown, t as MASK } from "./secrets-Bmi2-sd4.js";
import { d as StateError } from "./errors-CfnyxBL4.js";
import { a as printJson } from "./context-DABbsf0u.js";
// dist/plan/resource-ops.js
/** Pure: the ensure operations of a start, one per resource of the plan, before any app starts. */
function ensureResourceOps(slot, resources, cwd) {
	return Object.values(resources).map((resource) => ({
		slot,
		kind: "ensure-resource",
		resource,
		cwd,
		cause: `resources.${resource.name}: made if missing, before the slot's apps start (idempotent)`
	}));
}
/**
* Databases and roles no slot owns: Postgres's own, and the ones the admin connection logs in with.
* clean takes what to drop from resources.json, a file on disk: a damaged or hand-edited record
* naming one of these must never reach DROP DATABASE … WITH (FORCE) / DROP ROLE.
*/
function refuseUnowned(slot, r) {
	if (r.kind !== "postgres") return;
	let adminUser = "";
	let adminDb = "";
	try {
		const u = new URL(r.admin);
		adminUser = decodeURIComponent(u.username);
		adminDb = decodeURIComponent(u.pathname.replace(/^\//, ""));
	} catch {}
	const databases = /* @__PURE__ */ new Set([
		"postgres",
		"template0",
		"template1",
		adminDb || "postgres"
	]);
	const roles = /* @__PURE__ */ new Set(["postgres", adminUser || "postgres"]);
	const hit = [databases.has(r.database) ? `database ${r.database}` : "", roles.has(r.user) ? `role ${r.user}` : ""].filter(Boolean);
	if (hit.length) throw new StateError(`resources.${r.name} of slot ${slot} names ${hit.join(" and ")}, which belong to the server or its admin connection, not to the slot; left them alone: fix or remove .instances/instance-${slot}/resources.json (its record of what the slot's start made) and run clean again`);
}
/** Pure: clean's drop operations, for exactly the resources recorded for this slot. */
function dropResourceOps(slot, resources, cwd) {
	for (const r of resources) refuseUnowned(slot, r);
	return resources.map((resource) => ({
		slot,
		kind: "drop-resource",
		resource,
		cwd,
		cause: `resources.${resource.name} of slot ${slot} (clean drops exactly this slot's resources)`
	}));
}
/** One line for --dry-run and the trace, credentials masked. */
function describeResource(verb, r) {
	switch (r.kind) {
		case "postgres": return verb === "ensure" ? `ensure postgres database ${r.database} owned by role ${r.user} on ${on(r.admin)} (resources.${r.name})` : `drop postgres database ${r.database} WITH (FORCE) and role ${r.user} on ${on(r.admin)} (resources.${r.name})`;
		case "redis": return verb === "ensure" ? `check redis DB ${r.index} exists and mark it as this checkout's (SET devslot:owner NX; refused if another checkout's) on ${on(r.baseUrl)} (resources.${r.name})` : `redis FLUSHDB of DB ${r.index} only, unless another checkout's mark is on it, on ${on(r.baseUrl)} (resources.${r.name})`;
		case "command": return verb === "ensure" ? `${r.exists.map(quote).join(" ")} || ${r.create.map(quote).join(" ")}  (resources.${r.name})` : `${r.exists.map(quote).join(" ")} && ${r.drop.map(quote).join(" ")}  (resources.${r.name})`;
	}
}
/** One line for clone's copy of a resource, credentials masked (only postgres and redis are copied). */
function describeCopy(from, to, replace) {
	const q = (n) => `"${n.replaceAll("\"", "\"\"")}"`;
	if (from.kind === "postgres" && to.kind === "postgres") return `${replace ? `DROP DATABASE ${q(to.database)} WITH (FORCE) if it exists; ` : ""}CREATE DATABASE ${q(to.database)} TEMPLATE ${q(from.database)} OWNER ${q(to.user)} on ${on(to.admin)} (${q(from.database)} closed to connections meanwhile, its sessions ended), then REASSIGN OWNED BY ${q(from.user)} TO ${q(to.user)} in it (resources.${to.name})`;
	if (from.kind === "redis" && to.kind === "redis") {
		const refused = replace ? `another checkout's mark` : `keys or another checkout's mark`;
		return `redis: empty DB ${to.index}, then COPY every key of DB ${from.index} into it but DB ${from.index}'s devslot:owner mark, DB ${to.index} marked as this checkout's instead (refused if DB ${to.index} holds ${refused}) on ${on(to.baseUrl)} (resources.${to.name})`;
	}
	return `copy resources.${from.name} (${from.kind}): not supported`;
}
/** The resource for --dry-run --json: passwords and admin credentials masked. */
function maskedResource(r) {
	if (r.kind === "postgres") return {
		...r,
		admin: maskValue("url", r.admin),
		password: MASK,
		url: maskKnown(maskValue("url", r.url), [r.password])
	};
	if (r.kind === "redis") return {
		...r,
		url: maskValue("url", r.url),
		baseUrl: maskValue("url", r.baseUrl)
	};
	return r;
}
/** host:port of a URL, credentials and path left out. */
function on(url) {
	return maskValue("url", url).replace(/^[a-z]+:\/\/(?:[^@/]*@)?/, "").replace(/\/.*$/, "");
}
function quote(word) {
	return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
// dist/plan/operations.js
/** A plan of operations as text: one line per operation with its cause, the same for the same state. */
function describePlan(ops, opts) {
	return ops.flatMap((op) => describeOp(op, opts));
}
/** One operation as readable text: the command or call, then `# cause`; an app's env as extra lines. */
function describeOp(op, opts) {
	const what = DESCRIBE[op.kind](op, opts);
	const [first, ...rest] = Array.isArray(what) ? what : [what];
	return [`${first}  # ${op.cause}`, ...rest.map((l) => `    ${l}`)];
}
/** A new kind of operation does not compile until it can be described. */
const DESCRIBE = {
	"claim-slot": (op) => `claim ${op.project} on the Docker engine for ${op.root} (volume ${op.name})`,
	"release-claim": (op) => `release the claim of ${op.project} (docker volume rm ${op.name})`,
	"check-ports": (op) => `check ports free: ${op.ports.map((p) => `${p.name}=${p.port}`).join(", ")}`,
	"write-files": (op) => `write ${INSTANCES_DIR}/{${op.files.map((f) => f.path.slice(INSTANCES_DIR.length + 1)).join(",")}}`,
	"make-mounts": (op) => `make folders ${op.mounts.map((m) => m.to).join(", ")}`,
	"compose-up": (op) => op.argv.map(displayQuote).join(" "),
	"wait-containers": (op) => `wait until up: ${op.services.join(", ")} (compose project ${op.project})`,
	"pm2-delete": (op) => `pm2 delete ${displayQuote(op.app)} (id ${op.id}, namespace ${op.namespace})`,
	"pm2-restart": (op) => `pm2 restart ${displayQuote(op.app)} (id ${op.id}, namespace ${op.namespace})`,
	"pm2-start": (op, opts) => {
		const { env, ...rest } = op.options;
		const shown = Object.entries(rest).filter(([k]) => k !== "name" && k !== "namespace").map(([k, v]) => `${k}=${typeof v === "string" ? displayQuote(v) : JSON.stringify(v)}`);
		const lines = [`pm2 start ${displayQuote(op.app)} --namespace ${displayQuote(op.namespace)} ${shown.join(" ")}`];
		const vars = env ?? {};
		if (opts.values) for (const [k, v] of Object.entries(maskEnv(vars, opts.showSecrets))) lines.push(`env ${k}=${JSON.stringify(v)}`);
		else lines.push(`env ${Object.keys(vars).join(" ")}`);
		return lines;
	},
	"wait-apps": (op) => `wait until up: ${op.apps.map((a) => a.probe ? `${a.name} (${"http" in a.probe ? a.probe.http : `tcp ${a.probe.tcp}`})` : a.name).join(", ")}`,
	"compose-down": (op) => `${op.argv.map(displayQuote).join(" ")}${thenAnonymous(op.anonymousVolumes)}`,
	"compose-restart": (op) => op.argv.map(displayQuote).join(" "),
	"forward-ports": (op) => `forward the published ports of ${op.project} from ${op.host} to 127.0.0.1 here (ssh -L; record ${op.file})`,
	"stop-forward": (op) => `stop the port forward of slot ${op.slot} (${op.file})`,
	"send-image": (op) => `docker save ${displayQuote(op.image)} | docker -H ${op.host} load`,
	"remove-dir": (op) => `remove ${op.dir}/ (keeping *.local.env)`,
	"record-applied": (op) => `record the plan as applied (${op.file})`,
	"hook-step": (op) => `hook ${op.step.label}: ${describeStep(op.step, op.project)}`,
	"record-created": (op) => `record that the created hook ran (${op.file}, with the volumes of ${op.project})`,
	"write-project-file": (op) => `${op.before === null ? "create" : "update"} ${op.path} (${op.content.split("\n").length - 1} lines)`,
	"infra-up": (op) => `${op.argv.map(displayQuote).join(" ")} (then wait until up: ${op.services.join(", ")}; one start at a time per engine)`,
	"compose-create": (op) => op.argv.map(displayQuote).join(" "),
	"infra-attach": (op) => `connect ${op.services.join(", ")} of ${op.name}-infra to the networks of ${op.project} (and every other slot of ${op.name}), by service name`,
	"infra-detach": (op) => `disconnect ${[...new Set(op.attached.map((a) => a.name))].join(", ")} from ${[...new Set(op.attached.map((a) => a.network))].join(", ")}`,
	"infra-down": (op) => `${op.argv.map(displayQuote).join(" ")}${thenAnonymous(op.anonymousVolumes)}`,
	"record-copy": (op) => `record the copy in ${op.file}`,
	"pause-containers": (op) => `${op.stop ? "stop" : "pause"} ${op.containers.map((c) => c.name).join(", ")} (${op.project})`,
	"resume-containers": (op) => `${op.stopped ? "start" : "unpause"} ${op.containers.map((c) => c.name).join(", ")} (${op.project})`,
	"create-volume": (op) => `docker volume create ${displayQuote(op.name)}`,
	"copy-volumes": (op) => `copy ${op.pairs.map((p) => `${displayQuote(p.from)} to ${displayQuote(p.to)}`).join(", ")} (GNU tar in ${displayQuote(op.image)}, container ${op.helper})`,
	"remove-volume": (op) => `docker volume rm ${displayQuote(op.name)}`,
	"forget-copy": (op) => `remove ${op.file}`,
	"end-leases": (op) => `end the lease${op.worktrees.length > 1 ? "s" : ""} of ${op.worktrees.join(", ")}`,
	"ensure-resource": (op) => describeResource("ensure", op.resource),
	"drop-resource": (op) => describeResource("drop", op.resource),
	"copy-resource": (op) => describeCopy(op.from, op.to, op.replace)
};
/** Operations as JSON for `--dry-run --json`: env values masked unless showSecrets, file contents left out. */
function operationsJson(ops, showSecrets) {
	return ops.map((op) => {
		if (op.kind === "pm2-start") {
			const env = op.options.env ?? {};
			return {
				...op,
				options: {
					...op.options,
					env: maskEnv(env, showSecrets)
				}
			};
		}
		if (op.kind === "write-files") return {
			...op,
			files: op.files.map((f) => f.path)
		};
		if (op.kind === "hook-step") return {
			...op,
			env: maskEnv(op.env, showSecrets)
		};
		if ((op.kind === "ensure-resource" || op.kind === "drop-resource") && !showSecrets) return {
			...op,
			resource: maskedResource(op.resource)
		};
		if (op.kind === "copy-resource" && !showSecrets) return {
			...op,
			from: maskedResource(op.from),
			to: maskedResource(op.to)
		};
		return op;
	});
}
function describeStep(step, project) {
	if (step.kind === "exec") return `in ${step.service} of ${project}${step.user ? ` as ${step.user}` : ""}: ${step.argv.map(displayQuote).join(" ")}`;
	if (step.kind === "script") return `zx ${displayQuote(step.file)}${step.app ? ` (environment of ${step.app})` : ""}`;
	return `${step.argv.map(displayQuote).join(" ")}${step.app ? ` (environment of ${step.app})` : ""}`;
}
/** What a down removes after compose's own: the anonymous volumes observed on its containers, by name. */
function thenAnonymous(names) {
	if (!names.length) return "";
	return `, then docker volume rm ${names.join(" ")} (the anonymous volume${names.length > 1 ? "s" : ""} its containers mounted)`;
}
function displayQuote(word) {
	return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
// dist/commands/print-plans.js
/** `--dry-run`: each slot's operations, exactly as the executor would run them; nothing is run. */
function printPlans(ctx, action, plans) {
	if (ctx.options.json) return printJson(ctx, plans.map((p) => ({
		...p.slot === void 0 ? {} : { slot: p.slot },
		...p.action ? { action: p.action } : {},
		operations: operationsJson(p.operations, ctx.options.showSecrets)
	})));
	const lines = [];
	for (const p of plans) {
		const which = p.slot === void 0 ? "" : ` slot ${p.slot}`;
		lines.push(`# ${p.action ?? action}${which} (dry run: nothing is changed)`);
		if (!p.operations.length) lines.push(`# nothing to do:${which || " it"} is already as planned`);
		lines.push(...describePlan(p.operations, {
			showSecrets: ctx.options.showSecrets,
			values: ctx.options.explain
		}));
	}
	ctx.io.out(`${lines.join("\n")}\n`);
}
export { ensureResourceOps as i, describePlan as n, dropResourceOps as r, printPlans as t };
