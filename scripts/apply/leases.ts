import { updateRegistry, type Warn } from '../leases/registry.js';

/** The end-leases operation: drop these worktrees' leases of project `name` from the registry. */
export async function endLeases(commonDir: string, name: string, worktrees: string[], warn?: Warn): Promise<void> {
  const gone = new Set(worktrees);
  await updateRegistry(commonDir, (reg) => {
    reg.projects[name] = (reg.projects[name] ?? []).filter((l) => !gone.has(l.worktree));
  }, warn);
}
