import type { HealthProbe } from '../config/types.js';
import type { PlannedStep } from './hooks.js';
import { INSTANCES_DIR } from '../names.js';
import { maskEnv } from './secrets.js';
import type { PlannedFile } from './slot-plan.js';
import type { SlotMount } from './slot-mounts.js';
import type { PlannedResource } from './resources.js';
import { describeCopy, describeResource, maskedResource } from './resource-ops.js';
import type { ContainerRef, CopyRecord } from './copy-ops.js';

/**
 * One step that changes something, as data, with its cause. Every acting command builds its list
 * from the plan and the observed state (start-ops.ts, teardown-ops.ts, restart-ops.ts), `--dry-run`
 * prints it, and the executor (apply/executor.ts) runs exactly it, one switch on `kind`.
 */
export type Operation = OperationBody & { slot: number; cause: string };

export interface PortToCheck {
  name: string;
  port: number;
  /** Where the port comes from (`declared`, `compose redis`…), for the message naming it. */
  source: string;
}

/** On a remote engine the ports are checked there; here only the forward's own ports must be free. */
export interface RemoteCheck {
  host: string;
  /** Ports devslot's own forward of this slot holds here: not a conflict. */
  forwarded: number[];
}

export interface AppToWait {
  name: string;
  base: string;
  probe?: HealthProbe;
}

