import { portEnvName } from '../names.js';
import { PortPlanError } from '../errors.js';
import { parsePublished, type ComposeModel, type PortRange } from './compose-model.js';

/** Where a named port comes from: `ports:` in devslot.yaml, or a port a compose service publishes. */
export type PortSource =
  | { kind: 'declared' }
  | { kind: 'compose'; service: string; target: number };

export interface NamedPort {
  name: string;
  base: number;
  source: PortSource;
  /** A shared service's port (DESIGN §9): the same in every slot. */
  fixed?: boolean;
}

/** One published binding (or declared port): what can collide. */
export interface Binding {
  owner: string; // "service redis" or "ports.web"
  range: PortRange;
  protocol: string;
  hostIp: string;
  /** A shared service's binding: the same in every slot, so no slot's shifted port may hit it. */
  fixed?: boolean;
}

export interface PortTable {
  named: NamedPort[];
  bindings: Binding[];
}

export interface PortLimits {
  stride: number;
  slots: number;
  /** Root may keep a privileged base port privileged in every slot. */
  privilegedOk: boolean;
}

/** `shared`: services run once for every slot (DESIGN §9), whose ports do not move. */
export function buildPortTable(declared: Record<string, number>, model: ComposeModel, shared: ReadonlySet<string> = new Set()): PortTable {
  const named: NamedPort[] = [];
  const bindings: Binding[] = [];
  const byName = new Map<string, NamedPort>();
  const add = (p: NamedPort) => {
    const prev = byName.get(p.name);
    if (!prev) {
      byName.set(p.name, p);
      named.push(p);
      return;
    }
    // The same service naming a port twice (TCP and UDP, two host IPs) keeps its first; a port
    // declared under `ports:` that compose also publishes is the same port. Anything else is two
    // ports under one name, and templates or DEVSLOT_PORT_* would silently pick one.
    const sameService = prev.source.kind === 'compose' && p.source.kind === 'compose' && prev.source.service === p.source.service;
    if (sameService || prev.base === p.base) return;
    throw new PortPlanError(
      `duplicate port name \`${p.name}\`: ${describeSource(prev)} is ${prev.base} but ${describeSource(p)} is ${p.base}; rename the entry under \`ports:\` or the service`,
    );
  };
  const declaredBindings: [string, Binding][] = [];
  for (const [name, base] of Object.entries(declared)) {
    add({ name, base, source: { kind: 'declared' } });
    declaredBindings.push([name, { owner: `ports.${name}`, range: { lo: base, hi: base }, protocol: 'tcp', hostIp: '' }]);
  }
  // Compose's names and their first base port: a declared port compose publishes under the same
  // name, at the same number, is that port, not a second binding.
  const composeBase = new Map<string, number>();
  for (const [service, svc] of Object.entries(model.services)) {
    let first = true;
    for (const port of svc.ports ?? []) {
      const range = parsePublished(port.published);
      if (!range) continue; // ephemeral: Docker picks a free host port, nothing to shift
      const source: PortSource = { kind: 'compose', service, target: port.target };
      const names = first ? [service, `${service}_${port.target}`] : [`${service}_${port.target}`];
      first = false;
      const fixed = shared.has(service) ? { fixed: true } : {};
      for (const name of names) {
        add({ name, base: range.lo, source, ...fixed });
        if (!composeBase.has(name)) composeBase.set(name, range.lo);
      }
      bindings.push({ owner: `${shared.has(service) ? 'shared service' : 'service'} ${service}`, range, protocol: port.protocol ?? 'tcp', hostIp: port.host_ip ?? '', ...fixed });
    }
  }
  bindings.unshift(...declaredBindings.filter(([name, b]) => composeBase.get(name) !== b.range.lo).map(([, b]) => b));
  const byEnv = new Map<string, NamedPort>();
  for (const p of named) {
    const env = portEnvName(p.name);
    const prev = byEnv.get(env);
    if (prev && prev.base !== p.base) {
      throw new PortPlanError(`port names \`${prev.name}\` (${describeSource(prev)}) and \`${p.name}\` (${describeSource(p)}) both become DEVSLOT_PORT_${env}; rename one`);
    }
    byEnv.set(env, p);
  }
  return { named, bindings };
}

/**
 * The names that get a DEVSLOT_PORT_* variable: all but the `<service>_<target>` alias of a service
 * that publishes one port (`loki` says it; `loki_3100` beside it only doubled every env file).
 * The alias stays a port name: `{{ports.loki_3100}}` in templates keeps working.
 */
export function envPortNames(table: PortTable): Set<string> {
  const perService = new Map<string, NamedPort[]>();
  for (const p of table.named) if (p.source.kind === 'compose') perService.set(p.source.service, [...(perService.get(p.source.service) ?? []), p]);
  const out = new Set(table.named.map((p) => p.name));
  for (const [service, ps] of perService) {
    if (ps.length === 2 && ps[0]!.name === service && ps[1]!.source.kind === 'compose' && ps[1]!.name === `${service}_${ps[1]!.source.target}`) out.delete(ps[1]!.name);
  }
  return out;
}

