import os from 'node:os';
import { detectCompose, runCompose } from '../adapters/compose.js';
import { listContainers, projectFilter } from '../adapters/docker.js';
import { listEverything } from '../observe/observe.js';
import { ownsProjectVolumes } from '../observe/ownership.js';
import { deleteAppsById } from '../adapters/pm2.js';
import { updateRegistry } from '../leases/registry.js';
import { loadConfig } from '../config/load.js';
import { findOrphans } from '../leases/orphans.js';
import { downArgv } from '../plan/operations.js';
import { printJson, type CommandContext } from '../context.js';

/**
 * Orphaned slots (their worktree or checkout is gone): listed by default, removed with --yes
 * (PM2 apps deleted, `compose down --volumes`, lease ended). A project that also holds containers
 * of a live root is never taken down.
 */
export async function pruneCommand(ctx: CommandContext): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.options.config);
  const { orphans, wts } = await findOrphans(config, await listEverything(ctx.env));
  const describe = (o: (typeof orphans)[number]) =>
    `slot ${o.slot} (${o.project}) of ${o.root}: ${o.containers.length} container(s), ${o.apps.length} PM2 app(s)${o.lease ? ', a lease' : ''}`;
  if (!ctx.options.yes) {
    if (ctx.options.json) return printJson(ctx, { orphans: orphans.map((o) => ({ slot: o.slot, project: o.project, root: o.root, containers: o.containers.length, apps: o.apps.map((a) => a.name), lease: !!o.lease })), removed: false });
    if (!orphans.length) return ctx.io.out('nothing to prune: no slot of this project belongs to a worktree or checkout that is gone\n');
    ctx.io.out(`would remove (dry run; add --yes to remove):\n${orphans.map((o) => `  ${describe(o)}`).join('\n')}\n`);
    return;
  }
  for (const o of orphans) {
    await deleteAppsById(o.apps.map((a) => a.id), ctx.env);
    if (o.containers.length) {
      const all = await listContainers([projectFilter(o.project)]);
      if (all.every((c) => c.root === o.root)) {
        const dropVolumes = await ownsProjectVolumes(o.root, o.project);
        await runCompose(downArgv(o.project, (await detectCompose()).argv, dropVolumes), os.tmpdir(), ctx.env, `compose down for orphaned slot ${o.slot}`);
      }
    }
  }
  if (wts) {
    const gone = new Set(orphans.filter((o) => o.lease).map((o) => o.lease!.worktree));
    await updateRegistry(wts.git.commonDir, (reg) => {
      reg.projects[config.name] = (reg.projects[config.name] ?? []).filter((l) => !gone.has(l.worktree));
    });
  }
  if (ctx.options.json) return printJson(ctx, { orphans: orphans.map((o) => ({ slot: o.slot, project: o.project, root: o.root })), removed: true });
  ctx.io.out(orphans.length ? `${orphans.map((o) => `removed ${describe(o)}`).join('\n')}\n` : 'nothing to prune\n');
}
