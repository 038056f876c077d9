/**
 * Typed errors. Each carries the exit code of DESIGN §2; only the CLI entry turns one into a
 * process exit. Messages are one line saying what was wrong and what to do.
 */
export type ExitCode = 0 | 1 | 2 | 3 | 130 | 143;

export abstract class DevslotError extends Error {
  /** An ExitCode, except a child's own code passed through by exec (ChildExitError). */
  abstract readonly exitCode: number;
  /** Machine-readable kind, stable across releases (used by --json error output and tests). */
  abstract readonly kind: string;
}

/** Bad command line: unknown action, bad slot, bad option value. */
export class UsageError extends DevslotError {
  readonly exitCode = 1;
  readonly kind = 'usage';
}

/** devslot.yaml, a template or a compose file is missing or invalid. */
export class ConfigError extends DevslotError {
  readonly exitCode = 1;
  readonly kind = 'config';
}

/** The port table cannot work: overflow, duplicates within a slot, collisions between slots. */
export class PortPlanError extends DevslotError {
  readonly exitCode = 1;
  readonly kind = 'ports';
}

/** Docker, compose or PM2 failed, a port is held by someone else, a health wait timed out. */
export class RuntimeError extends DevslotError {
  readonly exitCode = 2;
  readonly kind: string = 'runtime';
}

/**
 * Part of what was asked could not be seen (one engine of several was off): what could be was
 * printed, `--json` included (which then carries the failure itself), and the exit says it is not all.
 */
export class PartialError extends RuntimeError {
  override readonly kind = 'partial';
}

/**
 * What an action would remove is not provably this checkout's (another root's label, or none):
 * left alone. stop and clean refuse with it; prune lists it and goes on.
 */
export class ForeignError extends RuntimeError {
  override readonly kind = 'foreign';
}

/**
 * A slot another checkout holds on the engine, where this one has nothing running: `stop all` and
 * `clean all` of a copied folder (its `.instances/instance-N/` came along) pass it by, saying so.
 */
export class HeldElsewhereError extends ForeignError {}

/**
 * A per-slot resource on shared infrastructure (a Postgres database, a Redis DB, a command's object)
 * could not be checked, made or dropped: the service is down, refuses the admin credentials, or the
 * admin lacks a privilege. The message names the resource and what to check.
 */
export class ResourceError extends RuntimeError {
  override readonly kind = 'resource';
  /** The session was dropped (reset, closed, refused, starting up): an idempotent step may try again. */
  transient = false;
}

/** Another devslot command holds this slot's lock. */
export class BusyError extends DevslotError {
  readonly exitCode = 2;
  readonly kind = 'busy';
}

/**
 * A file or folder devslot keeps its state in is unusable: a symlink out of `.instances/`, a file
 * where a folder goes, a read-only or full disk, a state file it cannot trust. Runtime, not a bug.
 */
export class StateError extends DevslotError {
  readonly exitCode = 2;
  readonly kind = 'state';
}

export class InterruptedError extends DevslotError {
  readonly exitCode = 130;
  readonly kind = 'interrupted';
}

/**
 * A command run in the foreground (exec, shell) ended non-zero: devslot exits with its code (a
 * signal's death as 128 + its number, as shells do). The child has already said why: print nothing.
 */
export class ChildExitError extends DevslotError {
  readonly kind = 'child-exit';
  constructor(readonly exitCode: number) {
    super(`the command exited with code ${exitCode}`);
  }
}

/** Exit code for anything that is not a DevslotError: a bug. */
export const INTERNAL_EXIT: ExitCode = 3;

export function exitCodeOf(err: unknown): number {
  return err instanceof DevslotError ? err.exitCode : INTERNAL_EXIT;
}