export function describeSource(p: NamedPort): string {
  return p.source.kind === 'declared' ? `ports.${p.name}` : `service ${p.source.service} (target ${p.source.target})`;
}

export function shiftPort(base: number, slot: number, stride: number): number {
  return base + slot * stride;
}

export function portsForSlot(table: PortTable, slot: number, stride: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of table.named) out[p.name] = p.fixed ? p.base : shiftPort(p.base, slot, stride);
  return out;
}

/** Every base host port number → its value in `slot` (range interiors included). */
export function shiftMap(table: PortTable, slot: number, stride: number): Map<number, number> {
  const map = new Map<number, number>();
  for (const b of table.bindings) {
    for (let n = b.range.lo; n <= b.range.hi; n++) map.set(n, b.fixed ? n : shiftPort(n, slot, stride));
  }
  return map;
}

const WILDCARD_IPS = new Set(['', '0.0.0.0', '::', '[::]']);

/** Two bindings can clash only on the same protocol and overlapping host addresses. */
function canClash(a: Binding, b: Binding): boolean {
  if (a.protocol !== b.protocol) return false;
  return WILDCARD_IPS.has(a.hostIp) || WILDCARD_IPS.has(b.hostIp) || a.hostIp === b.hostIp;
}

/**
 * DESIGN §4 checks, over every slot below `slots`: range, duplicates within a slot, collisions
 * between slots. Throws one PortPlanError naming the services, slots and port, with a fix.
 */
export function checkPortTable(table: PortTable, limits: PortLimits): void {
  const { stride, slots, privilegedOk } = limits;
  const last = slots - 1;
  for (const b of table.bindings) {
    const top = b.fixed ? b.range.hi : shiftPort(b.range.hi, last, stride);
    if (top > 65535) {
      throw new PortPlanError(
        `port overflow: ${b.owner} publishes ${fmtRange(b.range)}, which in slot ${last} becomes ${fmtRange(shift(b.range, last, stride))} (above 65535); lower that port, the stride (${stride}) or \`slots\` (${slots})`,
      );
    }
    if (b.range.lo < 1024 && !privilegedOk) {
      throw new PortPlanError(
        `port ${b.range.lo} of ${b.owner} is privileged (below 1024) and devslot is not running as root; publish a port of 1024 or above`,
      );
    }
  }
  // Index every base port number once; a collision between slot i and j means
  // a + i·stride = b + j·stride, i.e. b = a + k·stride with 0 < k < slots.
  const byNumber = new Map<number, Binding[]>();
  for (const b of table.bindings) {
    for (let n = b.range.lo; n <= b.range.hi; n++) {
      const list = byNumber.get(n);
      if (list) list.push(b);
      else byNumber.set(n, [b]);
    }
  }
  for (const [n, list] of byNumber) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.owner !== b.owner && canClash(a, b)) {
          throw new PortPlanError(
            `port ${n} is used twice in every slot: by ${a.owner} and by ${b.owner}; give one of them another port`,
          );
        }
      }
    }
  }
  const numbers = [...byNumber.keys()].sort((x, y) => x - y);
  for (const n of numbers) {
    for (let k = 1; k < slots; k++) {
      const other = byNumber.get(n + k * stride);
      if (!other) continue;
      for (const a of byNumber.get(n)!) {
        // A shared port stays put: only a moving port (a) can land on it in slot k; two shared
        // ports never meet (they are slot 0's, checked above).
        if (a.fixed) continue;
        const fixedHit = other.find((o) => o.fixed && canClash(a, o));
        if (fixedHit) {
          throw new PortPlanError(
            `port ${n + k * stride} of ${fixedHit.owner} is the same in every slot, but ${a.owner} (${n}) moves onto it in slot ${k}; ` +
              `move one port so they differ by something other than a multiple of the stride (${stride}) below ${slots * stride}, or change \`stride\`/\`slots\``,
          );
        }
        const b = other.find((o) => canClash(a, o) && !o.fixed);
        if (!b) continue;
        const who = a.owner === b.owner ? `${a.owner} (${n} and ${n + k * stride})` : `${a.owner} (${n}) and ${b.owner} (${n + k * stride})`;
        throw new PortPlanError(
          `port collision between slots: ${who} — port ${n + k * stride} is ${b.owner}'s in slot 0 and ${a.owner}'s in slot ${k}; ` +
            `move one port so they differ by something other than a multiple of the stride (${stride}) below ${slots * stride}, or change \`stride\`/\`slots\``,
        );
      }
    }
  }
}

function shift(r: PortRange, slot: number, stride: number): PortRange {
  return { lo: shiftPort(r.lo, slot, stride), hi: shiftPort(r.hi, slot, stride) };
}

export function fmtRange(r: PortRange): string {
  return r.lo === r.hi ? String(r.lo) : `${r.lo}-${r.hi}`;
}
