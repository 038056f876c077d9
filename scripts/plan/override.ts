import { Document, isMap, isSeq, type Node } from 'yaml';
import { ConfigError } from '../errors.js';
import { explicitName, isExternal, parsePublished, type ComposeModel, type ComposePort } from './compose-model.js';
import { fmtRange } from './ports.js';
import { LABEL_ROOT, LABEL_SLOT, slotSuffixed } from '../names.js';
import { rewriteService, type ServiceRewrite } from './service-rewrite.js';
import { perSlotVolumes, type SlotMount } from './slot-mounts.js';

export interface OverrideInput {
  model: ComposeModel;
  /** The project name the model was resolved with (its default resource names use it). */
  resolvedProject: string;
  slot: number;
  stride: number;
  root: string;
  /** Services with `network_mode: host` whose ports come from variables the slot sets. */
  hostNetworkSlotAware: ReadonlySet<string>;
  header: string;
  /** Base port → this slot's port, for the `host:PORT` tokens inside services (DESIGN §11). */
  shift?: ReadonlyMap<number, number>;
  /** Bind-mount sources (absolute) that get a folder of their own per slot, and where those live. */
  perSlotMounts?: { sources: readonly string[]; root: string; dir: string };
  /** Services the infra project runs once for every slot (DESIGN §9): the slot runs none of them. */
  sharedServices?: ReadonlySet<string>;
}

export interface OverrideResult {
  text: string;
  /** External networks and volumes every slot shares (reported, never renamed). */
  shared: { networks: string[]; volumes: string[] };
  renamed: { containers: Record<string, string>; networks: Record<string, string>; volumes: Record<string, string> };
  /** Every value changed inside a service (environment, command, entrypoint, healthcheck.test). */
  rewrites: ServiceRewrite[];
  /** Bind mounts moved to the slot's own folder. */
  mounts: SlotMount[];
}

/**
 * The slot's docker-compose.override.yml (DESIGN §5). `ports` is always written as `!override`:
 * Compose ≥ 2.24 otherwise merges override ports into the base list and the base port stays
 * published, so every slot would collide on it (TRAPS "Compose").
 */
