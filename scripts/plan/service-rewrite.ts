import { rewriteHostPorts } from './env-rewrite.js';
import type { ComposeService } from './compose-model.js';

/** One value the override changed inside a service, for `info`/explain and slot.json. */
export interface ServiceRewrite {
  service: string;
  /** `environment.CORS`, `command`, `entrypoint`, `healthcheck.test`. */
  key: string;
  from: string;
  to: string;
}

export interface ServicePatch {
  /** Keys to put into the service's override entry. */
  patch: Record<string, unknown>;
  /** Paths (below the service) of lists that must carry `!override`: compose would otherwise merge them. */
  overridePaths: string[][];
  rewrites: ServiceRewrite[];
}

/**
 * The §5 exact `host:PORT` tokens inside a service's `environment`, `command`, `entrypoint` and
 * `healthcheck.test` (DESIGN §11), so `--advertise-kafka-addr=localhost:9092` follows the slot.
 * Inside a container two tokens name the container's own port and must stay: `0.0.0.0:P` (a bind
 * address) and, in the healthcheck (it runs inside), `localhost:P` for one of the service's own
 * container ports. A `PORT=3000` value is not rewritten here: in a container it is the port the
 * process listens on, which stays the container port in every slot.
 */
export function rewriteService(name: string, svc: ComposeService, shift: ReadonlyMap<number, number>): ServicePatch {
  const out: ServicePatch = { patch: {}, overridePaths: [], rewrites: [] };
  if (!shift.size) return out;
  const ownTargets = new Set((svc.ports ?? []).map((p) => Number(p.target)));
  const outside = (host: string) => host === '0.0.0.0';
  const inside = (host: string, port: number) => outside(host) || (host !== 'host.docker.internal' && ownTargets.has(port));
  const rw = (text: string, key: string, keep: (h: string, p: number) => boolean) => {
    const r = rewriteHostPorts(text, shift, keep);
    if (r.raw !== text) out.rewrites.push({ service: name, key, from: text, to: r.raw });
    return r.raw;
  };

  const env = environmentEntries(svc.environment);
  const changed: Record<string, string> = {};
  for (const [k, v] of env) {
    if (v === null) continue;
    const to = rw(v, `environment.${k}`, outside);
    if (to !== v) changed[k] = to;
  }
  // A map of the changed keys only: compose merges `environment` by key, so the rest stays as it is.
  if (Object.keys(changed).length) out.patch.environment = changed;

  for (const key of ['command', 'entrypoint'] as const) {
    const value = rewriteCommand(svc[key], key, (t) => rw(t, key, outside));
    if (value === undefined) continue;
    out.patch[key] = value;
    if (Array.isArray(value)) out.overridePaths.push([key]);
  }
  const hc = svc.healthcheck as { test?: unknown } | undefined;
  const test = rewriteCommand(hc?.test, 'healthcheck.test', (t) => rw(t, 'healthcheck.test', inside));
  if (test !== undefined) {
    // `healthcheck` merges by key: only `test` is given, interval/retries stay.
    out.patch.healthcheck = { test };
    if (Array.isArray(test)) out.overridePaths.push(['healthcheck', 'test']);
  }
  return out;
}

/** Map or `KEY=VALUE` list form; a bare `KEY` (passed from the shell) has no value to rewrite. */
function environmentEntries(env: unknown): [string, string | null][] {
  if (Array.isArray(env)) {
    return env.filter((e): e is string => typeof e === 'string').map((e) => {
      const eq = e.indexOf('=');
      return eq < 0 ? [e, null] : [e.slice(0, eq), e.slice(eq + 1)];
    });
  }
  if (env && typeof env === 'object') {
    return Object.entries(env as Record<string, unknown>).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]);
  }
  return [];
}

/** A string or a list of strings, rewritten whole; undefined when nothing changed. */
function rewriteCommand(value: unknown, _key: string, rw: (t: string) => string): string | string[] | undefined {
  if (typeof value === 'string') {
    const to = rw(value);
    return to === value ? undefined : to;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    const to = (value as string[]).map(rw);
    return to.some((t, i) => t !== value[i]) ? to : undefined;
  }
  return undefined;
}
