// dist/cli/actions.js
const ALIASES = {
	up: "start",
	down: "stop",
	ps: "status"
};
/** Actions that act on a slot: in a worktree, an explicit slot leased to another one is refused for these. */
const ACTING = /* @__PURE__ */ new Set([
	"start",
	"stop",
	"restart",
	"clean",
	"init"
]);
/** Actions that create a slot and so lease it to the checkout (issue 15); every other action leaves the registry as it is. */
const LEASING = /* @__PURE__ */ new Set(["start", "init"]);
/** Options every action takes. */
const COMMON = [
	"config",
	"quiet",
	"showSecrets"
];
const ACTION_SPEC = {
	start: {
		all: false,
		slot: true,
		options: [
			"json",
			"dryRun",
			"explain",
			"timeout",
			"force",
			"strict",
			"skipHooks"
		],
		summary: "claim the slot, write its files, start containers and PM2 apps, wait until they stay up, print URLs"
	},
	stop: {
		all: true,
		slot: true,
		options: [
			"json",
			"dryRun",
			"explain",
			"timeout",
			"force",
			"skipHooks"
		],
		summary: "delete the slot's PM2 apps and compose down (volumes stay)"
	},
	restart: {
		all: true,
		slot: true,
		options: [
			"json",
			"dryRun",
			"explain",
			"timeout",
			"force"
		],
		summary: "restart the slot's PM2 apps and containers and wait until they are up"
	},
	status: {
		all: true,
		slot: true,
		options: ["json"],
		summary: "every service: kind, state, health, ports, URL"
	},
	ls: {
		all: true,
		slot: false,
		options: ["json"],
		summary: "one line per known slot (= status all)"
	},
	logs: {
		all: true,
		slot: true,
		options: [
			"follow",
			"lines",
			"service"
		],
		summary: "container and PM2 logs, merged in time order"
	},
	clean: {
		all: true,
		slot: true,
		options: [
			"json",
			"dryRun",
			"explain",
			"timeout",
			"yes",
			"force",
			"skipHooks"
		],
		summary: "stop, then remove volumes and .instances/instance-N/"
	},
	init: {
		all: false,
		slot: true,
		options: ["json", "force"],
		summary: "write .instances/instance-N/ only"
	},
	info: {
		all: false,
		slot: true,
		options: ["json"],
		summary: "project name, ports, URLs, files, PM2 app names"
	},
	ports: {
		all: false,
		slot: true,
		options: ["json"],
		summary: "NAME=PORT lines, safe to eval"
	},
	env: {
		all: false,
		slot: true,
		options: [
			"json",
			"app",
			"explain",
			"format"
		],
		summary: "the environment an app gets; --explain shows where each value came from"
	},
	exec: {
		all: false,
		slot: true,
		options: ["app"],
		summary: "run CMD in the project root with the slot's environment (real values); exits with its code"
	},
	shell: {
		all: false,
		slot: true,
		options: ["app"],
		summary: "open $SHELL with the slot's environment"
	},
	release: {
		all: false,
		slot: false,
		options: ["json"],
		summary: "stop every slot this worktree leases and end its leases"
	},
	prune: {
		all: true,
		slot: false,
		options: [
			"json",
			"dryRun",
			"explain",
			"yes"
		],
		summary: "list (or with --yes remove) slots whose worktree git no longer lists"
	},
	check: {
		all: true,
		slot: true,
		options: ["json", "strict"],
		summary: "report what devslot cannot move: base ports left in place, URLs on other slots' ports, shared mounts, networks, proxies"
	}
};
const OPTION_FLAGS = {
	json: {
		flag: "--json",
		help: "machine output on stdout"
	},
	dryRun: {
		flag: "--dry-run",
		help: "print the operations (with their causes) instead of running them"
	},
	yes: {
		flag: "--yes",
		help: "do not ask for confirmation (clean); also -y"
	},
	config: {
		flag: "--config",
		value: "PATH",
		help: "devslot.yaml to use (default: nearest upwards)"
	},
	timeout: {
		flag: "--timeout",
		value: "SECONDS",
		help: "health wait, and wait for a busy slot (default 120)"
	},
	follow: {
		flag: "--no-follow",
		help: "print the logs and exit (default: follow)"
	},
	lines: {
		flag: "--lines",
		value: "N",
		help: "log lines per service to start with"
	},
	service: {
		flag: "--service",
		value: "NAME",
		help: "only this service (repeatable)"
	},
	quiet: {
		flag: "--quiet",
		help: "no live progress; plain lines only"
	},
	app: {
		flag: "--app",
		value: "NAME",
		help: "the PM2 app whose environment to show or use"
	},
	format: {
		flag: "--format",
		value: "sh|json|dotenv",
		help: "env: print one environment to eval (sh), parse (json) or load (dotenv)"
	},
	explain: {
		flag: "--explain",
		help: "env: where each value came from; --dry-run: each app's env values"
	},
	showSecrets: {
		flag: "--show-secrets",
		help: "do not mask secret-looking values"
	},
	force: {
		flag: "--force",
		help: "take over a slot another worktree holds (stops it there first)"
	},
	skipHooks: {
		flag: "--skip-hooks",
		help: "run no hook step (devslot.yaml hooks:); a created hook not yet run stays due"
	},
	strict: {
		flag: "--strict",
		help: "findings of check are errors (exit 1): start refuses, check fails"
	}
};
function allowedOptions(action) {
	return [...COMMON, ...ACTION_SPEC[action].options];
}
export { OPTION_FLAGS as a, LEASING as i, ACTION_SPEC as n, allowedOptions as o, ALIASES as r, ACTING as t };
