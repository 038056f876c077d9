import { r as defaultOptions } from "./context-73x8uNHD.js";
import { f as UsageError } from "./errors-CfnyxBL4.js";
// dist/cli/infra-args.js
const INFRA_USAGE = "devslot infra [status|stop|clean] [--yes] [--dry-run] [--json]";
function isInfraArgv(argv) {
	return argv.find((a) => !a.startsWith("-")) === "infra";
}
function parseInfra(argv) {
	const options = defaultOptions();
	const words = [];
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === "--help" || a === "-h") return {
			kind: "help",
			infra: true
		};
		if (!a.startsWith("-")) {
			words.push(a);
			continue;
		}
		switch (a) {
			case "--yes":
			case "-y":
				options.yes = true;
				break;
			case "--dry-run":
				options.dryRun = true;
				break;
			case "--json":
				options.json = true;
				break;
			case "--quiet":
			case "-q":
				options.quiet = true;
				break;
			case "--config": {
				const v = argv[++i];
				if (!v) throw new UsageError("--config needs a value");
				options.config = v;
				break;
			}
			default: throw new UsageError(`${a} does not apply to infra; usage: ${INFRA_USAGE}`);
		}
	}
	const [, what = "status", ...extra] = words;
	if (extra.length || ![
		"status",
		"stop",
		"clean"
	].includes(what)) throw new UsageError(`infra takes one of status, stop, clean; usage: ${INFRA_USAGE}`);
	return {
		kind: "infra",
		what,
		options
	};
}
export { isInfraArgv as n, parseInfra as r, INFRA_USAGE as t };