export type OperationBody =
  /** One checkout at a time holds a slot of an engine: claimed there, before anything is created. */
  | { kind: 'claim-slot'; project: string; name: string; root: string; id: string }
  /** The slot is gone: another checkout may claim it. */
  | { kind: 'release-claim'; project: string; name: string }
  /** Every port the slot does not hold itself must be free: before anything is created. */
  | { kind: 'check-ports'; project: string; ports: PortToCheck[]; ownPorts: number[]; ownPids: number[]; remote?: RemoteCheck }
  | { kind: 'write-files'; root: string; dir: string; files: PlannedFile[] }
  /** The slot's own bind-mount folders (compose.perSlotMounts), made before compose up. */
  | { kind: 'make-mounts'; root: string; mounts: SlotMount[] }
  | { kind: 'compose-up'; argv: string[]; cwd: string; services: string[] }
  /** Until every service runs (healthy where it has a healthcheck) and stays so, or one fails. */
  | { kind: 'wait-containers'; project: string; services: string[] }
  | { kind: 'pm2-delete'; app: string; namespace: string; id: number }
  | { kind: 'pm2-start'; app: string; namespace: string; options: Record<string, unknown> }
  | { kind: 'pm2-restart'; app: string; namespace: string; id: number }
  /** Until every app is online and stays so, and passes its probe where it has one. */
  | { kind: 'wait-apps'; namespace: string; root: string; apps: AppToWait[] }
  /** `cwd` empty: a neutral folder, so compose loads no compose file it would find there. */
  /** `anonymousVolumes`: removed after the down (compose leaves them, and nothing could reach them again). */
  | { kind: 'compose-down'; argv: string[]; cwd: string; project: string; volumes: boolean; anonymousVolumes: string[] }
  | { kind: 'compose-restart'; argv: string[]; cwd: string }
  /** A remote engine's slot: each published port forwarded to 127.0.0.1 here (one ssh master per slot). */
  | { kind: 'forward-ports'; project: string; root: string; file: string; host: string }
  /** The slot's forward ends (its ssh master exits). */
  | { kind: 'stop-forward'; root: string; file: string }
  /** An image the remote engine lacks and this machine has: `docker save | docker load` over the one transport. */
  | { kind: 'send-image'; image: string; host: string }
  /** `.instances/instance-N/`, keeping the user's `*.local.env`. */
  | { kind: 'remove-dir'; root: string; dir: string }
  /** Which plan this slot now runs (the no-op start compares it). */
  | { kind: 'record-applied'; root: string; file: string; mark: string }
  /**
   * One step of a hook (DESIGN §10). `env`: for host steps the slot's environment (real values,
   * as `exec` gives), for an exec step only the step's own `env`.
   */
  | { kind: 'hook-step'; step: PlannedStep; root: string; project: string; env: Record<string, string> }
  /** The created hook succeeded: it does not run again while these volumes of the slot stay. */
  | { kind: 'record-created'; root: string; file: string; project: string; /** clone: the volumes it wrote (else: the slot's volumes when it runs). */ volumes?: string[] }
  /**
   * DESIGN §9: the shared services up as `<name>-infra` and ready, before the slot's resources and
   * containers. Run under a per-engine lock (slots of several checkouts start at once); its files
   * are written first. Nothing is done when they are up by the time the lock is held.
   */
  | { kind: 'infra-up'; root: string; name: string; project: string; argv: string[]; services: string[]; files: PlannedFile[]; ports: PortToCheck[] }
  /** The slot's containers and networks created (not started), so the infra can join its networks first. */
  | { kind: 'compose-create'; argv: string[]; cwd: string }
  /**
   * Each infra container joins the networks of every slot of this project under its service name,
   * so `postgres` resolves inside the slot; a slot never joins a network another slot is on.
   */
  | { kind: 'infra-attach'; name: string; project: string; services: string[] }
  /** Infra containers leave the slot's networks, so `compose down` can remove them. */
  | { kind: 'infra-detach'; project: string; attached: { container: string; name: string; network: string }[] }
  /** `stop all`: the shared services stop (volumes stay) when no slot of any checkout uses them. */
  | { kind: 'infra-down'; argv: string[]; project: string; anonymousVolumes: string[] }
  /** Leases of worktrees that are gone, or this worktree's own (release). */
  | { kind: 'end-leases'; commonDir: string; name: string; worktrees: string[] }
  /**
   * A project file devslot creates (adopt's devslot.yaml) or updates (integrate's marked block).
   * `before` is what it must still hold when written (null: it must not exist), so nothing a
   * person wrote in the meantime is overwritten. `path` is relative to `root`.
   */
  | { kind: 'write-project-file'; root: string; path: string; before: string | null; content: string }
  /** A per-slot resource on a shared service (DESIGN §9), made if missing; `cwd` for command resources. */
  | { kind: 'ensure-resource'; resource: PlannedResource; cwd: string }
  /** clean: exactly this slot's resource (a database even with sessions open, one Redis DB index). */
  | { kind: 'drop-resource'; resource: PlannedResource; cwd: string }
  /** clone (copy-ops.ts): the target slot's resource made a copy of the source slot's; `replace`: --force. */
  | { kind: 'copy-resource'; from: PlannedResource; to: PlannedResource; replace: boolean; /** The copy's run id: its Postgres sessions are named by it. */ run: string; /** The checkout's root: the target is marked as its. */ cwd: string }
  /** Issue 16 (copy-ops.ts): a copy is recorded before it pauses or creates anything, so the next command can undo one a SIGKILL cut short. */
  | { kind: 'record-copy'; root: string; file: string; record: CopyRecord }
  /** The source's containers held still for the copy (paused; `stop`: stopped), so every volume is taken at one instant. */
  | { kind: 'pause-containers'; project: string; containers: ContainerRef[]; stop: boolean }
  | { kind: 'resume-containers'; project: string; containers: ContainerRef[]; stopped: boolean }
  | { kind: 'create-volume'; name: string; labels: Record<string, string> }
  /** Volumes into empty ones, by one helper container of `image` named `helper`. */
  | { kind: 'copy-volumes'; pairs: { from: string; to: string }[]; image: string; helper: string; labels: Record<string, string> }
  | { kind: 'remove-volume'; name: string }
  | { kind: 'forget-copy'; root: string; file: string };

export type OperationKind = Operation['kind'];

export interface DescribeOptions {
  showSecrets: boolean;
  /** Show each app's environment values (masked unless showSecrets), not only its keys. */
  values: boolean;
}

