import { ForeignError } from '../errors.js';
import { composeCommand } from '../load/compose-cli.js';
import { engineAnswers } from '../observe/engine.js';
import { listEverything } from '../observe/observe.js';
import { observeSlotObjects } from '../observe/slot.js';
import { findOrphans, type Orphan } from '../leases/orphans.js';
import type { Operation } from '../plan/operations.js';
import { teardownOperations } from '../plan/teardown-ops.js';
import { printJson, warnOf, type CommandContext } from './context.js';
import { printPlans, runOperations } from './run-ops.js';

/**
 * Orphaned slots (their worktree or checkout is gone): listed by default, removed with --yes
 * through the same teardown as clean (apps, `compose down --volumes`) and the lease ended. What is
 * not provably the orphan's (another live root's container, network or volume) is left alone and
 * said so.
 */
export async function pruneCommand(ctx: CommandContext): Promise<void> {
  const { config } = ctx;
  const engine = await engineAnswers(ctx.env);
  const { orphans, wts } = await findOrphans(config, engine ? await listEverything(ctx.env) : { containers: [], procs: [] }, warnOf(ctx));
  const describe = (o: Orphan) => `slot ${o.slot} (${o.project}) of ${o.root}: ${o.containers.length} container(s), ${o.apps.length} PM2 app(s)${o.lease ? ', a lease' : ''}`;
  if (!ctx.options.yes && !ctx.options.dryRun) {
    if (ctx.options.json) return printJson(ctx, { orphans: orphans.map((o) => ({ slot: o.slot, project: o.project, root: o.root, containers: o.containers.length, apps: o.apps.map((a) => a.name), lease: !!o.lease })), removed: false });
    if (!orphans.length) return ctx.io.out('nothing to prune: no slot of this project belongs to a worktree or checkout that is gone\n');
    ctx.io.out(`would remove (dry run; add --yes to remove):\n${orphans.map((o) => `  ${describe(o)}`).join('\n')}\n`);
    return;
  }
  const plans: { slot: number; operations: Operation[] }[] = [];
  const left: string[] = [];
  const removed: Orphan[] = [];
  for (const o of orphans) {
    let ops: Operation[] = [];
    if (o.containers.length || o.apps.length) {
      const objects = await observeSlotObjects(ctx.env, { name: config.name, root: o.root, slot: o.slot, project: o.project }, engine);
      const compose = objects.containers.length + objects.networks.length + objects.volumes.length > 0;
      try {
        ops = teardownOperations(objects, { volumes: true, hint: 'prune removes only what belongs to the gone checkout' }, compose ? await composeCommand() : []);
      } catch (e) {
        if (!(e instanceof ForeignError)) throw e;
        left.push(`slot ${o.slot} of ${o.root}: ${e.message}`);
        continue;
      }
    }
    if (o.lease && wts) ops.push({ slot: o.slot, kind: 'end-leases', commonDir: wts.git.commonDir, name: config.name, worktrees: [o.lease.worktree], cause: `${o.lease.worktree} is no longer a worktree of this repository` });
    plans.push({ slot: o.slot, operations: ops });
    removed.push(o);
  }
  if (ctx.options.dryRun) return printPlans(ctx, 'prune', plans);
  for (const p of plans) await runOperations(ctx, p.operations);
  if (ctx.options.json) return printJson(ctx, { orphans: removed.map((o) => ({ slot: o.slot, project: o.project, root: o.root })), removed: true, left });
  ctx.io.out(removed.length ? `${removed.map((o) => `removed ${describe(o)}`).join('\n')}\n` : left.length ? '' : 'nothing to prune\n');
  for (const l of left) ctx.io.out(`left alone ${l}\n`);
}
