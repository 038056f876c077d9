/**
 * Types every layer may use: the actions, what a command targets, and the options it was given.
 * (The grammar that produces them is cli/; this file has no dependencies.)
 */
export const ACTIONS = ['start', 'stop', 'restart', 'status', 'ls', 'logs', 'clean', 'init', 'info', 'ports', 'env', 'exec', 'shell', 'release', 'prune', 'check'] as const;
export type Action = (typeof ACTIONS)[number];

export type Target =
  | { kind: 'slot'; slot: number; source: 'argument' | 'DEVSLOT_SLOT' | 'lease' | 'default' }
  | { kind: 'all' };

export interface Options {
  json: boolean;
  dryRun: boolean;
  yes: boolean;
  config?: string;
  timeout: number;
  follow: boolean;
  lines?: number;
  service: string[];
  quiet: boolean;
  app?: string;
  explain: boolean;
  showSecrets: boolean;
  force: boolean;
  /** start, check: findings of `check` refuse (exit 1). */
  strict: boolean;
  /** --skip-hooks: no hook step runs. */
  skipHooks: boolean;
  format?: EnvFormat;
  /** exec, shell: the child's argv, everything after `--`. */
  command: string[];
}

export const ENV_FORMATS = ['sh', 'json', 'dotenv'] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];


/** What a caller sees of each operation the executor runs (plan/operations.ts has the full type). */
export interface TracedOperation {
  kind: string;
  slot: number;
  cause: string;
}

/** Every option at its default (the health wait: 120 s): the one starting point of every parser. */
export function defaultOptions(timeout = 120): Options {
  return { json: false, dryRun: false, yes: false, timeout, follow: true, service: [], quiet: false, explain: false, showSecrets: false, force: false, strict: false, skipHooks: false, command: [] };
}
