import type { SlotState } from '../observe/observe.js';
import type { SlotInfo } from '../plan/slot-json.js';

export type { SlotInfo };
import { tcpTarget } from '../plan/urls.js';

/**
 * One word for containers and processes alike (issue 15): an online PM2 app and a running
 * container are both `running`; Docker's or PM2's own word stays beside it in `native`.
 */
export type ServiceState = 'running' | 'starting' | 'restarting' | 'stopping' | 'stopped' | 'failed' | 'missing' | 'unknown';

const CONTAINER_STATES: Record<string, ServiceState> = {
  running: 'running', restarting: 'restarting', created: 'stopped', paused: 'stopped', exited: 'stopped', removing: 'stopping', dead: 'failed',
};
const PROCESS_STATES: Record<string, ServiceState> = {
  online: 'running', launching: 'starting', 'one-launch-status': 'starting', 'waiting restart': 'restarting', stopping: 'stopping', stopped: 'stopped', errored: 'failed',
};

/** Docker's (`container`) or PM2's (`process`) word for a state → devslot's one vocabulary. */
export function serviceState(kind: 'container' | 'process', native: string | null): ServiceState {
  if (native === null) return 'missing';
  return (kind === 'container' ? CONTAINER_STATES : PROCESS_STATES)[native] ?? 'unknown';
}

/** What `status` and the start summary show per service (DESIGN §7 JSON shape). */
export interface ServiceRow {
  name: string;
  kind: 'container' | 'process';
  state: ServiceState;
  /** Docker's or PM2's own word for the state (`running`, `exited`, `online`, `errored`…); null when there is none. */
  native: string | null;
  /** From the container's healthcheck or the app's probe; `none` when there is neither (never `healthy` by default). */
  health: string;
  ports: number[];
  url: string | null;
  /**
   * Processes only: how many times PM2 has restarted the app (`pm2 ls`'s ↺). PM2 restarts a crashed
   * app at once and lists it `online` again, so a crash loop shows as a count that keeps growing.
   */
  restarts?: number;
}


/** `appHealth`: the probe result of each online app with a probe (base name → healthy/unhealthy). */
export function serviceRows(info: SlotInfo | undefined, state: SlotState | undefined, urls: Record<string, string>, appHealth: Record<string, string> = {}): ServiceRow[] {
  const rows: ServiceRow[] = [];
  const containers = state?.containers ?? [];
  const services = [...new Set([...(info?.compose.services ?? []), ...containers.map((c) => c.service)])];
  for (const svc of services) {
    const list = containers.filter((c) => c.service === svc);
    const c = list.find((x) => x.state === 'running') ?? list[0];
    const ports = [...new Set(list.flatMap((x) => x.ports.map((p) => p.published)))].sort((a, b) => a - b);
    rows.push({
      name: svc,
      kind: 'container',
      state: serviceState('container', c ? c.state : null),
      native: c ? c.state : null,
      health: c ? c.health : 'none',
      ports: ports.length ? ports : info?.ports[svc] !== undefined ? [info.ports[svc]] : [],
      url: c?.state === 'running' ? (urls[svc] ?? null) : null,
    });
  }
  const apps = state?.apps ?? [];
  const planned = info?.apps ?? [];
  const names = [...new Set([...planned.map((a) => a.name), ...apps.map((a) => a.name)])];
  for (const name of names) {
    const base = planned.find((a) => a.name === name)?.base ?? appBase(name);
    const proc = apps.find((a) => a.name === name);
    const probe = info?.health[base];
    const port = info?.ports[base] ?? (probe && 'tcp' in probe ? Number(tcpTarget(probe.tcp).port) : undefined);
    rows.push({
      name: base,
      kind: 'process',
      state: serviceState('process', proc ? proc.status : null),
      native: proc ? proc.status : null,
      health: appHealth[base] ?? 'none',
      ports: port !== undefined && !Number.isNaN(port) ? [port] : [],
      url: proc?.status === 'online' ? (urls[base] ?? null) : null,
      ...(proc ? { restarts: proc.restarts } : {}),
    });
  }
  return rows;
}

/** A slot whose engine did not answer: its containers are `unknown` (not seen is not missing). */
export function containersUnknown(rows: ServiceRow[]): ServiceRow[] {
  return rows.map((r) => (r.kind === 'container' ? { ...r, state: 'unknown', native: null, health: 'none', url: null } : r));
}

/** `api-2` → `api`: the name in the ecosystem file. */
export function appBase(pm2Name: string): string {
  return pm2Name.replace(/-\d+$/, '');
}
