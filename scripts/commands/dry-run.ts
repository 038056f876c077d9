import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectCompose } from '../adapters/compose.js';
import type { Action } from '../cli/actions.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { INSTANCES_DIR, instanceDirName, projectName } from '../plan/names.js';
import { cleanOps, describeOp, downArgv, restartOps, startOps, stopOps, type Operation, type OpContext } from '../plan/operations.js';
import { maskEnv } from '../plan/secrets.js';
import type { SlotPlan } from '../plan/slot-plan.js';
import { planOf, printJson, type CommandContext } from '../context.js';
import type { AllSlots } from '../observe/known-slots.js';

const OPS: Partial<Record<Action, (plan: SlotPlan, ctx: OpContext) => Operation[]>> = {
  start: startOps,
  stop: stopOps,
  clean: cleanOps,
  restart: restartOps,
};

type SlotOps = { slot: number; operations: Operation[] };

/** --dry-run: the exact operations (compose argv, PM2 calls) the action would run, nothing run. */
export async function dryRunCommand(ctx: CommandContext, action: Action, slots: number[]): Promise<void> {
  const build = OPS[action];
  if (!build) throw new Error(`no dry run for ${action}`);
  const result: SlotOps[] = [];
  for (const slot of slots) result.push(await planned(ctx, action, slot));
  print(ctx, action, result);
}

/**
 * `ACTION all --dry-run`: the slots the action would take (running or with files; see allSlots),
 * each with its planned operations. A running slot at or above `slots` has no plan any more; it
 * shows what stop/clean do with what is running there.
 */
export async function dryRunAll(ctx: CommandContext, action: Action): Promise<void> {
  const [{ allSlots }, { requireEngine }] = await Promise.all([import('../observe/known-slots.js'), import('../adapters/docker.js')]);
  const config = await loadConfig(ctx.cwd, ctx.options.config);
  const engine = await requireEngine().then(() => true, () => false);
  const all = await allSlots(config, ctx.env, action as 'stop' | 'clean' | 'restart', engine);
  const result: SlotOps[] = [];
  for (const slot of all.slots) {
    if (slot < config.slots) result.push(await planned(ctx, action, slot));
    else if (action === 'stop' || action === 'clean') result.push({ slot, operations: await observedOps(config, action, slot, all) });
  }
  if (!result.length && !ctx.options.json) {
    return ctx.io.out(`nothing to ${action}: no slot of this project ${action === 'restart' ? 'is running' : 'is running or has files'} (dry run)\n`);
  }
  print(ctx, action, result);
}

async function planned(ctx: CommandContext, action: Action, slot: number): Promise<SlotOps> {
  const plan = await planOf(ctx, slot);
  const composeArgv = plan.compose.files.length ? (await detectCompose()).argv : ['docker', 'compose'];
  return { slot, operations: OPS[action]!(plan, { composeArgv }) };
}

/** stop/clean of a slot beyond `slots`: what stopSlot does with what is there (no plan to go by). */
async function observedOps(config: Config, action: 'stop' | 'clean', slot: number, all: AllSlots): Promise<Operation[]> {
  const state = all.states.get(slot);
  const ops: Operation[] = (state?.apps ?? []).map((a) => ({ kind: 'pm2-delete', app: a.name, namespace: a.namespace }) as Operation);
  if (state?.containers.length || all.leftovers.has(slot)) {
    ops.push({ kind: 'compose', cwd: os.tmpdir(), argv: downArgv(projectName(config.name, slot), (await detectCompose()).argv, action === 'clean') });
  }
  const dir = path.join(config.root, INSTANCES_DIR, instanceDirName(slot));
  if (action === 'clean' && fs.existsSync(dir)) ops.push({ kind: 'remove-dir', dir, keep: '*.local.env' });
  return ops;
}

function print(ctx: CommandContext, action: Action, result: SlotOps[]): void {
  if (ctx.options.json) {
    const show = ctx.options.showSecrets;
    return printJson(ctx, result.map((r) => ({ ...r, operations: r.operations.map((op) => (op.kind === 'pm2-start' ? { ...op, options: { ...op.options, env: maskEnv((op.options.env ?? {}) as Record<string, string>, show) } } : op)) })));
  }
  const lines: string[] = [];
  for (const r of result) {
    lines.push(`# ${action} slot ${r.slot} (dry run: nothing is changed)`);
    for (const op of r.operations) lines.push(describeOp(op, ctx.options.showSecrets));
  }
  ctx.io.out(lines.join('\n') + '\n');
}
