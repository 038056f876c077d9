// dist/context.js
/**
* Types every layer may use: the actions, what a command targets, and the options it was given.
* (The grammar that produces them is cli/; this file has no dependencies.)
*/
const ACTIONS = [
	"start",
	"stop",
	"restart",
	"status",
	"ls",
	"logs",
	"clean",
	"init",
	"info",
	"ports",
	"env",
	"exec",
	"shell",
	"release",
	"prune",
	"check"
];
const ENV_FORMATS = [
	"sh",
	"json",
	"dotenv"
];
/** Every option at its default (the health wait: 120 s): the one starting point of every parser. */
function defaultOptions(timeout = 120) {
	return {
		json: false,
		dryRun: false,
		yes: false,
		timeout,
		follow: true,
		service: [],
		quiet: false,
		explain: false,
		showSecrets: false,
		force: false,
		strict: false,
		skipHooks: false,
		command: []
	};
}
export { ENV_FORMATS as n, defaultOptions as r, ACTIONS as t };
