/** Every name devslot derives from (config name, slot). Kept in one place so they never drift. */
export const LABEL_SLOT = 'dev.devslot.slot';
export const LABEL_ROOT = 'dev.devslot.root';
export const INSTANCES_DIR = '.instances';
/** The last config init/start validated, keyed by its hash, so later commands skip parsing YAML. */
export const CONFIG_CACHE = '.config.json';
/** Dot files devslot keeps in a slot folder besides its generated files: the saved plan, the applied mark. */
export const OWN_DOT_FILES = ['.plan.json', '.applied', '.created', '.pm2-config.json', '.compose-model.json'] as const;

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

/**
 * Variables a shell or common tools give meaning to: `eval "$(devslot 2 ports)"` must not set them
 * (a service called `path` or `home` would otherwise replace PATH or HOME; `uid` is read-only in bash).
 */
const SHELL_RESERVED = new Set(
  ('PATH HOME IFS PS1 PS2 PS3 PS4 PWD OLDPWD SHELL USER LOGNAME TERM LANG LANGUAGE ENV CDPATH HOSTNAME HOSTTYPE ' +
    'UID EUID GID PPID SHLVL SHELLOPTS BASHOPTS GLOBIGNORE HISTFILE HISTSIZE MAIL MAILPATH OPTIND OPTARG OPTERR ' +
    'PROMPT_COMMAND TMPDIR TZ DISPLAY EDITOR VISUAL PAGER NODE_OPTIONS NODE_PATH PYTHONPATH RANDOM SECONDS LINENO ' +
    'FUNCNAME GROUPS PIPESTATUS INPUTRC COLUMNS LINES SSH_AUTH_SOCK PM2_HOME DOCKER_HOST').split(' '),
);

/**
 * The name `ports` prints for a port: its DEVSLOT_PORT_ suffix when that is a plain shell variable
 * nobody else gives meaning to, else the full `DEVSLOT_PORT_<NAME>` (also set for every app).
 */
export function shellPortName(name: string): string {
  const n = portEnvName(name);
  const plain = /^[A-Z_][A-Z0-9_]*$/.test(n) && !SHELL_RESERVED.has(n) && !/^(LC_|LD_|DYLD_|BASH|DEVSLOT_|COMPOSE_|DOCKER_|XDG_)/.test(n);
  return plain ? n : `DEVSLOT_PORT_${n}`;
}

/** Compose's own labels on what it creates. */
export const LABEL_PROJECT = 'com.docker.compose.project';
export const LABEL_SERVICE = 'com.docker.compose.service';

/** The compose project of the services every slot shares (DESIGN §9). */
export const infraProject = (name: string): string => `${name}-infra`;
/** Marks what the infra project creates as devslot's, for this project name. */
export const LABEL_INFRA = 'dev.devslot.infra';

/** The label filter that selects one compose project's containers, networks or volumes. */
export const projectFilter = (project: string): string => `${LABEL_PROJECT}=${project}`;

/**
 * The engine-wide claim of one slot (issue 11): a volume named for the compose project, whose
 * labels say which checkout holds it. Not labelled as the compose project's, so `compose down
 * --volumes` never removes it; devslot removes it when the slot is gone.
 */
export const claimName = (project: string): string => `${project}-devslot-claim`;
export const LABEL_CLAIM = 'dev.devslot.claim';
export const LABEL_CLAIM_ROOT = 'dev.devslot.claim.root';
export const LABEL_CLAIM_ID = 'dev.devslot.claim.id';

/**
 * Snapshots (issue 16) are volumes kept by the engine, labelled as devslot's: the snapshot's name,
 * the config name and the checkout's root, so `snapshot ls|rm` only ever see provably-devslot
 * volumes of this project. Not labelled as any compose project's: `compose down -v` leaves them.
 */
export const LABEL_SNAPSHOT = 'dev.devslot.snapshot';
export const LABEL_SNAPSHOT_PROJECT = 'dev.devslot.snapshot.project';
export const LABEL_SNAPSHOT_VOLUME = 'dev.devslot.snapshot.volume';
export const LABEL_SNAPSHOT_FROM = 'dev.devslot.snapshot.from';
export const LABEL_SNAPSHOT_CREATED = 'dev.devslot.snapshot.created';
/** The copy run that created a volume: what an interrupted run's recovery may remove, and nothing else. */
export const LABEL_COPY_RUN = 'dev.devslot.copy.run';
/** Compose's label on the volumes it creates: the key under `volumes:`. */
export const LABEL_VOLUME = 'com.docker.compose.volume';

export const snapshotVolumeName = (name: string, snapshot: string, key: string): string => `${name}-snap-${snapshot}_${key}`;
/** Compose names a project's volume `<project>_<key>` (unless it has a fixed `name:`). */
export const composeVolumeName = (project: string, key: string): string => `${project}_${key}`;
/** Records of copies in progress, so the next command can finish one a SIGKILL cut short. */
export const COPY_RECORDS_DIR = '.copies';

/** The application_name of a clone's Postgres sessions: recovery ends those of a killed run by it. */
export function cloneApplication(run: string): string {
  return `devslot-copy-${run}`;
}
