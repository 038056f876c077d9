import { sha256 } from '../hash.js';
import { INSTANCES_DIR } from '../names.js';
import { upArgv } from './compose-argv.js';
import { claimName } from '../names.js';
import { refuseClaimed, type CheckoutId } from './claim.js';
import type { ClaimView, ContainerView, Pm2Proc, VolumeView } from './observed.js';
import type { HookName } from '../config/types.js';
import { createdNeed, CREATED, hookOperations } from './hook-ops.js';
import type { InfraPlan } from './infra.js';
import { attachNeed, attachOp, composeCreateOp, infraNeed, infraUpOp } from './infra-ops.js';
import type { Operation } from './operations.js';
import { ensureResourceOps } from './resource-ops.js';
import { ownApps, refuseForeignProject } from './ownership.js';
import { fingerprintOf, FINGERPRINT, pm2Options, refuseNamesakes } from './pm2-options.js';
import type { SlotApp } from './pm2-apps.js';
import { containerReadiness, isReady } from './readiness.js';
import type { SlotPlan } from './slot-plan.js';

/** What start observed before planning: one Docker list, one PM2 list, the applied mark, the probes. */
export interface StartObserved {
  /** Every container of the slot's compose project (any root). */
  containers: ContainerView[];
  /** Volumes of the slot's compose project. */
  volumes: VolumeView[];
  /** Every app of the PM2 daemon (names are global per daemon). */
  procs: Pm2Proc[];
  /** The plan mark the last successful start recorded, if any. */
  applied: string | undefined;
  /** Probe result per app base name, for the apps that have a health probe. */
  probes: Record<string, boolean>;
  /** Which checkout holds the slot on the engine, if any does (issue 11). */
  claim?: ClaimView | undefined;
  /** The created hook's record (`.instances/instance-N/.created`), when it succeeded; `unreadable` when the file is there but damaged. */
  created?: { volumes: string[]; unreadable?: boolean } | undefined;
  /** With shared services: the infra project's containers, and the slot's networks (DESIGN §9). */
  infra?: { containers: ContainerView[]; slotNetworks: string[] } | undefined;
}

export interface StartWanted {
  /** `--skip-hooks`: no hook step runs, and a created hook still due stays due. */
  hooks: boolean;
}

/**
 * DESIGN §2 start as operations: nothing when the slot already runs this plan and is up;
 * otherwise preflight, the slot's files, compose up, the waits, each app that is not running this
 * plan healthy, and the mark. Refuses (throws) a project or PM2 name that is not this checkout's.
 */
