// dist/errors.js
var DevslotError = class extends Error {};
/** Bad command line: unknown action, bad slot, bad option value. */
var UsageError = class extends DevslotError {
	exitCode = 1;
	kind = "usage";
};
/** devslot.yaml, a template or a compose file is missing or invalid. */
var ConfigError = class extends DevslotError {
	exitCode = 1;
	kind = "config";
};
/** The port table cannot work: overflow, duplicates within a slot, collisions between slots. */
var PortPlanError = class extends DevslotError {
	exitCode = 1;
	kind = "ports";
};
/** Docker, compose or PM2 failed, a port is held by someone else, a health wait timed out. */
var RuntimeError = class extends DevslotError {
	exitCode = 2;
	kind = "runtime";
};
/**
* What an action would remove is not provably this checkout's (another root's label, or none):
* left alone. stop and clean refuse with it; prune lists it and goes on.
*/
var ForeignError = class extends RuntimeError {
	kind = "foreign";
};
/**
* A slot another checkout holds on the engine, where this one has nothing running: `stop all` and
* `clean all` of a copied folder (its `.instances/instance-N/` came along) pass it by, saying so.
*/
var HeldElsewhereError = class extends ForeignError {};
/**
* A per-slot resource on shared infrastructure (a Postgres database, a Redis DB, a command's object)
* could not be checked, made or dropped: the service is down, refuses the admin credentials, or the
* admin lacks a privilege. The message names the resource and what to check.
*/
var ResourceError = class extends RuntimeError {
	kind = "resource";
	/** The session was dropped (reset, closed, refused, starting up): an idempotent step may try again. */
	transient = false;
};
/** Another devslot command holds this slot's lock. */
var BusyError = class extends DevslotError {
	exitCode = 2;
	kind = "busy";
};
/**
* A file or folder devslot keeps its state in is unusable: a symlink out of `.instances/`, a file
* where a folder goes, a read-only or full disk, a state file it cannot trust. Runtime, not a bug.
*/
var StateError = class extends DevslotError {
	exitCode = 2;
	kind = "state";
};
var InterruptedError = class extends DevslotError {
	exitCode = 130;
	kind = "interrupted";
};
/**
* A command run in the foreground (exec, shell) ended non-zero: devslot exits with its code (a
* signal's death as 128 + its number, as shells do). The child has already said why: print nothing.
*/
var ChildExitError = class extends DevslotError {
	exitCode;
	kind = "child-exit";
	constructor(exitCode) {
		super(`the command exited with code ${exitCode}`);
		this.exitCode = exitCode;
	}
};
function exitCodeOf(err) {
	return err instanceof DevslotError ? err.exitCode : 3;
}
export { ForeignError as a, PortPlanError as c, StateError as d, UsageError as f, DevslotError as i, ResourceError as l, ChildExitError as n, HeldElsewhereError as o, exitCodeOf as p, ConfigError as r, InterruptedError as s, BusyError as t, RuntimeError as u };
