import { readRegistryText, registryFile, withRegistryFile } from '../adapters/registry.js';
import { StateError } from '../errors.js';
import { emptyRegistry, type Lease, type Registry } from './leases.js';
import { parseRegistry } from './registry-shape.js';

/** Says one line on stderr (without the `devslot: ` prefix and newline). */
export type Warn = (line: string) => void;

/**
 * The slot registry, validated. A bad leases.json (truncated by a crash or a full disk, or of
 * another shape) is never reset silently: worktrees would then lease each other's slots. Under the
 * lock it is set aside with one line and the registry starts afresh; a caller that cannot say so
 * (no `warn`) gets a StateError naming the file instead.
 */
export function readRegistry(commonDir: string, warn?: Warn): Registry {
  const text = readRegistryText(commonDir);
  if (text === undefined) return emptyRegistry();
  const parsed = parseRegistry(text);
  if (parsed.ok) return parsed.registry;
  const file = registryFile(commonDir);
  if (parsed.newer || !warn) throw refusal(file, parsed.problem, parsed.newer);
  warn(`${file}: ${parsed.problem}; read as holding no leases for now (the next start or init sets it aside and starts afresh)`);
  return emptyRegistry();
}

/** Run `fn` on the registry under its lock; write it back when `fn` changed it. */
export async function updateRegistry<T>(commonDir: string, fn: (reg: Registry) => Promise<T> | T, warn?: Warn): Promise<T> {
  return withRegistryFile(commonDir, async (file) => {
    let reg = emptyRegistry();
    let rebuilt = false;
    if (file.text !== undefined) {
      const parsed = parseRegistry(file.text);
      if (parsed.ok) reg = parsed.registry;
      else {
        const where = registryFile(commonDir);
        if (parsed.newer || !warn) throw refusal(where, parsed.problem, parsed.newer);
        const moved = file.setAside();
        if ('failed' in moved) throw new StateError(`${where}: ${parsed.problem}, and it cannot be set aside (${moved.failed}); move it away and run again`);
        warn(`${where}: ${parsed.problem}; set aside as ${moved.to}, leases start afresh: each worktree leases its slot again when it next runs (check \`devslot status\`)`);
        rebuilt = true;
      }
    }
    const before = JSON.stringify(reg);
    const result = await fn(reg);
    if (rebuilt || JSON.stringify(reg) !== before) file.write(`${JSON.stringify(reg, null, 2)}\n`);
    return result;
  });
}

function refusal(file: string, problem: string, newer?: boolean): StateError {
  return new StateError(
    newer
      ? `${file}: ${problem}; use that devslot version (or a newer one) here too`
      : `${file}: ${problem}; \`devslot start\` or \`init\` in a worktree sets it aside and starts afresh, or move it away yourself`,
  );
}

/** This project's leases in the repository's registry (read only). */
export function readLeases(commonDir: string, name: string, warn?: Warn): Lease[] {
  return readRegistry(commonDir, warn).projects[name] ?? [];
}