export function buildOverride(input: OverrideInput): OverrideResult {
  const { model, slot, stride } = input;
  const services: Record<string, Record<string, unknown>> = {};
  const renamed: OverrideResult['renamed'] = { containers: {}, networks: {}, volumes: {} };
  const tagged: string[][] = [];
  const rewrites: ServiceRewrite[] = [];
  const mounts: SlotMount[] = [];
  const preEscaped = new Map<string, Record<string, unknown>>();

  const labels = { [LABEL_SLOT]: String(slot), [LABEL_ROOT]: input.root };
  const containerNames = new Map<string, string>();
  for (const svc of Object.values(model.services)) {
    if (svc.container_name) containerNames.set(svc.container_name, slotSuffixed(svc.container_name, slot));
  }
  checkFixedAddresses(model);

  const sharedSvcs = input.sharedServices ?? new Set<string>();
  const resets: string[][] = [];
  for (const [name, svc] of Object.entries(model.services)) {
    if (sharedSvcs.has(name)) {
      // Run by the infra project; here no container (scale 0) and nothing published.
      services[name] = { scale: 0, ports: [], labels };
      tagged.push(['services', name, 'ports']);
      continue;
    }
    if (svc.network_mode === 'host' && !input.hostNetworkSlotAware.has(name)) {
      throw new ConfigError(
        `service ${name} uses network_mode: host, so compose cannot move its ports and every slot would share them; ` +
          `give it a bridge network with published ports, or make its ports come from \${DEVSLOT_PORT_…} variables`,
      );
    }
    const out: Record<string, unknown> = {};
    if (svc.ports && svc.ports.length && svc.network_mode !== 'host') {
      out.ports = svc.ports.map((p) => shiftEntry(p, slot, stride));
      tagged.push(['services', name, 'ports']);
    }
    if (svc.container_name) {
      out.container_name = slotSuffixed(svc.container_name, slot);
      renamed.containers[name] = out.container_name as string;
    }
    // `container:<name>` points at a fixed name; follow the rename or the slot joins slot-less containers.
    const ref = (v: string) => {
      const m = /^container:(.+)$/.exec(v);
      const renamedTo = m ? containerNames.get(m[1]!) : undefined;
      return renamedTo ? `container:${renamedTo}` : v;
    };
    if (typeof svc.network_mode === 'string' && ref(svc.network_mode) !== svc.network_mode) out.network_mode = ref(svc.network_mode);
    const volumesFrom = Array.isArray(svc.volumes_from) ? (svc.volumes_from as string[]) : [];
    if (volumesFrom.some((v) => ref(v) !== v)) {
      out.volumes_from = volumesFrom.map(ref);
      tagged.push(['services', name, 'volumes_from']);
    }
    const inner = rewriteService(name, svc, input.shift ?? new Map());
    // Compose's resolved model keeps a literal `$` escaped as `$$`: rewritten values are already escaped.
    preEscaped.set(name, inner.patch);
    for (const p of inner.overridePaths) tagged.push(['services', name, ...p]);
    rewrites.push(...inner.rewrites);
    if (input.perSlotMounts) {
      const moved = perSlotVolumes(name, svc, input.perSlotMounts);
      // Compose merges an override's `volumes` with the base list by target: an entry with the
      // same target replaces the base one, every other mount stays (checked with Compose 2.26).
      if (moved.volumes.length) out.volumes = moved.volumes;
      mounts.push(...moved.mounts);
    }
    // A dependency on a shared service would make compose start a copy of it in the slot: it is
    // the infra project's to run (and `start` brings that up first).
    const deps = svc.depends_on && !Array.isArray(svc.depends_on) ? (svc.depends_on as Record<string, unknown>) : undefined;
    if (deps && Object.keys(deps).some((d) => sharedSvcs.has(d))) {
      out.depends_on = Object.fromEntries(Object.entries(deps).filter(([d]) => !sharedSvcs.has(d)));
      (Object.keys(out.depends_on as object).length ? tagged : resets).push(['services', name, 'depends_on']);
    }
    out.labels = labels;
    services[name] = out;
  }

  const shared: OverrideResult['shared'] = { networks: [], volumes: [] };
  // Networks and volumes the slot creates carry the same labels, so clean can prove a stopped
  // slot's volumes are this checkout's before `down --volumes` (apply/ownership.ts).
  const resources = (kind: 'networks' | 'volumes') => {
    const out: Record<string, { name?: string; labels: Record<string, string> }> = {};
    for (const [key, res] of Object.entries(model[kind] ?? {})) {
      if (isExternal(res)) {
        shared[kind].push(res?.name ?? key);
        continue;
      }
      const explicit = explicitName(input.resolvedProject, key, res);
      out[key] = explicit !== undefined ? { name: slotSuffixed(explicit, slot), labels } : { labels };
      if (explicit !== undefined) renamed[kind][key] = slotSuffixed(explicit, slot);
    }
    return out;
  };
  const networks = resources('networks');
  const volumes = resources('volumes');

  const body: Record<string, unknown> = { services };
  if (Object.keys(networks).length) body.networks = networks;
  if (Object.keys(volumes).length) body.volumes = volumes;
  const escaped = escapeDollars(body) as { services: Record<string, Record<string, unknown>> };
  for (const [name, patch] of preEscaped) Object.assign(escaped.services[name]!, patch);
  const doc = new Document(escaped);
  for (const at of tagged) {
    const node = doc.getIn(at, true) as Node;
    if (isSeq(node) || isMap(node)) node.tag = '!override';
  }
  for (const at of resets) {
    const node = doc.getIn(at, true) as Node;
    if (isMap(node)) node.tag = '!reset';
  }
  const text = input.header + doc.toString({ lineWidth: 0 });
  return { text, shared, renamed, rewrites, mounts };
}

/**
 * A network with a fixed subnet, or a service with a fixed IP, would be claimed by every slot and
 * Docker refuses the second ("Pool overlaps"). Nothing can shift those safely, so refuse clearly.
 */
function checkFixedAddresses(model: ComposeModel): void {
  for (const [key, net] of Object.entries(model.networks ?? {})) {
    if (!net || isExternal(net)) continue;
    const ipam = net.ipam as { config?: { subnet?: string }[] } | undefined;
    const subnet = ipam?.config?.find((c) => c.subnet)?.subnet;
    if (subnet) {
      throw new ConfigError(
        `network ${key} has a fixed subnet ${subnet}, which every slot would claim (Docker refuses overlapping pools); remove its ipam subnet, or make it external and shared`,
      );
    }
  }
  for (const [name, svc] of Object.entries(model.services)) {
    const nets = svc.networks && typeof svc.networks === 'object' ? Object.entries(svc.networks as Record<string, { ipv4_address?: string; ipv6_address?: string } | null>) : [];
    for (const [net, cfg] of nets) {
      const ip = cfg?.ipv4_address ?? cfg?.ipv6_address;
      if (ip) throw new ConfigError(`service ${name} has a fixed address ${ip} on network ${net}, which every slot would claim; remove ipv4_address/ipv6_address`);
    }
  }
}

/** Long syntax, every field kept; only `published` moves. Ephemeral entries stay as they are. */
function shiftEntry(p: ComposePort, slot: number, stride: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== '') out[k] = v;
  const range = parsePublished(p.published);
  if (range) out.published = fmtRange({ lo: range.lo + slot * stride, hi: range.hi + slot * stride });
  return out;
}

/** Compose interpolates `$` in every string of every file; a literal `$` must be written `$$`. */
function escapeDollars(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('$', '$$$$');
  if (Array.isArray(value)) return value.map(escapeDollars);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDollars(v)]));
  }
  return value;
}
