import { ForeignError } from '../errors.js';
import { composeCommand } from '../load/compose-cli.js';
import { engineAnswers } from '../observe/engine.js';
import { listEverything } from '../observe/observe.js';
import { observeSlotObjects } from '../observe/slot.js';
import { findOrphans, type Orphan, type Unproven } from '../leases/orphans.js';
import type { Operation } from '../plan/operations.js';
import { teardownOperations } from '../plan/teardown-ops.js';
import { enginesOf, onSlotEngine, printJson, warnOf, type CommandContext } from './context.js';
import { printPlans, runOperations } from './run-ops.js';

/**
 * Orphaned slots (their worktree is provably gone: git no longer lists it): listed by default,
 * removed with --yes through the same teardown as clean (apps, `compose down --volumes`) and the
 * lease ended. Slots whose root is only not visible from here, and what is not provably the
 * orphan's (another live root's container, network or volume), are left alone and said so.
 */
export async function pruneCommand(ctx: CommandContext): Promise<void> {
  const { config } = ctx;
  // Each engine the slots run on (issue 19) is asked only if it answers: one that does not hides its orphans, no more.
  const groups = enginesOf(ctx);
  const answering = (await Promise.all(groups.map(async (g) => ((await engineAnswers(g.env)) ? [g] : [])))).flat();
  const engine = answering.length > 0;
  const { orphans, unproven, git } = await findOrphans(config, engine ? await listEverything(config.name, answering) : { containers: [], procs: [] }, warnOf(ctx));
  const describe = (o: Orphan) => `slot ${o.slot} (${o.project}) of ${o.root}: ${o.containers.length} container(s), ${o.apps.length} PM2 app(s)${o.lease ? ', a lease' : ''}`;
  const unprovenJson = unproven.map((u) => ({ slot: u.slot, project: u.project, root: u.root, containers: u.containers.length, apps: u.apps.map((a) => a.name), why: u.why }));
  const leftAlone = (u: Unproven) => `left alone slot ${u.slot} (${u.project}): ${u.why}`;
  if (!ctx.options.yes && !ctx.options.dryRun) {
    if (ctx.options.json) return printJson(ctx, { orphans: orphans.map((o) => ({ slot: o.slot, project: o.project, root: o.root, containers: o.containers.length, apps: o.apps.map((a) => a.name), lease: !!o.lease })), removed: false, unproven: unprovenJson });
    if (!orphans.length) ctx.io.out('nothing to prune: no slot of this project belongs to a worktree that is provably gone\n');
    else ctx.io.out(`would remove (dry run; add --yes to remove):\n${orphans.map((o) => `  ${describe(o)}`).join('\n')}\n`);
    for (const u of unproven) ctx.io.out(`${leftAlone(u)}\n`);
    return;
  }
  const plans: { slot: number; operations: Operation[] }[] = [];
  const left: string[] = unproven.map((u) => `slot ${u.slot} (${u.project}): ${u.why}`);
  const removed: Orphan[] = [];
  for (const o of orphans) {
    let ops: Operation[] = [];
    if (o.containers.length || o.apps.length) {
      const on = onSlotEngine(ctx, o.slot);
      const objects = await observeSlotObjects(on.env, { name: config.name, root: o.root, slot: o.slot, project: o.project }, answering.some((g) => g.owns(o.slot)));
      const compose = objects.containers.length + objects.networks.length + objects.volumes.length > 0;
      try {
        ops = teardownOperations(objects, { volumes: true, hint: 'prune removes only what belongs to the gone checkout' }, compose ? await composeCommand(on.env) : []);
      } catch (e) {
        if (!(e instanceof ForeignError)) throw e;
        left.push(`slot ${o.slot} of ${o.root}: ${e.message}`);
        continue;
      }
    }
    if (o.lease && git) ops.push({ slot: o.slot, kind: 'end-leases', commonDir: git.commonDir, name: config.name, worktrees: [o.lease.worktree], cause: `${o.lease.worktree} is no longer a worktree of this repository` });
    plans.push({ slot: o.slot, operations: ops });
    removed.push(o);
  }
  if (ctx.options.dryRun) return printPlans(ctx, 'prune', plans);
  for (const p of plans) await runOperations(onSlotEngine(ctx, p.slot), p.operations);
  if (ctx.options.json) return printJson(ctx, { orphans: removed.map((o) => ({ slot: o.slot, project: o.project, root: o.root })), removed: true, left, unproven: unprovenJson });
  ctx.io.out(removed.length ? `${removed.map((o) => `removed ${describe(o)}`).join('\n')}\n` : left.length ? '' : 'nothing to prune\n');
  for (const l of left) ctx.io.out(`left alone ${l}\n`);
}
