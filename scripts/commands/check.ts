import type { Config } from '../config/types.js';
import { printJson, type CommandContext } from './context.js';
import { ConfigError } from '../errors.js';
import { loadCheck } from '../load/check-inputs.js';
import { findingsFor, refuseIfStrict, type Finding } from '../plan/check.js';
import { maskValue } from '../plan/secrets.js';
import type { SlotPlan } from '../plan/slot-plan.js';
import { checkLines, checkWarning } from '../render/check-view.js';

/** The slots' plans and what `check` finds in them. Read-only: writes nothing. */
export async function checkSlots(ctx: CommandContext, config: Config, slots: readonly number[]): Promise<{ plans: SlotPlan[]; findings: Finding[] }> {
  const { input, plans } = await loadCheck(config, slots, { env: ctx.env, isRoot: ctx.isRoot });
  const findings = findingsFor(input).map((f) => (ctx.options.showSecrets ? f : { ...f, value: maskValue(f.key.split(/[.: ]/).pop() ?? '', f.value) }));
  return { plans, findings };
}

/** `devslot check [SLOT|all] [--json] [--strict]` (DESIGN §11). */
export async function checkCommand(ctx: CommandContext, target: { kind: 'all' } | { kind: 'slot'; slot: number }): Promise<void> {
  const { config } = ctx;
  const slots = target.kind === 'all' ? Array.from({ length: config.slots }, (_, i) => i) : [target.slot];
  const { findings } = await checkSlots(ctx, config, slots);
  const strict = ctx.options.strict || config.check.strict;
  if (ctx.options.json) printJson(ctx, { slots, strict, findings });
  else if (!ctx.options.quiet || findings.length) ctx.io.out(`${checkLines(ctx.io, findings, slots).join('\n')}\n`);
  if (strict && findings.length) {
    throw new ConfigError(`check found ${findings.length} finding${findings.length === 1 ? '' : 's'} and strict mode is on (${ctx.options.strict ? '--strict' : 'check.strict in devslot.yaml'}); fix them, or list meant-to-be-shared mounts under compose.sharedMounts`);
  }
}

/**
 * For `start` (and `init`): the findings of one slot, printed as a short warning on stderr; with
 * `--strict` or `check.strict`, findings refuse with exit 1 before anything is created.
 */
export async function warnOrRefuse(ctx: CommandContext, config: Config, slot: number, found?: Finding[]): Promise<Finding[]> {
  const findings = found ?? (await checkSlots(ctx, config, [slot])).findings;
  refuseIfStrict(findings, ctx.options.strict || config.check.strict, slot);
  if (!ctx.options.json && !ctx.options.quiet) for (const l of checkWarning(ctx.io, findings, slot)) ctx.io.err(`${l}\n`);
  return findings;
}
