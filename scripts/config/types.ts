import type { EngineRange } from './engines.js';

/**
 * The shape of Config as saved in .instances/.config.json; bump it when Config changes shape, so a
 * saved config of the old shape is validated afresh instead of read as the new one.
 */
export const CONFIG_SHAPE = 4;

/** The validated devslot.yaml, with every default applied and paths absolute. */
export interface Config {
  /** Absolute path of the devslot.yaml this came from. */
  path: string;
  /** Project root: the directory holding devslot.yaml. */
  root: string;
  name: string;
  stride: number;
  slots: number;
  compose: ComposeConfig;
  /** Declared base ports (PM2 apps, dev servers), by name. */
  ports: Record<string, number>;
  env: Record<string, EnvEntry>;
  pm2: { config: string; explicit: boolean };
  health: Record<string, HealthProbe>;
  /**
   * The URL path of a named port or app, shown in the summary and status (`/docs` where `/` 404s);
   * `false`: that port has no URL. Names not listed get one only where devslot can tell it is HTTP.
   */
  urls: Record<string, string | false>;
  check: CheckConfig;
  /** Compose services run once for every slot, as project `<name>-infra` (DESIGN §9). */
  shared: SharedConfig;
  /** Per-slot resources made on shared services, by name (`{{resources.NAME.KEY}}`). */
  resources: Record<string, ResourceSpec>;
  /** DESIGN §10: steps run at points of a slot's life; a hook not configured is absent. */
  hooks: Partial<Record<HookName, HookStep[]>>;
  /** clone, snapshot, restore (issue 16): the image whose GNU tar copies volumes; absent: the default. */
  copy?: { image: string };
  /** Issue 19: the engine of each slot that names one (others use the default engine); absent: none. */
  engines?: EngineRange[];
}

export const HOOK_NAMES = ['created', 'pre-start', 'post-start', 'pre-stop', 'pre-clean', 'post-clone'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/**
 * One step of a hook: an argv on the host (`run`), an argv in a container of the slot (`exec`), or
 * a zx script (`script`). Words and `env` values are templates ({{slot}}, {{ports.NAME}}, …),
 * rendered per slot into argv words and variables — never into shell text.
 */
export type HookStep = HookStepCommon & (
  | { kind: 'run'; argv: string[] }
  | { kind: 'exec'; service: string; argv: string[]; user?: string }
  | { kind: 'script'; file: string }
);

export interface HookStepCommon {
  /** Shown in messages; default `<hook>[<n>]`. */
  name?: string;
  /** Host steps: whose environment (a PM2 app's); default the union of the slot's env entries. */
  app?: string;
  /** Extra variables for the step. */
  env: Record<string, string>;
  /** Seconds before the step is stopped and counted as failed. */
  timeout: number;
}

export interface SharedConfig {
  services: string[];
}

/**
 * A resource as written, templates unrendered. `service` is the shared service it lives on: given
 * explicitly, or (absent) found by the planner from the `{{ports.NAME}}` in `admin`/`url`.
 */
export type ResourceSpec =
  | { kind: 'postgres'; service?: string; admin: string; database: string }
  | { kind: 'redis'; service?: string; url: string }
  | { kind: 'command'; service?: string; exists: string[]; create: string[]; drop: string[] };

export interface CheckConfig {
  /** Findings of `devslot check` refuse `start` (as `--strict` does). */
  strict: boolean;
}

export interface ComposeConfig {
  /** Absolute paths, in -f order. */
  files: string[];
  /** Absolute paths, in --env-file order. */
  envFiles: string[];
  profiles: string[];
  /** Absolute bind-mount sources each slot gets its own copy of, under `.instances/instance-N/mounts/`. */
  perSlotMounts: string[];
  /** Absolute bind-mount sources meant to be shared by every slot (check does not report them). */
  sharedMounts: string[];
}

export interface EnvEntry {
  /**
   * The dotenv template's candidates, absolute, in order: the first that exists is used (a fresh
   * worktree has `.env.example` but no `.env` yet). Absent when the entry has no `from`.
   */
  from?: string[];
  set: Record<string, string>;
  apps: string[];
}

export type HealthProbe = { http: string } | { tcp: string };
