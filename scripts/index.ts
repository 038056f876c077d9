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
