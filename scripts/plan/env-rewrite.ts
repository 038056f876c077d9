/**
 * Exact-token port rewriting (DESIGN §5, TRAPS "Env files"): only `host:PORT` for local hosts with
 * a token boundary on both sides, and values that are exactly a known port under keys ending in PORT.
 * Substring replacement would turn :90001 into :91001 and miss PORT="3211".
 */
export interface PortRewrite {
  from: number;
  to: number;
}

const LOCAL_HOST_PORT =
  /(?<![A-Za-z0-9.\-_])(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal):(\d{1,5})(?![A-Za-z0-9_])/g;

/**
 * Rewrite local `host:PORT` tokens inside a raw value; unknown ports stay as they are. `keep`
 * leaves chosen tokens alone (inside a container, `0.0.0.0:P` is a bind address of its own port).
 */
export function rewriteHostPorts(
  raw: string,
  shift: ReadonlyMap<number, number>,
  keep?: (host: string, port: number) => boolean,
): { raw: string; rewrites: PortRewrite[] } {
  const rewrites: PortRewrite[] = [];
  const out = raw.replace(LOCAL_HOST_PORT, (whole, host: string, port: string) => {
    const from = Number(port);
    const to = shift.get(from);
    if (to === undefined || String(from) !== port || keep?.(host, from)) return whole;
    rewrites.push({ from, to });
    return `${host}:${to}`;
  });
  return { raw: out, rewrites };
}

export function isPortKey(key: string): boolean {
  return /port$/i.test(key);
}

/** `PORT=3211`, `API_PORT="3211"`: a value that is exactly a known port, quotes kept. */
export function rewritePortValue(raw: string, shift: ReadonlyMap<number, number>): { raw: string; rewrites: PortRewrite[] } {
  const m = /^(\s*)(['"`]?)(\d{1,5})\2(\s*)$/.exec(raw);
  if (!m || String(Number(m[3])) !== m[3]) return { raw, rewrites: [] };
  const from = Number(m[3]);
  const to = shift.get(from);
  if (to === undefined) return { raw, rewrites: [] };
  return { raw: `${m[1]}${m[2]}${to}${m[2]}${m[4]}`, rewrites: [{ from, to }] };
}

export function rewriteValue(key: string, raw: string, shift: ReadonlyMap<number, number>): { raw: string; rewrites: PortRewrite[] } {
  if (isPortKey(key)) {
    const exact = rewritePortValue(raw, shift);
    if (exact.rewrites.length) return exact;
  }
  return rewriteHostPorts(raw, shift);
}

/** Every local `host:PORT` token of a text (exact tokens, the same rule as the rewrite). */
export function hostPortTokens(raw: string): { host: string; port: number; index: number }[] {
  const out: { host: string; port: number; index: number }[] = [];
  for (const m of raw.matchAll(LOCAL_HOST_PORT)) {
    if (String(Number(m[2])) === m[2]) out.push({ host: m[1]!, port: Number(m[2]), index: m.index });
  }
  return out;
}
