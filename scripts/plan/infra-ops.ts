import { projectArgs, upArgv } from './compose-argv.js';
import type { InfraPlan } from './infra.js';
import type { ContainerView } from './observed.js';
import type { Operation } from './operations.js';
import { containerReadiness, isReady } from './readiness.js';
import type { SlotPlan } from './slot-plan.js';

/** Why the shared services must be brought up before this start, or undefined when they all are. */
export function infraNeed(infra: Pick<InfraPlan, 'project' | 'services'>, seen: readonly ContainerView[]): string | undefined {
  if (!seen.length) return `the shared services (${infra.project}) are not running`;
  for (const svc of infra.services) {
    const r = containerReadiness(seen.filter((c) => c.service === svc));
    if (!isReady(r.state)) return `shared service ${svc}: ${r.detail}`;
  }
  return undefined;
}

/**
 * Whether an infra container misses one of the slot's networks (the infra was recreated since the
 * slot started, or never joined): then start connects it again.
 */
export function attachNeed(infra: InfraPlan, seen: readonly ContainerView[], slotNetworks: readonly string[]): string | undefined {
  for (const c of seen.filter((x) => infra.services.includes(x.service) && x.state === 'running')) {
    const missing = slotNetworks.filter((n) => c.networks && !c.networks.includes(n));
    if (missing.length) return `${c.service} of ${infra.project} is not on ${missing.join(', ')}`;
  }
  return undefined;
}

export function infraUpOp(plan: SlotPlan & { infra: InfraPlan }, composeArgv: readonly string[], cause: string): Operation {
  const { infra } = plan;
  const ports = Object.entries(infra.ports).filter(([, port], i, all) => all.findIndex(([, p]) => p === port) === i).map(([name, port]) => ({ name, port, source: plan.portSources[name] ?? 'shared' }));
  return { slot: plan.slot, kind: 'infra-up', root: plan.root, name: plan.name, project: infra.project, argv: upArgv(composeArgv, infra), services: infra.services, files: infra.written, ports, cause };
}

/**
 * clean drops a slot's resources on the shared services: when those are not up (`stop all` stopped
 * them), they are started first, under the infra lock as a start would.
 */
export function cleanInfraOps(plan: SlotPlan & { infra: InfraPlan }, seen: readonly ContainerView[], composeArgv: readonly string[]): Operation[] {
  const need = infraNeed(plan.infra, seen);
  return need ? [infraUpOp(plan, composeArgv, `slot ${plan.slot}'s resources are dropped on the shared services: ${need}`)] : [];
}

export function composeCreateOp(plan: SlotPlan, composeArgv: readonly string[]): Operation {
  return {
    slot: plan.slot,
    kind: 'compose-create',
    argv: [...composeArgv, ...projectArgs(plan.compose), 'create', '--remove-orphans'],
    cwd: plan.root,
    cause: "the slot's networks exist before its containers start, so the shared services can join them first",
  };
}

export function attachOp(plan: SlotPlan & { infra: InfraPlan }, cause: string): Operation {
  return { slot: plan.slot, kind: 'infra-attach', name: plan.name, project: plan.project, services: plan.infra.services, cause };
}

/**
 * `down` of the infra project by label (`-p` only), every volume kept, anonymous ones too (unlike a
 * slot's stop): they may hold every slot's databases, and removing the shared services' volumes
 * takes its own confirmed command (`infra clean`, which adds `--volumes`).
 */
export function infraDownOp(name: string, project: string, composeArgv: readonly string[], cause: string): Operation {
  return { slot: -1, kind: 'infra-down', argv: [...composeArgv, '-p', project, 'down', '--remove-orphans'], project, anonymousVolumes: [], cause: `${cause} (${name})` };
}
