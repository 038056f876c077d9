import path from 'node:path';
import type { ComposeService } from './compose-model.js';

/** A bind mount that a slot gets a folder of its own for (`compose.perSlotMounts`). */
export interface SlotMount {
  service: string;
  target: string;
  /** The source every slot would share (absolute). */
  from: string;
  /** The slot's own folder (relative to the root): `.instances/instance-N/mounts/<source>`. */
  to: string;
}

/** A bind mount as the resolved model writes it (long syntax); short syntax is read too. */
export interface BindMount {
  source: string;
  target: string;
  readOnly: boolean;
  type: string;
}

export function mountsOf(svc: ComposeService): BindMount[] {
  const list = Array.isArray(svc.volumes) ? (svc.volumes as unknown[]) : [];
  return list.flatMap((v): BindMount[] => {
    if (typeof v === 'string') {
      const [source, target, mode] = v.split(':');
      if (!source || !target) return [];
      const bind = source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
      return [{ source, target, readOnly: (mode ?? '').split(',').includes('ro'), type: bind ? 'bind' : 'volume' }];
    }
    if (!v || typeof v !== 'object') return [];
    const e = v as { type?: string; source?: string; target?: string; read_only?: boolean };
    if (typeof e.source !== 'string' || typeof e.target !== 'string') return [];
    return [{ source: e.source, target: e.target, readOnly: !!e.read_only, type: e.type ?? 'volume' }];
  });
}

/** Whether `source` is `base` or inside it. */
export function isUnder(source: string, base: string): boolean {
  const rel = path.relative(base, source);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The override's `volumes` for one service: each bind mount whose source is (inside) a configured
 * per-slot source, pointed at the slot's own folder with the same target and mode.
 */
export function perSlotVolumes(
  service: string,
  svc: ComposeService,
  opts: { sources: readonly string[]; root: string; dir: string },
): { volumes: Record<string, unknown>[]; mounts: SlotMount[] } {
  const volumes: Record<string, unknown>[] = [];
  const mounts: SlotMount[] = [];
  for (const m of mountsOf(svc)) {
    if (m.type !== 'bind' || !path.isAbsolute(m.source)) continue;
    if (!opts.sources.some((s) => isUnder(m.source, s))) continue;
    const to = path.join(opts.dir, 'mounts', path.relative(opts.root, m.source));
    volumes.push({ type: 'bind', source: path.join(opts.root, to), target: m.target, ...(m.readOnly ? { read_only: true } : {}), bind: { create_host_path: true } });
    mounts.push({ service, target: m.target, from: m.source, to });
  }
  return { volumes, mounts };
}
