import { n as findApp, r as slotEnv } from "./slot-env-BMCj9FTv.js";
import { i as maskValue, n as maskEnv, r as maskKnown } from "./secrets-Bmi2-sd4.js";
import { a as printJson, i as planOf } from "./context-DABbsf0u.js";
// dist/commands/env.js
/** What an app gets, lowest first: its own PM2 env → each env entry naming it → DEVSLOT_* (DESIGN §6). */
function appEnvView(plan, appName) {
	const app = findApp(plan, appName);
	const values = { ...app.options.env };
	const explain = {};
	const own = app.ownEnv;
	const entries = Object.entries(plan.env).filter(([, e]) => e.apps.includes(app.base));
	const fromEntries = new Set(entries.flatMap(([, e]) => Object.keys(e.values)));
	for (const key of Object.keys(values)) {
		const steps = [];
		const ownValue = own[key];
		if (ownValue !== void 0) steps.push({
			source: "pm2",
			app: app.base,
			value: ownValue
		});
		for (const [name, e] of entries) for (const step of e.explain[key] ?? []) {
			if (step.source === "devslot" && steps.some((x) => x.source === "devslot" && x.value === step.value)) continue;
			steps.push(step.source === "set" && entries.length > 1 ? {
				...step,
				entry: name
			} : step);
		}
		if (key in plan.devslotVars && !fromEntries.has(key)) steps.push({
			source: "devslot",
			value: plan.devslotVars[key]
		});
		explain[key] = steps;
	}
	return {
		title: `${app.name} (namespace ${app.namespace})`,
		values,
		explain,
		templates: entries.flatMap(([name, e]) => templatesOf(name, e))
	};
}
async function envCommand(ctx, slot) {
	const plan = await planOf(ctx, slot, true);
	const show = ctx.options.showSecrets;
	if (ctx.options.format) {
		const { formatEnv } = await import("./env-format-CNUHq3Sd.js");
		const { text, skipped } = formatEnv(Object.fromEntries(Object.entries(maskEnv(slotEnv(plan, ctx.options.app), show)).map(([k, v]) => [k, show ? v : maskKnown(v, plan.secrets ?? [])])), ctx.options.format);
		ctx.io.out(text);
		if (skipped.length) ctx.io.err(`devslot: left out ${skipped.join(", ")}: not a shell variable name (exec still passes ${skipped.length > 1 ? "them" : "it"})\n`);
		return;
	}
	const views = ctx.options.app !== void 0 ? [appEnvView(plan, ctx.options.app)] : Object.entries(plan.env).map(([name, e]) => ({
		title: `${e.file}${e.apps.length ? ` (apps: ${e.apps.join(", ")})` : ""}`,
		values: e.values,
		explain: e.explain,
		templates: templatesOf(name, e)
	}));
	if (!views.length) views.push({
		title: "DEVSLOT_* (every app and compose interpolation)",
		values: plan.devslotVars,
		explain: {},
		templates: []
	});
	if (ctx.options.explain && Object.keys(plan.resources ?? {}).length) {
		const values = {};
		for (const r of Object.values(plan.resources)) {
			const keys = r.kind === "postgres" ? {
				url: r.url,
				database: r.database,
				user: r.user,
				password: r.password,
				host: r.host,
				port: r.port
			} : r.kind === "redis" ? {
				url: r.url,
				index: String(r.index)
			} : {};
			for (const [k, v] of Object.entries(keys)) values[`resources.${r.name}.${k}`] = v;
		}
		views.push({
			title: "resources on shared services ({{resources.NAME.KEY}})",
			values,
			explain: {},
			templates: []
		});
	}
	const mask = (k, v) => show ? v : maskKnown(maskValue(k, v), plan.secrets ?? []);
	if (ctx.options.json) {
		printJson(ctx, views.map((v) => ({
			title: v.title,
			env: Object.fromEntries(Object.entries(v.values).map(([k, val]) => [k, mask(k, val)])),
			...ctx.options.explain ? {
				templates: v.templates,
				explain: Object.fromEntries(Object.entries(v.explain).map(([k, steps]) => [k, steps.map((s) => maskStep(s, (x) => mask(k, x)))]))
			} : {}
		})));
		return;
	}
	const out = [];
	for (const v of views) {
		if (views.length > 1 || ctx.options.explain) out.push(`# ${v.title}`);
		if (ctx.options.explain) for (const t of v.templates) out.push(`# ${describeTemplate(t, v.templates.length > 1)}`);
		for (const [k, val] of Object.entries(v.values)) {
			out.push(`${k}=${mask(k, val)}`);
			if (!ctx.options.explain) continue;
			const steps = v.explain[k] ?? [];
			for (const s of steps) out.push(`    ${describeStep(s, (x) => mask(k, x))}`);
			const setters = steps.filter((s) => s.source !== "rewrite" && s.source !== "template").length + (steps.some((s) => s.source === "template") ? 1 : 0);
			if (setters > 1) out.push(`    ! set in ${setters} places; the last one wins`);
		}
	}
	ctx.io.out(out.join("\n") + "\n");
}
function templatesOf(entry, e) {
	return e.template ? [{
		entry,
		...e.template
	}] : [];
}
function describeTemplate(t, named) {
	const missing = t.skipped.length ? ` (${t.skipped.join(", ")} ${t.skipped.length > 1 ? "do" : "does"} not exist)` : "";
	return `template${named ? ` of env.${t.entry}` : ""}: ${t.used}${missing}`;
}
function describeStep(s, mask) {
	switch (s.source) {
		case "template": return `from ${s.file}:${s.line}: ${mask(s.value)}`;
		case "rewrite": return `port ${s.from} → ${s.to} (slot port rewrite)`;
		case "set": return `set in devslot.yaml${s.entry ? ` (env.${s.entry})` : ""}: ${mask(s.template)}`;
		case "devslot": return "set by devslot";
		case "local": return `from ${s.file} (your overrides): ${mask(s.value)}`;
		case "pm2": return `from the PM2 config's env of ${s.app}`;
	}
}
/** A step with its value (and, for `set`, its template, which may be the secret itself) masked. */
function maskStep(s, mask) {
	return s.source === "set" ? {
		...s,
		value: mask(s.value),
		template: mask(s.template)
	} : {
		...s,
		value: mask(s.value)
	};
}
export { envCommand };