export function startOperations(plan: SlotPlan, seen: StartObserved, composeArgv: readonly string[], me: CheckoutId, want: StartWanted = { hooks: true }): Operation[] {
  const slot = plan.slot;
  const planMark = composeMark(plan);
  const compose = plan.compose.files.length > 0;
  // Another copy of this project (same name, other folder or identity) holds the slot: refuse
  // before anything is created or relabelled, naming it.
  if (compose) refuseClaimed(slot, seen.claim, me);
  refuseForeignProject(plan.root, plan.project, seen.containers, seen.volumes);
  refuseNamesakes(plan.apps, seen.procs, plan.root);
  const own = ownApps(seen.procs, plan.name, plan.root, plan.namespace).sort((a, b) => a.id - b.id);
  // A slot whose services are all shared (DESIGN §9) has no container of its own: compose has
  // nothing to create, attach or wait for (unless containers of an earlier plan must go).
  const ownContainers = plan.compose.services.length > 0 || seen.containers.length > 0;
  const composeCause = compose && ownContainers ? composeNeed(plan, seen, planMark) : undefined;
  // Without containers of its own, only the mark says a start of this plan made the slot's
  // resources; it covers the resources themselves, passwords included (a resources.json lost or
  // set aside means new passwords, which the roles must get).
  const appliedMark = ownContainers ? planMark : resourcesMark(plan);
  const resourceCause = !ownContainers && Object.keys(plan.resources ?? {}).length && seen.applied !== appliedMark ? 'no start of this plan has made the slot\'s resources yet' : undefined;
  const appCauses = plan.apps.map((app) => ({ app, cause: appNeed(app, own, seen.probes) }));
  const planned = new Set(plan.apps.map((a) => a.name));
  const dropped = own.filter((p) => !planned.has(p.name));
  const createdCause = want.hooks ? createdNeed(plan, seen.created, seen.volumes) : undefined;
  const infra = plan.infra && compose ? (plan as SlotPlan & { infra: InfraPlan }) : undefined;
  const infraCause = infra ? infraNeed(infra.infra, seen.infra?.containers ?? []) : undefined;
  // The infra recreated since this slot started has left the slot's networks: join them again.
  const attachCause = infra && !infraCause && !composeCause && seen.containers.length ? attachNeed(infra.infra, seen.infra?.containers ?? [], seen.infra?.slotNetworks ?? []) : undefined;
  if (!composeCause && !resourceCause && !dropped.length && appCauses.every((a) => !a.cause) && !createdCause && !infraCause && !attachCause) return [];
  const hook = (name: HookName, cause: string) => (want.hooks ? hookOperations(plan, name, cause) : []);

  const ops: Operation[] = [];
  if (compose && !seen.claim) ops.push({ slot, kind: 'claim-slot', project: plan.project, name: claimName(plan.project), root: me.root, id: me.id, cause: 'one checkout at a time holds a slot of this engine: claimed before anything is created' });
  // The shared services' ports are held by the infra once it runs: this slot's own as far as it goes.
  const ownPorts = [...seen.containers, ...(seen.infra?.containers ?? [])].flatMap((c) => c.ports.map((p) => p.published));
  // One entry per port (a service's first port is also named `<service>_<target>`).
  // The shared services' ports are the infra's to check, under its lock, when it starts them.
  const ports = Object.entries(plan.ports).filter(([name, port], i, all) => all.findIndex(([, p]) => p === port) === i && !(infra && name in infra.infra.ports)).map(([name, port]) => ({ name, port, source: plan.portSources[name] ?? 'declared' }));
  ops.push({ slot, kind: 'check-ports', project: plan.project, ports, ownPorts: [...new Set(ownPorts)].sort((a, b) => a - b), ownPids: own.map((a) => a.pid).filter((p) => p > 0), cause: 'before anything is created, every port this slot does not hold must be free' });
  ops.push({ slot, kind: 'write-files', root: plan.root, dir: plan.dir, files: plan.files, cause: 'the slot files are regenerated from their templates on every start' });
  if (plan.compose.mounts?.length) ops.push({ slot, kind: 'make-mounts', root: plan.root, mounts: plan.compose.mounts, cause: 'compose.perSlotMounts: each slot writes its own folder' });
  if (infra && infraCause) ops.push(infraUpOp(infra, composeArgv, `before the slot's resources and containers: ${infraCause}`));
  // Issue 12: before anything of the slot runs, its resources on the shared services exist.
  ops.push(...ensureResourceOps(slot, plan.resources ?? {}, plan.root));
  ops.push(...hook('pre-start', 'hooks.pre-start: before the slot starts, its files written'));
  for (const p of dropped) ops.push({ slot, kind: 'pm2-delete', app: p.name, namespace: p.namespace, id: p.id, cause: `${p.name} is no longer in the PM2 config` });
  if (infra && (composeCause || infraCause || attachCause)) {
    if (composeCause) ops.push(composeCreateOp(plan, composeArgv));
    ops.push(attachOp(infra, attachCause ?? (infraCause && !composeCause ? 'the shared services were (re)started: they join every slot\'s networks again' : 'the slot reaches the shared services by service name, on its own networks')));
  }
  if (composeCause) {
    ops.push({ slot, kind: 'compose-up', argv: upArgv(composeArgv, plan.compose), cwd: plan.root, services: plan.compose.services, cause: composeCause });
    ops.push({ slot, kind: 'wait-containers', project: plan.project, services: plan.compose.services, cause: 'start means up: every service running, healthy where it has a healthcheck' });
  }
  if (createdCause) {
    ops.push(...hook('created', `hooks.created, before the apps start: ${createdCause}`));
    ops.push({ slot, kind: 'record-created', root: plan.root, file: `${plan.dir}/${CREATED}`, project: plan.project, cause: 'the created hook runs once per slot: the next start skips it' });
  }
  const started: SlotApp[] = [];
  for (const { app, cause } of appCauses) {
    if (!cause) continue;
    for (const p of own.filter((x) => x.name === app.name)) ops.push({ slot, kind: 'pm2-delete', app: p.name, namespace: p.namespace, id: p.id, cause: `replaced: ${cause}` });
    ops.push({ slot, kind: 'pm2-start', app: app.name, namespace: app.namespace, options: pm2Options(app), cause });
    started.push(app);
  }
  if (started.length) {
    const apps = started.map((a) => ({ name: a.name, base: a.base, ...(plan.health[a.base] ? { probe: plan.health[a.base]! } : {}) }));
    ops.push({ slot, kind: 'wait-apps', namespace: plan.namespace, root: plan.root, apps, cause: 'start means up: every app online and staying so, passing its probe where it has one' });
  }
  ops.push(...hook('post-start', 'hooks.post-start: after every readiness check passed'));
  ops.push({ slot, kind: 'record-applied', root: plan.root, file: `${plan.dir}/${APPLIED}`, mark: appliedMark, cause: 'the next start compares against it to know there is nothing to do' });
  return ops;
}

/** Which compose side of the plan the last successful start applied (composeMark), in this file. */
export const APPLIED = '.applied';

/**
 * Everything `compose up` depends on: the compose files and what they include (hashed), the
 * variables they interpolate, and what devslot generates for compose (project, ports, names,
 * labels' root, DEVSLOT_* values). A change to an app alone leaves it equal: compose is not rerun.
 */
/** The applied mark of a slot with no container of its own: what compose would run, and its resources. */
export function resourcesMark(plan: SlotPlan): string {
  return sha256(JSON.stringify({ compose: composeMark(plan), resources: plan.resources ?? {} }));
}

export function composeMark(plan: SlotPlan): string {
  const { compose, ports, devslotVars, root, project } = plan;
  return sha256(JSON.stringify({ compose, ports, devslotVars, root, project }));
}

function composeNeed(plan: SlotPlan, seen: StartObserved, planMark: string): string | undefined {
  const ours = seen.containers;
  if (!ours.length) return `no container of ${plan.project} exists yet`;
  if (seen.applied !== planMark) return 'what compose runs changed since the last start (compose files, their variables, ports or names)';
  for (const svc of plan.compose.services) {
    const r = containerReadiness(ours.filter((c) => c.service === svc));
    if (!isReady(r.state)) return `service ${svc}: ${r.detail}`;
  }
  return undefined;
}

function appNeed(app: SlotApp, own: Pm2Proc[], probes: Record<string, boolean>): string | undefined {
  const same = own.filter((p) => p.name === app.name);
  if (!same.length) return `${app.name} is not running`;
  if (same.length > 1) return `${app.name} runs ${same.length} times`;
  const p = same[0]!;
  if (p.status !== 'online') return `${app.name} is ${p.status}`;
  if (p.env[FINGERPRINT] !== fingerprintOf(app)) return `${app.name} runs another plan (its config or environment changed)`;
  if (probes[app.base] === false) return `${app.name} fails its health probe`;
  return undefined;
}

export { INSTANCES_DIR };
