import { execFileSync } from 'node:child_process';

/** Whether a real tool answers. Tier-3 tests skip without it on a laptop, and fail under CI=true. */
export function works(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 20_000, env });
    return true;
  } catch {
    return false;
  }
}

export const inCI = process.env.CI === 'true';
export const hasCompose = works('docker', ['compose', 'version']);
export const hasEngine = hasCompose && works('docker', ['info']);
export const hasJust = works('just', ['--version']);
/**
 * Task (go-task), not Taskwarrior, which is also called `task`. No registry this project reaches
 * ships its binary (npm's @go-task/cli downloads it at install time), so CI does not require it.
 */
export const hasTask = (() => {
  try {
    return /^(Task version: )?v?3\./.test(execFileSync('task', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 }));
  } catch {
    return false;
  }
})();

/** Call at the top of a tier-3 file: under CI a missing tool is a failure, not a skip. */
export function requireTool(available: boolean, what: string): boolean {
  if (!available && inCI) throw new Error(`${what} is not available, and CI=true: tier-3 tests must run (see .ci/setup)`);
  return available;
}
