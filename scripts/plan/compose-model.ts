/**
 * The resolved compose model, as `docker compose … config --format json` prints it: ports are
 * always long syntax there, ranges are expanded, interpolation/extends/include/profiles applied.
 * Only the fields devslot reads are typed; everything else passes through untouched.
 */
export interface ComposeModel {
  name?: string;
  services: Record<string, ComposeService>;
  networks?: Record<string, ComposeResource | null>;
  volumes?: Record<string, ComposeResource | null>;
}

export interface ComposeService {
  ports?: ComposePort[];
  container_name?: string;
  network_mode?: string;
  labels?: Record<string, string>;
  [key: string]: unknown;
}

export interface ComposePort {
  mode?: string;
  host_ip?: string;
  target: number;
  /** A string in compose's output ("5432" or a range "8000-8010"); absent when ephemeral. */
  published?: string | number;
  protocol?: string;
  name?: string;
  app_protocol?: string;
}

export interface ComposeResource {
  name?: string;
  external?: boolean | { name?: string };
  [key: string]: unknown;
}

export interface PortRange {
  lo: number;
  hi: number;
}

/** "5432" → {5432,5432}; "8000-8010" → {8000,8010}; "" / undefined → null (ephemeral). */
export function parsePublished(published: string | number | undefined): PortRange | null {
  if (published === undefined || published === '' || published === 0 || published === '0') return null;
  const text = String(published);
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) throw new Error(`unexpected published port ${JSON.stringify(text)} in compose's resolved model`);
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return { lo, hi };
}

export function isExternal(res: ComposeResource | null | undefined): boolean {
  return !!res && !!res.external;
}

/**
 * Compose names a network or volume `<project>_<key>` unless the file gives `name:`. The resolved
 * model always carries a name, so an explicit one is any name other than that default.
 */
export function explicitName(project: string, key: string, res: ComposeResource | null | undefined): string | undefined {
  if (!res || isExternal(res) || res.name === undefined) return undefined;
  return res.name === `${project}_${key}` ? undefined : res.name;
}
