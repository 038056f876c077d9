/**
 * Typed errors. Each carries the exit code of DESIGN §2; only the CLI entry turns one into a
 * process exit. Messages are one line saying what was wrong and what to do.
 */
export type ExitCode = 0 | 1 | 2 | 3 | 130;

export abstract class DevslotError extends Error {
  abstract readonly exitCode: ExitCode;
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
  readonly kind = 'runtime';
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

/** Exit code for anything that is not a DevslotError: a bug. */
export const INTERNAL_EXIT: ExitCode = 3;

export function exitCodeOf(err: unknown): ExitCode {
  return err instanceof DevslotError ? err.exitCode : INTERNAL_EXIT;
}
