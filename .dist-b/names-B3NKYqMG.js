// dist/names.js
/** Every name devslot derives from (config name, slot). Kept in one place so they never drift. */
const LABEL_SLOT = "dev.devslot.slot";
const LABEL_ROOT = "dev.devslot.root";
const INSTANCES_DIR = ".instances";
/** The last config init/start validated, keyed by its hash, so later commands skip parsing YAML. */
const CONFIG_CACHE = ".config.json";
/** Dot files devslot keeps in a slot folder besides its generated files: the saved plan, the applied mark. */
const OWN_DOT_FILES = [
	".plan.json",
	".applied",
	".created",
	".pm2-config.json"
];
function projectName(name, slot) {
	return `${name}-dev-${slot}`;
}
/** PM2 namespace: the same as the compose project, so one name finds a slot everywhere. */
function pm2Namespace(name, slot) {
	return projectName(name, slot);
}
function pm2AppName(app, slot) {
	return `${app}-${slot}`;
}
function slotSuffixed(original, slot) {
	return `${original}-${slot}`;
}
function instanceDirName(slot) {
	return `instance-${slot}`;
}
/** Compose project names of this config look like `<name>-dev-<N>`; returns N or undefined. */
function slotOfProject(name, project) {
	const prefix = `${name}-dev-`;
	if (!project.startsWith(prefix)) return void 0;
	const rest = project.slice(prefix.length);
	return /^(0|[1-9][0-9]*)$/.test(rest) ? Number(rest) : void 0;
}
/** DEVSLOT_PORT_<NAME>: upper case, "-" and "." become "_". */
function portEnvName(name) {
	return name.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
}
/**
* Variables a shell or common tools give meaning to: `eval "$(devslot 2 ports)"` must not set them
* (a service called `path` or `home` would otherwise replace PATH or HOME; `uid` is read-only in bash).
*/
const SHELL_RESERVED = new Set("PATH HOME IFS PS1 PS2 PS3 PS4 PWD OLDPWD SHELL USER LOGNAME TERM LANG LANGUAGE ENV CDPATH HOSTNAME HOSTTYPE UID EUID GID PPID SHLVL SHELLOPTS BASHOPTS GLOBIGNORE HISTFILE HISTSIZE MAIL MAILPATH OPTIND OPTARG OPTERR PROMPT_COMMAND TMPDIR TZ DISPLAY EDITOR VISUAL PAGER NODE_OPTIONS NODE_PATH PYTHONPATH RANDOM SECONDS LINENO FUNCNAME GROUPS PIPESTATUS INPUTRC COLUMNS LINES SSH_AUTH_SOCK PM2_HOME DOCKER_HOST".split(" "));
/**
* The name `ports` prints for a port: its DEVSLOT_PORT_ suffix when that is a plain shell variable
* nobody else gives meaning to, else the full `DEVSLOT_PORT_<NAME>` (also set for every app).
*/
function shellPortName(name) {
	const n = portEnvName(name);
	return /^[A-Z_][A-Z0-9_]*$/.test(n) && !SHELL_RESERVED.has(n) && !/^(LC_|LD_|DYLD_|BASH|DEVSLOT_|COMPOSE_|DOCKER_|XDG_)/.test(n) ? n : `DEVSLOT_PORT_${n}`;
}
/** Compose's own labels on what it creates. */
const LABEL_PROJECT = "com.docker.compose.project";
const LABEL_SERVICE = "com.docker.compose.service";
/** The compose project of the services every slot shares (DESIGN §9). */
const infraProject = (name) => `${name}-infra`;
/** Marks what the infra project creates as devslot's, for this project name. */
const LABEL_INFRA = "dev.devslot.infra";
/** The label filter that selects one compose project's containers, networks or volumes. */
const projectFilter = (project) => `${LABEL_PROJECT}=${project}`;
/**
* The engine-wide claim of one slot (issue 11): a volume named for the compose project, whose
* labels say which checkout holds it. Not labelled as the compose project's, so `compose down
* --volumes` never removes it; devslot removes it when the slot is gone.
*/
const claimName = (project) => `${project}-devslot-claim`;
const LABEL_CLAIM = "dev.devslot.claim";
const LABEL_CLAIM_ROOT = "dev.devslot.claim.root";
const LABEL_CLAIM_ID = "dev.devslot.claim.id";
/**
* Snapshots (issue 16) are volumes kept by the engine, labelled as devslot's: the snapshot's name,
* the config name and the checkout's root, so `snapshot ls|rm` only ever see provably-devslot
* volumes of this project. Not labelled as any compose project's: `compose down -v` leaves them.
*/
const LABEL_SNAPSHOT = "dev.devslot.snapshot";
const LABEL_SNAPSHOT_PROJECT = "dev.devslot.snapshot.project";
const LABEL_SNAPSHOT_VOLUME = "dev.devslot.snapshot.volume";
const LABEL_SNAPSHOT_FROM = "dev.devslot.snapshot.from";
const LABEL_SNAPSHOT_CREATED = "dev.devslot.snapshot.created";
/** The copy run that created a volume: what an interrupted run's recovery may remove, and nothing else. */
const LABEL_COPY_RUN = "dev.devslot.copy.run";
/** Compose's label on the volumes it creates: the key under `volumes:`. */
const LABEL_VOLUME = "com.docker.compose.volume";
const snapshotVolumeName = (name, snapshot, key) => `${name}-snap-${snapshot}_${key}`;
/** Compose names a project's volume `<project>_<key>` (unless it has a fixed `name:`). */
const composeVolumeName = (project, key) => `${project}_${key}`;
/** Records of copies in progress, so the next command can finish one a SIGKILL cut short. */
const COPY_RECORDS_DIR = ".copies";
/** The application_name of a clone's Postgres sessions: recovery ends those of a killed run by it. */
function cloneApplication(run) {
	return `devslot-copy-${run}`;
}
export { shellPortName as A, infraProject as C, portEnvName as D, pm2Namespace as E, slotSuffixed as M, snapshotVolumeName as N, projectFilter as O, composeVolumeName as S, pm2AppName as T, LABEL_SNAPSHOT_VOLUME as _, LABEL_CLAIM_ID as a, claimName as b, LABEL_INFRA as c, LABEL_SERVICE as d, LABEL_SLOT as f, LABEL_SNAPSHOT_PROJECT as g, LABEL_SNAPSHOT_FROM as h, LABEL_CLAIM as i, slotOfProject as j, projectName as k, LABEL_PROJECT as l, LABEL_SNAPSHOT_CREATED as m, COPY_RECORDS_DIR as n, LABEL_CLAIM_ROOT as o, LABEL_SNAPSHOT as p, INSTANCES_DIR as r, LABEL_COPY_RUN as s, CONFIG_CACHE as t, LABEL_ROOT as u, LABEL_VOLUME as v, instanceDirName as w, cloneApplication as x, OWN_DOT_FILES as y };