/** A plan of operations as text: one line per operation with its cause, the same for the same state. */
export function describePlan(ops: Operation[], opts: DescribeOptions): string[] {
  return ops.flatMap((op) => describeOp(op, opts));
}

/** One operation as readable text: the command or call, then `# cause`; an app's env as extra lines. */
export function describeOp(op: Operation, opts: DescribeOptions): string[] {
  const what = DESCRIBE[op.kind](op as never, opts);
  const [first, ...rest] = Array.isArray(what) ? what : [what];
  return [`${first}  # ${op.cause}`, ...rest.map((l) => `    ${l}`)];
}

type Describer<K extends OperationKind> = (op: Extract<Operation, { kind: K }>, opts: DescribeOptions) => string | string[];

/** A new kind of operation does not compile until it can be described. */
const DESCRIBE: { [K in OperationKind]: Describer<K> } = {
  'claim-slot': (op) => `claim ${op.project} on the Docker engine for ${op.root} (volume ${op.name})`,
  'release-claim': (op) => `release the claim of ${op.project} (docker volume rm ${op.name})`,
  'check-ports': (op) => `check ports free: ${op.ports.map((p) => `${p.name}=${p.port}`).join(', ')}`,
  'write-files': (op) => `write ${INSTANCES_DIR}/{${op.files.map((f) => f.path.slice(INSTANCES_DIR.length + 1)).join(',')}}`,
  'make-mounts': (op) => `make folders ${op.mounts.map((m) => m.to).join(', ')}`,
  'compose-up': (op) => op.argv.map(displayQuote).join(' '),
  'wait-containers': (op) => `wait until up: ${op.services.join(', ')} (compose project ${op.project})`,
  'pm2-delete': (op) => `pm2 delete ${displayQuote(op.app)} (id ${op.id}, namespace ${op.namespace})`,
  'pm2-restart': (op) => `pm2 restart ${displayQuote(op.app)} (id ${op.id}, namespace ${op.namespace})`,
  'pm2-start': (op, opts) => {
    const { env, ...rest } = op.options as { env?: Record<string, string> };
    const shown = Object.entries(rest).filter(([k]) => k !== 'name' && k !== 'namespace').map(([k, v]) => `${k}=${typeof v === 'string' ? displayQuote(v) : JSON.stringify(v)}`);
    const lines = [`pm2 start ${displayQuote(op.app)} --namespace ${displayQuote(op.namespace)} ${shown.join(' ')}`];
    const vars = env ?? {};
    if (opts.values) for (const [k, v] of Object.entries(maskEnv(vars, opts.showSecrets))) lines.push(`env ${k}=${JSON.stringify(v)}`);
    else lines.push(`env ${Object.keys(vars).join(' ')}`);
    return lines;
  },
  'wait-apps': (op) => `wait until up: ${op.apps.map((a) => (a.probe ? `${a.name} (${'http' in a.probe ? a.probe.http : `tcp ${a.probe.tcp}`})` : a.name)).join(', ')}`,
  'compose-down': (op) => `${op.argv.map(displayQuote).join(' ')}${thenAnonymous(op.anonymousVolumes)}`,
  'compose-restart': (op) => op.argv.map(displayQuote).join(' '),
  'forward-ports': (op) => `forward the published ports of ${op.project} from ${op.host} to 127.0.0.1 here (ssh -L; record ${op.file})`,
  'stop-forward': (op) => `stop the port forward of slot ${op.slot} (${op.file})`,
  'send-image': (op) => `docker save ${displayQuote(op.image)} | docker -H ${op.host} load`,
  'remove-dir': (op) => `remove ${op.dir}/ (keeping *.local.env)`,
  'record-applied': (op) => `record the plan as applied (${op.file})`,
  'hook-step': (op) => `hook ${op.step.label}: ${describeStep(op.step, op.project)}`,
  'record-created': (op) => `record that the created hook ran (${op.file}, with the volumes of ${op.project})`,
  'write-project-file': (op) => `${op.before === null ? 'create' : 'update'} ${op.path} (${op.content.split('\n').length - 1} lines)`,
  'infra-up': (op) => `${op.argv.map(displayQuote).join(' ')} (then wait until up: ${op.services.join(', ')}; one start at a time per engine)`,
  'compose-create': (op) => op.argv.map(displayQuote).join(' '),
  'infra-attach': (op) => `connect ${op.services.join(', ')} of ${op.name}-infra to the networks of ${op.project} (and every other slot of ${op.name}), by service name`,
  'infra-detach': (op) => `disconnect ${[...new Set(op.attached.map((a) => a.name))].join(', ')} from ${[...new Set(op.attached.map((a) => a.network))].join(', ')}`,
  'infra-down': (op) => `${op.argv.map(displayQuote).join(' ')}${thenAnonymous(op.anonymousVolumes)}`,
  'record-copy': (op) => `record the copy in ${op.file}`,
  'pause-containers': (op) => `${op.stop ? 'stop' : 'pause'} ${op.containers.map((c) => c.name).join(', ')} (${op.project})`,
  'resume-containers': (op) => `${op.stopped ? 'start' : 'unpause'} ${op.containers.map((c) => c.name).join(', ')} (${op.project})`,
  'create-volume': (op) => `docker volume create ${displayQuote(op.name)}`,
  'copy-volumes': (op) => `copy ${op.pairs.map((p) => `${displayQuote(p.from)} to ${displayQuote(p.to)}`).join(', ')} (GNU tar in ${displayQuote(op.image)}, container ${op.helper})`,
  'remove-volume': (op) => `docker volume rm ${displayQuote(op.name)}`,
  'forget-copy': (op) => `remove ${op.file}`,
  'end-leases': (op) => `end the lease${op.worktrees.length > 1 ? 's' : ''} of ${op.worktrees.join(', ')}`,
  'ensure-resource': (op) => describeResource('ensure', op.resource),
  'drop-resource': (op) => describeResource('drop', op.resource),
  'copy-resource': (op) => describeCopy(op.from, op.to, op.replace),
};

