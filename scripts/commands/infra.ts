import { ConfigError, RuntimeError, UsageError } from '../errors.js';
import { composeCommand } from '../load/compose-cli.js';
import { infraProject } from '../names.js';
import { observeInfraUse } from '../observe/infra.js';
import { infraDownOp } from '../plan/infra-ops.js';
import { printJson, type CommandContext } from './context.js';
import { printPlans, runOperations } from './run-ops.js';

/**
 * `devslot infra [status|stop|clean]` (DESIGN §9). stop and clean act only when no slot of any
 * checkout of the project uses the shared services; clean also removes their volumes, which hold
 * every slot's data, so it is confirmed (a prompt, or --yes).
 */
export async function infraCommand(ctx: CommandContext, what: 'status' | 'stop' | 'clean', confirm: (q: string) => Promise<boolean>): Promise<void> {
  const { name } = ctx.config;
  const project = infraProject(name);
  if (!ctx.config.shared.services.length) throw new ConfigError(`${name} has no shared services (shared.services in devslot.yaml)`);
  const { infra, users } = await observeInfraUse(ctx.env, name);
  if (what === 'status') {
    const { infraStatus, printInfra } = await import('./status.js');
    const status = (await infraStatus(ctx))!;
    return ctx.options.json ? printJson(ctx, status) : printInfra(ctx, status);
  }
  if (users.length) throw new RuntimeError(`the shared services (${project}) are still used by ${users.join(', ')}; stop those slots first (\`devslot stop all\` in each checkout)`);
  if (what === 'clean' && !ctx.options.yes && !ctx.options.dryRun) {
    if (!ctx.io.interactive) throw new UsageError(`infra clean removes ${project}'s containers and volumes (every slot's databases); add --yes to confirm`);
    if (!(await confirm(`Remove ${project}: its containers and volumes (every slot's databases)? [y/N] `))) return;
  }
  const base = infraDownOp(name, project, await composeCommand(ctx.env), what === 'clean' ? 'infra clean: the shared services and their volumes' : 'infra stop: the shared services (volumes stay)');
  const op = what === 'clean' && base.kind === 'infra-down' ? { ...base, argv: [...base.argv, '--volumes'] } : base;
  if (ctx.options.dryRun) return printPlans(ctx, `infra ${what}`, [{ operations: [op] }]);
  await runOperations(ctx, [op]);
  if (ctx.options.json) return printJson(ctx, { project, [what === 'clean' ? 'cleaned' : 'stopped']: infra.length });
  ctx.io.out(`${what === 'clean' ? 'removed' : 'stopped'} the shared services (${project})${what === 'clean' ? ' and their volumes' : ''}\n`);
}
