import { downArgv, restartArgv } from './compose-argv.js';
import type { ClaimView, ContainerView, NetworkView, Pm2Proc, VolumeView } from './observed.js';
import type { AppToWait, Operation } from './operations.js';
import { ForeignError, HeldElsewhereError } from '../errors.js';
import { refuseForeign } from './ownership.js';
import { claimHolder } from './claim.js';
import type { HealthProbe } from '../config/types.js';
import type { PlannedResource } from './resources.js';
import { dropResourceOps } from './resource-ops.js';

/** What is there of one slot of one checkout: its compose project's objects and its own apps. */
export interface SlotObjects {
  slot: number;
  project: string;
  root: string;
  /** Every container, network and volume of the compose project (any root). */
  containers: ContainerView[];
  networks: NetworkView[];
  volumes: VolumeView[];
  /** This slot's own PM2 apps (its namespace, this root). */
  apps: Pm2Proc[];
  /** Which checkout holds the slot on the engine (issue 11); left out when it must stay (a partial undo). */
  claim?: ClaimView;
  /** Shared-service containers (DESIGN §9) connected to this slot's networks. */
  infraAttached?: { container: string; name: string; network: string }[];
  /** This checkout's id when it is the one acting (stop, clean); undefined for a gone root (prune): its root decides. */
  identity?: string;
}

export interface TeardownWanted {
  /** clean: the slot's volumes go too. */
  volumes: boolean;
  /** clean: `.instances/instance-N/` (relative to the root) goes too, keeping *.local.env. */
  removeDir?: string;
  /** What to say when something is not this checkout's. */
  hint: string;
  /** clean: the slot's resources on shared services (as its start recorded them), dropped before its folder goes. */
  resources?: PlannedResource[];
}

/**
 * One teardown for stop, clean, prune, release, takeover and undo: the slot's apps, then
 * `compose down` when anything of the project is left (volumes only for clean), then its folder.
 * One ownership rule: anything it would remove that is not provably this root's → ForeignError.
 */
export function teardownOperations(s: SlotObjects, want: TeardownWanted, composeArgv: readonly string[]): Operation[] {
  const claimOurs = !!s.claim && s.claim.root === s.root && (s.identity === undefined || s.claim.id === s.identity);
  if (s.claim && !claimOurs && s.identity !== undefined) {
    const { who, fix } = claimHolder(s.claim, s.root);
    const Refusal = s.apps.length ? ForeignError : HeldElsewhereError;
    throw new Refusal(fix ? `slot ${s.slot} is held on this Docker engine by ${who}; left it alone — ${fix}` : `slot ${s.slot} is held on this Docker engine by ${who}, not this one (${s.root}); left it alone — ${want.hint}`);
  }
  refuseForeign(s.root, s.project, { containers: s.containers, networks: s.networks, ...(want.volumes ? { volumes: s.volumes } : {}) }, want.hint);
  const ops: Operation[] = [...s.apps].sort((x, y) => x.id - y.id).map((a) => ({ slot: s.slot, kind: 'pm2-delete', app: a.name, namespace: a.namespace, id: a.id, cause: `app of slot ${s.slot} (${a.status})` }));
  const parts = [
    s.containers.length ? `${s.containers.length} container(s)` : '',
    s.networks.length ? `${s.networks.length} network(s)` : '',
    want.volumes && s.volumes.length ? `${s.volumes.length} volume(s)` : '',
  ].filter(Boolean);
  if (parts.length && s.infraAttached?.length) ops.push({ slot: s.slot, kind: 'infra-detach', project: s.project, attached: s.infraAttached, cause: `the shared services are on ${s.project}'s networks, which compose down removes` });
  if (parts.length) ops.push({ slot: s.slot, kind: 'compose-down', argv: downArgv(composeArgv, s.project, want.volumes), cwd: '', project: s.project, volumes: want.volumes, anonymousVolumes: anonymousVolumesOf(s.containers), cause: `${parts.join(', ')} of ${s.project}` });
  if (claimOurs) ops.push({ slot: s.slot, kind: 'release-claim', project: s.project, name: s.claim!.name, cause: 'the slot is gone: another checkout may claim it' });
  if (want.resources?.length) ops.push(...dropResourceOps(s.slot, want.resources, s.root));
  if (want.removeDir) ops.push({ slot: s.slot, kind: 'remove-dir', root: s.root, dir: want.removeDir, cause: "the slot's generated files (your *.local.env stay)" });
  return ops;
}

/** The anonymous volumes these containers mount, once each: compose down leaves them behind. */
export function anonymousVolumesOf(containers: readonly ContainerView[]): string[] {
  return [...new Set(containers.flatMap((c) => c.anonymousVolumes ?? []))].sort();
}

/** The saved plan's parts restart needs (slot.json). */
export interface RestartInfo {
  compose?: { project: string; files: string[]; envFiles: string[]; profiles: string[] };
  health: Record<string, HealthProbe>;
  apps: { name: string; base: string }[];
  namespace: string;
}

/** Restart in place, then wait for readiness as start does (issue 11: restart means up too). */
export function restartOperations(s: SlotObjects, info: RestartInfo | undefined, composeArgv: readonly string[]): Operation[] {
  const ours = s.containers.filter((c) => c.root === s.root);
  const ops: Operation[] = [];
  if (ours.length) {
    const argv = info?.compose?.files.length ? restartArgv(composeArgv, info.compose) : restartArgv(composeArgv, { project: s.project });
    ops.push({ slot: s.slot, kind: 'compose-restart', argv, cwd: s.root, cause: `${ours.length} container(s) of ${s.project}` });
  }
  for (const a of [...s.apps].sort((x, y) => x.id - y.id)) ops.push({ slot: s.slot, kind: 'pm2-restart', app: a.name, namespace: a.namespace, id: a.id, cause: `app of slot ${s.slot} (${a.status})` });
  if (ours.length) ops.push({ slot: s.slot, kind: 'wait-containers', project: s.project, services: [...new Set(ours.map((c) => c.service))].sort(), cause: 'restart means up, as start does' });
  if (s.apps.length) {
    const apps: AppToWait[] = [...s.apps].sort((x, y) => x.id - y.id).map((a) => {
      const base = info?.apps.find((x) => x.name === a.name)?.base ?? a.name.replace(/-\d+$/, '');
      const probe = info?.health[base];
      return { name: a.name, base, ...(probe ? { probe } : {}) };
    });
    ops.push({ slot: s.slot, kind: 'wait-apps', namespace: s.apps[0]!.namespace, root: s.root, apps, cause: 'restart means up, as start does' });
  }
  return ops;
}