/** Operations as JSON for `--dry-run --json`: env values masked unless showSecrets, file contents left out. */
export function operationsJson(ops: Operation[], showSecrets: boolean): unknown[] {
  return ops.map((op) => {
    if (op.kind === 'pm2-start') {
      const env = (op.options.env ?? {}) as Record<string, string>;
      return { ...op, options: { ...op.options, env: maskEnv(env, showSecrets) } };
    }
    if (op.kind === 'write-files') return { ...op, files: op.files.map((f) => f.path) };
    if (op.kind === 'hook-step') return { ...op, env: maskEnv(op.env, showSecrets) };
    if ((op.kind === 'ensure-resource' || op.kind === 'drop-resource') && !showSecrets) return { ...op, resource: maskedResource(op.resource) };
    if (op.kind === 'copy-resource' && !showSecrets) return { ...op, from: maskedResource(op.from), to: maskedResource(op.to) };
    return op;
  });
}

function describeStep(step: PlannedStep, project: string): string {
  if (step.kind === 'exec') return `in ${step.service} of ${project}${step.user ? ` as ${step.user}` : ''}: ${step.argv.map(displayQuote).join(' ')}`;
  if (step.kind === 'script') return `zx ${displayQuote(step.file)}${step.app ? ` (environment of ${step.app})` : ''}`;
  return `${step.argv.map(displayQuote).join(' ')}${step.app ? ` (environment of ${step.app})` : ''}`;
}

/** What a down removes after compose's own: the anonymous volumes observed on its containers, by name. */
function thenAnonymous(names: readonly string[]): string {
  if (!names.length) return '';
  return `, then docker volume rm ${names.join(' ')} (the anonymous volume${names.length > 1 ? 's' : ''} its containers mounted)`;
}

function displayQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
