import path from 'node:path';
import type { HookName, HookStep } from '../config/types.js';
import { ConfigError } from '../errors.js';
import { renderTemplate, type TemplateVars } from './template.js';

/** A hook step for one slot: templates rendered, checked against the slot's services and apps. */
export type PlannedStep = {
  hook: HookName;
  /** `created[1]`, or the step's own name: how messages name it. */
  label: string;
  /** Host steps: the PM2 app whose environment the step gets (absent: the slot's union). */
  app?: string;
  env: Record<string, string>;
  timeout: number;
} & (
  | { kind: 'run'; argv: string[] }
  | { kind: 'exec'; service: string; argv: string[]; user?: string }
  /** Relative to the root. */
  | { kind: 'script'; file: string }
);

export interface HookPlanInput {
  hooks: Partial<Record<HookName, HookStep[]>>;
  vars: TemplateVars;
  root: string;
  /** For messages: devslot.yaml as the user knows it. */
  configFile: string;
  services: readonly string[];
  apps: readonly string[];
}

export function planHooks(input: HookPlanInput): Partial<Record<HookName, PlannedStep[]>> {
  const out: Partial<Record<HookName, PlannedStep[]>> = {};
  for (const [hook, steps] of Object.entries(input.hooks) as [HookName, HookStep[]][]) {
    out[hook] = steps.map((step, i) => {
      const where = `${input.configFile}: hooks.${hook}[${i}]`;
      const render = (t: string) => renderTemplate(t, input.vars, where);
      const env = Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, render(v)]));
      const common = { hook, label: step.name ?? `${hook}[${i + 1}]`, env, timeout: step.timeout };
      if (step.app !== undefined && !input.apps.includes(step.app)) {
        throw new ConfigError(`${where}.app: no PM2 app is named ${JSON.stringify(step.app)}; apps: ${input.apps.join(', ') || 'none'}`);
      }
      const app = step.app !== undefined ? { app: step.app } : {};
      if (step.kind === 'run') return { ...common, ...app, kind: 'run', argv: step.argv.map(render) };
      if (step.kind === 'script') return { ...common, ...app, kind: 'script', file: path.relative(input.root, step.file) };
      if (!input.services.includes(step.service)) {
        throw new ConfigError(`${where}.exec.service: the slot has no service ${JSON.stringify(step.service)}; services: ${input.services.join(', ') || 'none'}`);
      }
      return { ...common, kind: 'exec', service: step.service, argv: step.argv.map(render), ...(step.user ? { user: step.user } : {}) };
    });
  }
  return out;
}
