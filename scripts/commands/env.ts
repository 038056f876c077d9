import { findApp, slotEnv } from '../plan/slot-env.js';
import type { EnvStep } from '../plan/env-file.js';
import { maskEnv, maskKnown, maskValue } from '../plan/secrets.js';
import type { SlotPlan } from '../plan/slot-plan.js';
import { planOf, printJson, type CommandContext } from './context.js';

interface EnvView {
  title: string;
  /** Which template each env entry read (for --explain). */
  templates: { entry: string; used: string; skipped: string[] }[];
  values: Record<string, string>;
  explain: Record<string, EnvStep[]>;
}

/** What an app gets, lowest first: its own PM2 env → each env entry naming it → DEVSLOT_* (DESIGN §6). */
export function appEnvView(plan: SlotPlan, appName: string): EnvView {
  const app = findApp(plan, appName);
  const values = { ...(app.options.env as Record<string, string>) };
  const explain: Record<string, EnvStep[]> = {};
  const own = app.ownEnv;
  const entries = Object.entries(plan.env).filter(([, e]) => e.apps.includes(app.base));
  const fromEntries = new Set(entries.flatMap(([, e]) => Object.keys(e.values)));
  for (const key of Object.keys(values)) {
    const steps: EnvStep[] = [];
    const ownValue = own[key];
    if (ownValue !== undefined) steps.push({ source: 'pm2', app: app.base, value: ownValue });
    for (const [name, e] of entries) {
      for (const step of e.explain[key] ?? []) {
        // Every env file carries DEVSLOT_*: one setter, however many entries name the app.
        if (step.source === 'devslot' && steps.some((x) => x.source === 'devslot' && x.value === step.value)) continue;
        steps.push(step.source === 'set' && entries.length > 1 ? { ...step, entry: name } : step);
      }
    }
    if (key in plan.devslotVars && !fromEntries.has(key)) steps.push({ source: 'devslot', value: plan.devslotVars[key]! });
    explain[key] = steps;
  }
  return { title: `${app.name} (namespace ${app.namespace})`, values, explain, templates: entries.flatMap(([name, e]) => templatesOf(name, e)) };
}

export async function envCommand(ctx: CommandContext, slot: number): Promise<void> {
  const plan = await planOf(ctx, slot, true);
  const show = ctx.options.showSecrets;
  if (ctx.options.format) {
    // One environment, the one exec gives; masked for printing like every other view.
    const { formatEnv } = await import('../render/env-format.js');
    const values = Object.fromEntries(Object.entries(maskEnv(slotEnv(plan, ctx.options.app), show)).map(([k, v]) => [k, show ? v : maskKnown(v, plan.secrets ?? [])]));
    const { text, skipped } = formatEnv(values, ctx.options.format);
    ctx.io.out(text);
    if (skipped.length) ctx.io.err(`devslot: left out ${skipped.join(', ')}: not a shell variable name (exec still passes ${skipped.length > 1 ? 'them' : 'it'})\n`);
    return;
  }
  const views: EnvView[] = ctx.options.app !== undefined
    ? [appEnvView(plan, ctx.options.app)]
    : Object.entries(plan.env).map(([name, e]) => ({ title: `${e.file}${e.apps.length ? ` (apps: ${e.apps.join(', ')})` : ''}`, values: e.values, explain: e.explain, templates: templatesOf(name, e) }));
  if (!views.length) {
    views.push({ title: 'DEVSLOT_* (every app and compose interpolation)', values: plan.devslotVars, explain: {}, templates: [] });
  }
  if (ctx.options.explain && Object.keys(plan.resources ?? {}).length) {
    const values: Record<string, string> = {};
    for (const r of Object.values(plan.resources)) {
      const keys = r.kind === 'postgres' ? { url: r.url, database: r.database, user: r.user, password: r.password, host: r.host, port: r.port } : r.kind === 'redis' ? { url: r.url, index: String(r.index) } : {};
      for (const [k, v] of Object.entries(keys)) values[`resources.${r.name}.${k}`] = v;
    }
    views.push({ title: 'resources on shared services ({{resources.NAME.KEY}})', values, explain: {}, templates: [] });
  }
  const mask = (k: string, v: string) => (show ? v : maskKnown(maskValue(k, v), plan.secrets ?? []));
  if (ctx.options.json) {
    printJson(ctx, views.map((v) => ({
      title: v.title,
      env: Object.fromEntries(Object.entries(v.values).map(([k, val]) => [k, mask(k, val)])),
      ...(ctx.options.explain ? { templates: v.templates, explain: Object.fromEntries(Object.entries(v.explain).map(([k, steps]) => [k, steps.map((s) => maskStep(s, (x) => mask(k, x)))])) } : {}),
    })));
    return;
  }
  const out: string[] = [];
  for (const v of views) {
    if (views.length > 1 || ctx.options.explain) out.push(`# ${v.title}`);
    if (ctx.options.explain) for (const t of v.templates) out.push(`# ${describeTemplate(t, v.templates.length > 1)}`);
    for (const [k, val] of Object.entries(v.values)) {
      out.push(`${k}=${mask(k, val)}`);
      if (!ctx.options.explain) continue;
      const steps = v.explain[k] ?? [];
      for (const s of steps) out.push(`    ${describeStep(s, (x) => mask(k, x))}`);
      const setters = steps.filter((s) => s.source !== 'rewrite' && s.source !== 'template').length + (steps.some((s) => s.source === 'template') ? 1 : 0);
      if (setters > 1) out.push(`    ! set in ${setters} places; the last one wins`);
    }
  }
  ctx.io.out(out.join('\n') + '\n');
}

function templatesOf(entry: string, e: SlotPlan['env'][string]): EnvView['templates'] {
  return e.template ? [{ entry, ...e.template }] : [];
}

function describeTemplate(t: EnvView['templates'][number], named: boolean): string {
  const missing = t.skipped.length ? ` (${t.skipped.join(', ')} ${t.skipped.length > 1 ? 'do' : 'does'} not exist)` : '';
  return `template${named ? ` of env.${t.entry}` : ''}: ${t.used}${missing}`;
}

function describeStep(s: EnvStep, mask: (v: string) => string): string {
  switch (s.source) {
    case 'template': return `from ${s.file}:${s.line}: ${mask(s.value)}`;
    case 'rewrite': return `port ${s.from} → ${s.to} (slot port rewrite)`;
    case 'set': return `set in devslot.yaml${s.entry ? ` (env.${s.entry})` : ''}: ${mask(s.template)}`;
    case 'devslot': return 'set by devslot';
    case 'local': return `from ${s.file} (your overrides): ${mask(s.value)}`;
    case 'pm2': return `from the PM2 config's env of ${s.app}`;
  }
}

/** A step with its value (and, for `set`, its template, which may be the secret itself) masked. */
function maskStep(s: EnvStep, mask: (v: string) => string): EnvStep {
  return s.source === 'set' ? { ...s, value: mask(s.value), template: mask(s.template) } : { ...s, value: mask(s.value) };
}
