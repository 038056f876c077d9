import { f as UsageError } from "./errors-CfnyxBL4.js";
// dist/plan/slot-env.js
/** The PM2 app `--app NAME` names (its base name or its slot name), or a usage error listing them. */
function findApp(plan, name) {
	const app = plan.apps.find((a) => a.base === name || a.name === name);
	if (app) return app;
	throw new UsageError(`no PM2 app ${JSON.stringify(name)} in this project; apps: ${plan.apps.map((a) => a.base).join(", ") || "none"}`);
}
/**
* The environment of slot N that `exec`, `shell` and `env --format` give (DESIGN §10): with an app,
* exactly what PM2 gives that app; without one, the union of the slot's env entries (each already
* holds DEVSLOT_*), refused when two entries give one key different values: picking one silently
* would run a migration against the wrong database.
*/
function slotEnv(plan, app) {
	if (app !== void 0) return { ...findApp(plan, app).options.env };
	const out = { ...plan.devslotVars };
	const from = /* @__PURE__ */ new Map();
	const conflicts = /* @__PURE__ */ new Map();
	for (const [entry, e] of Object.entries(plan.env)) for (const [k, v] of Object.entries(e.values)) {
		const first = from.get(k);
		if (first !== void 0 && out[k] !== v) (conflicts.get(k) ?? conflicts.set(k, /* @__PURE__ */ new Set([first])).get(k)).add(entry);
		if (first === void 0) from.set(k, entry);
		out[k] = v;
	}
	if (conflicts.size) {
		const keys = [...conflicts].map(([k, entries]) => `${k} (env.${[...entries].join(", env.")})`).join(", ");
		const apps = plan.apps.map((a) => a.base);
		throw new UsageError(`the slot's env entries disagree on ${keys}; ${apps.length ? `pick one app's environment with --app NAME (apps: ${apps.join(", ")})` : "make them agree in devslot.yaml"}`);
	}
	return out;
}
/**
* A child's whole environment: this process's, without DEVSLOT_* it did not get from the slot (a
* `DEVSLOT_SLOT=1` in the shell must not leak into slot 2's command), then the slot's values.
*/
function childEnv(base, slot) {
	const out = {};
	for (const [k, v] of Object.entries(base)) if (v !== void 0 && !k.startsWith("DEVSLOT_")) out[k] = v;
	return {
		...out,
		...slot
	};
}
export { findApp as n, slotEnv as r, childEnv as t };
