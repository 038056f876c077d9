/**
 * The layers of scripts/ (see the README's "Code" section) and which may import which. A file's
 * layer is its folder; the few files at the top of scripts/ are shared by every layer.
 */
export const LAYERS = {
  /** The bin and the library entry: may use anything. */
  entry: ['*'],
  /** Types and helpers every layer may use: errors, Io, the shared types, names, hashing, the version. */
  shared: [],
  /** argv → a parsed command → one handler. */
  cli: ['shared', 'config', 'commands'],
  /** One file per action: load → plan → observe → apply → render. No adapter. */
  commands: ['shared', 'config', 'load', 'plan', 'observe', 'apply', 'render', 'leases'],
  /** devslot.yaml → Config. */
  config: ['shared'],
  /** Everything read before planning, and its caches. */
  load: ['shared', 'config', 'plan', 'adapters'],
  /** Pure: inputs → SlotPlan; SlotPlan + observed state → operations. */
  plan: ['shared', 'config'],
  /** Read-only views of Docker, PM2 and the slot folders. */
  observe: ['shared', 'config', 'plan', 'load', 'adapters'],
  /** The executor and the waits. */
  apply: ['shared', 'config', 'plan', 'observe', 'load', 'leases', 'adapters'],
  /** Terminal text. */
  render: ['shared', 'config', 'plan', 'observe'],
  /** Worktree leases: pure rules and the registry. */
  leases: ['shared', 'config', 'plan', 'observe', 'adapters'],
  /** One module per external system (config and plan: for their types and pure helpers). */
  adapters: ['shared', 'config', 'plan'],
} as const satisfies Record<string, readonly string[]>;

export type Layer = keyof typeof LAYERS;

const SHARED_FILES = new Set(['errors.ts', 'io.ts', 'context.ts', 'hash.ts', 'version.ts', 'names.ts']);
const ENTRY_FILES = new Set(['cli.ts', 'index.ts']);

/** The layer of a path relative to scripts/ (undefined: not part of any layer). */
export function layerOf(rel: string): Layer | undefined {
  const parts = rel.split(/[\\/]/);
  if (parts.length === 1) return ENTRY_FILES.has(parts[0]!) ? 'entry' : SHARED_FILES.has(parts[0]!) ? 'shared' : undefined;
  return parts[0]! in LAYERS ? (parts[0] as Layer) : undefined;
}

/** Relative import specifiers of a module: static, type-only, re-exports and dynamic imports. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*(['"])(\.{1,2}\/[^'"]+)\1|\bimport\s*\(\s*(['"])(\.{1,2}\/[^'"]+)\3\s*\)/g)) {
    out.push(m[2] ?? m[4]!);
  }
  return out;
}

/** Each import that crosses into a layer its layer may not use, as "from → to (rule)". */
export function violations(edges: { from: string; to: string }[]): string[] {
  const out: string[] = [];
  for (const { from, to } of edges) {
    const a = layerOf(from);
    const b = layerOf(to);
    if (!a || !b || a === b) continue;
    const allowed: readonly string[] = LAYERS[a];
    if (allowed.includes('*') || allowed.includes(b)) continue;
    out.push(`${from} → ${to} (${a} may import ${allowed.join(', ') || 'nothing'})`);
  }
  return out;
}
