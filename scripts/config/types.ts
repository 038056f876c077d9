/**
 * The shape of Config as saved in .instances/.config.json; bump it when Config changes shape, so a
 * saved config of the old shape is validated afresh instead of read as the new one.
 */
export const CONFIG_SHAPE = 3;

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
  check: CheckConfig;
  /** Compose services run once for every slot, as project `<name>-infra` (DESIGN §9). */
  shared: SharedConfig;
  /** Per-slot resources made on shared services, by name (`{{resources.NAME.KEY}}`). */
  resources: Record<string, ResourceSpec>;
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
