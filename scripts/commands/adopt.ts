import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../config/load.js';
import { resolveDraftModel, scanRepo, validateDraft } from '../load/adopt-scan.js';
import { planFresh } from '../load/plan-fresh.js';
import { portEnvName } from '../names.js';
import { chooseStride, draftConfig, portNameLines, renderConfig } from '../plan/adopt.js';
import { describePlan, type Operation } from '../plan/operations.js';
import { buildPortTable } from '../plan/ports.js';
import { printJson, type ToolContext } from './context.js';
import { runnerHint } from './runner-hint.js';
import { runOperations } from './run-ops.js';

/** Where an installed devslot's schema is, relative to a devslot.yaml at the project root. */
export const SCHEMA_MODELINE_PATH = './node_modules/devslot/scripts/config/devslot.schema.json';

/**
 * `devslot adopt` (DESIGN §14): scan the repository in the current folder, draft devslot.yaml,
 * resolve compose and run the planner on the draft (a collision picks the stride that avoids it),
 * then create the file. Never overwrites: an existing devslot.yaml is left as it is.
 */
export async function adoptCommand(ctx: ToolContext): Promise<void> {
  const root = ctx.cwd;
  const target = path.join(root, CONFIG_FILE);
  if (fs.existsSync(target)) {
    ctx.io.err(`devslot: ${CONFIG_FILE} already exists here; adopt never overwrites it (left as it is). Check it with: devslot check\n`);
    if (ctx.options.json) printJson(ctx, { written: false, reason: 'exists', file: CONFIG_FILE });
    return;
  }
  const facts = scanRepo(root, ctx.env);
  const draft = draftConfig(facts);
  let config = await validateDraft(renderConfig(draft, { schema: SCHEMA_MODELINE_PATH }), root);
  const model = await resolveDraftModel(config, ctx.env);
  const table = buildPortTable(config.ports, model);
  // Throws the collision (exit 1) when no stride avoids it: a port used twice in one slot, a privileged port.
  const { stride, collision } = chooseStride(table, draft.slots, ctx.isRoot);
  draft.stride = stride;
  const composePorts = portNameLines(table.named.filter((p) => p.source.kind === 'compose'), portEnvName);
  const text = renderConfig(draft, { schema: SCHEMA_MODELINE_PATH, ...(collision ? { strideWhy: collision } : {}), composePorts });
  config = await validateDraft(text, root);
  // The planner on the result, as `devslot 0 init` and the last slot's would run it (writes nothing).
  for (const slot of new Set([0, config.slots - 1])) await planFresh(config, slot, { env: ctx.env, isRoot: ctx.isRoot });

  const ops: Operation[] = [{ slot: 0, kind: 'write-project-file', root, path: CONFIG_FILE, before: null, content: text, cause: 'adopt: the drafted config, planned for every slot without a collision' }];
  const portNames = table.named.map((p) => ({ name: p.name, base: p.base, env: `DEVSLOT_PORT_${portEnvName(p.name)}` }));
  if (ctx.options.json) {
    if (!ctx.options.dryRun) await runOperations(ctx, ops);
    printJson(ctx, { written: !ctx.options.dryRun, file: CONFIG_FILE, content: text, stride, collision: collision ?? null, found: draft.found, undecided: draft.undecided, ports: portNames });
    return;
  }
  if (ctx.options.dryRun) {
    ctx.io.out(`${describePlan(ops, { showSecrets: false, values: false }).join('\n')}\n--- ${CONFIG_FILE}\n${text}`);
  } else {
    await runOperations(ctx, ops);
  }
  if (ctx.options.quiet) return;
  const lines: string[] = [];
  lines.push(ctx.options.dryRun ? `would write ${CONFIG_FILE} (--dry-run: nothing written)` : `wrote ${CONFIG_FILE}`);
  if (draft.found.length) lines.push('found:', ...draft.found.map((f) => `  ${f}`));
  if (collision) lines.push(`stride: ${stride}, because stride 100 would collide: ${collision}`);
  if (portNames.length) {
    lines.push(`ports (slot N adds N × ${stride}; each is DEVSLOT_PORT_<NAME> in env files and compose interpolation):`);
    for (const l of portNameLines(table.named, portEnvName)) lines.push(`  ${l}`);
  }
  if (draft.undecided.length) lines.push('could not decide (edit devslot.yaml):', ...draft.undecided.map((u) => `  ${u}`));
  lines.push(`next: ${runnerHint(ctx.env, ['0', 'init'])}   then ${runnerHint(ctx.env, ['1'])} to start slot 1`);
  ctx.io.out(`${lines.join('\n')}\n`);
}
