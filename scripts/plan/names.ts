/** Every name devslot derives from (config name, slot). Kept in one place so they never drift. */
export const LABEL_SLOT = 'dev.devslot.slot';
export const LABEL_ROOT = 'dev.devslot.root';
export const INSTANCES_DIR = '.instances';
/** The last config init/start validated, keyed by its hash, so later commands skip parsing YAML. */
export const CONFIG_CACHE = '.config.json';

export function projectName(name: string, slot: number): string {
  return `${name}-dev-${slot}`;
}

/** PM2 namespace: the same as the compose project, so one name finds a slot everywhere. */
export function pm2Namespace(name: string, slot: number): string {
  return projectName(name, slot);
}

export function pm2AppName(app: string, slot: number): string {
  return `${app}-${slot}`;
}

export function slotSuffixed(original: string, slot: number): string {
  return `${original}-${slot}`;
}

export function instanceDirName(slot: number): string {
  return `instance-${slot}`;
}

/** Compose project names of this config look like `<name>-dev-<N>`; returns N or undefined. */
export function slotOfProject(name: string, project: string): number | undefined {
  const prefix = `${name}-dev-`;
  if (!project.startsWith(prefix)) return undefined;
  const rest = project.slice(prefix.length);
  return /^(0|[1-9][0-9]*)$/.test(rest) ? Number(rest) : undefined;
}

/** DEVSLOT_PORT_<NAME>: upper case, "-" and "." become "_". */
export function portEnvName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}
