/** Library API: the same operations the CLI runs, as functions. */
export { main, type MainDeps } from './cli/main.js';
export { parseArgs, type Parsed, type Options, type Target } from './cli/args.js';
export { loadConfig, findConfig } from './config/load.js';
export type { Config } from './config/types.js';
export { prepareSlot } from './load/prepare.js';
export { planSlot, type SlotPlan, type PlanInput } from './plan/slot-plan.js';
export { slotJson } from './plan/slot-json.js';
export { buildPortTable, checkPortTable, portsForSlot } from './plan/ports.js';
export { buildOverride } from './plan/override.js';
export { buildEnvFile } from './plan/env-file.js';
export { slotEnv, childEnv } from './plan/slot-env.js';
export { writeInstance } from './adapters/fs.js';
export * from './errors.js';

// For a project's pm2.config.cts: `export default (slot: Pm2ConfigContext): Pm2Ecosystem => ({ apps: [...] })`.
export type { Pm2ConfigContext, Pm2AppSpec } from './plan/pm2-apps.js';
import type { Pm2AppSpec as AppSpec, Pm2ConfigContext as ConfigContext } from './plan/pm2-apps.js';
/** What a PM2 config file exports: the ecosystem, or a function of the slot returning it. */
export type Pm2Ecosystem = { apps: AppSpec[] };
export type Pm2Config = Pm2Ecosystem | ((slot: ConfigContext) => Pm2Ecosystem);
/** The setup commands as functions. */
export { adoptCommand } from './commands/adopt.js';
export { integrate, snippet, type Runner } from './plan/integrate.js';
