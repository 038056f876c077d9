import { r as defaultOptions } from "./context-73x8uNHD.js";
import { f as UsageError } from "./errors-CfnyxBL4.js";
// dist/cli/slot.js
/** DESIGN §2: a slot is a non-negative decimal integer; leading zeros are normalized away. */
const SLOT_RE = /^[0-9]+$/;
function isSlotToken(text) {
	return SLOT_RE.test(text);
}
/**
* Parse a slot as typed by a person. `source` names where it came from (argument or
* DEVSLOT_SLOT) so the error says what to fix.
*/
function parseSlot(text, source = "slot") {
	if (!SLOT_RE.test(text)) throw new UsageError(`${source} ${JSON.stringify(text)} is not a slot: use a whole number 0 or above, like 0, 1 or 2`);
	const n = Number.parseInt(text, 10);
	if (!Number.isSafeInteger(n)) throw new UsageError(`${source} ${JSON.stringify(text)} is too large for a slot: use a small whole number, below devslot.yaml's \`slots\` (10 unless set)`);
	return n;
}
/**
* DESIGN §13's words, which take two operands (two slots, or a slot and a name) where every other
* action takes one slot: `clone FROM TO`, `snapshot N NAME` (or `N snapshot NAME`), `restore N NAME`,
* `snapshot ls`, `snapshot rm NAME`.
*/
const COPY_WORDS = [
	"clone",
	"snapshot",
	"restore"
];
const COPY_USAGE = [
	"devslot clone FROM TO [--stop] [--only SERVICE]… [--force] [--skip-hooks] [--dry-run] [--json] [--timeout SECONDS]",
	"devslot snapshot N NAME [--stop] [--only SERVICE]… [--dry-run] [--json]",
	"devslot restore N NAME [--dry-run] [--json]",
	"devslot snapshot ls [--json]",
	"devslot snapshot rm NAME [--dry-run] [--json]"
];
const VALUE_FLAGS = /* @__PURE__ */ new Set([
	"--config",
	"--timeout",
	"--only"
]);
/** The copy word the argv names (in its first two words that are not options or their values), if any. */
function copyWordOf(argv) {
	const words = [];
	for (let i = 0; i < argv.length && words.length < 2; i++) {
		const a = argv[i];
		if (a === "--") break;
		if (a.startsWith("-") && !/^-?\d/.test(a)) {
			if (VALUE_FLAGS.has(a)) i++;
			continue;
		}
		words.push(a);
	}
	return words.find((w) => COPY_WORDS.includes(w));
}
function parseCopy(word, argv) {
	const options = defaultOptions(600);
	let stop = false;
	const only = [];
	const words = [];
	const flags = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === "--help" || arg === "-h") return {
			kind: "help",
			copy: true
		};
		if (!arg.startsWith("-") || /^-?\d/.test(arg)) {
			words.push(arg);
			continue;
		}
		const eq = arg.indexOf("=");
		const flag = eq > 0 ? arg.slice(0, eq) : arg;
		const value = () => {
			const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
			if (v === void 0 || v === "" || eq < 0 && v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
			return v;
		};
		flags.push(flag);
		switch (flag) {
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
			case "--show-secrets":
				options.showSecrets = true;
				break;
			case "--force":
				options.force = true;
				break;
			case "--skip-hooks":
				options.skipHooks = true;
				break;
			case "--stop":
				stop = true;
				break;
			case "--config":
				options.config = value();
				break;
			case "--only":
				only.push(...value().split(",").filter(Boolean));
				break;
			case "--timeout": {
				const v = value();
				const n = Number(v);
				if (!/^\d+$/.test(v) || n < 1) throw new UsageError(`--timeout needs whole seconds (at least 1), got ${JSON.stringify(v)}`);
				options.timeout = n;
				break;
			}
			default: throw new UsageError(`${flag} does not apply to ${word}; usage: ${COPY_USAGE.join(" | ")}`);
		}
	}
	const rest = words.filter((w, i) => !(w === word && i === words.indexOf(word)));
	const refuse = (allowed) => {
		const bad = flags.find((f) => !allowed.includes(f) && ![
			"--config",
			"--quiet",
			"-q",
			"--show-secrets",
			"--json"
		].includes(f));
		if (bad) throw new UsageError(`${bad} does not apply to ${word === "snapshot" && rest[0] === "ls" ? "snapshot ls" : word === "snapshot" && rest[0] === "rm" ? "snapshot rm" : word}`);
	};
	if (word === "clone") {
		refuse([
			"--dry-run",
			"--timeout",
			"--stop",
			"--only",
			"--force",
			"--skip-hooks"
		]);
		if (rest.length !== 2) throw new UsageError(`clone takes two slots: ${COPY_USAGE[0]}`);
		return {
			kind: "copy",
			what: "clone",
			from: parseSlot(rest[0]),
			to: parseSlot(rest[1]),
			stop,
			only,
			options
		};
	}
	if (word === "snapshot" && rest[0] === "ls" && !/^\d/.test(rest[1] ?? "")) {
		refuse([]);
		if (rest.length !== 1) throw new UsageError(`snapshot ls takes no other word: ${COPY_USAGE[3]}`);
		return {
			kind: "copy",
			what: "snapshot-ls",
			options
		};
	}
	if (word === "snapshot" && rest[0] === "rm") {
		refuse(["--dry-run"]);
		if (rest.length !== 2) throw new UsageError(`snapshot rm takes one snapshot name: ${COPY_USAGE[4]}`);
		return {
			kind: "copy",
			what: "snapshot-rm",
			name: rest[1],
			options
		};
	}
	refuse(word === "snapshot" ? [
		"--dry-run",
		"--timeout",
		"--stop",
		"--only"
	] : ["--dry-run", "--timeout"]);
	const slotAt = rest.findIndex((w) => /^\d+$/.test(w));
	if (rest.length !== 2 || slotAt < 0) throw new UsageError(`${word} takes a slot and a snapshot name: ${word === "snapshot" ? COPY_USAGE[1] : COPY_USAGE[2]}`);
	return {
		kind: "copy",
		what: word,
		slot: parseSlot(rest[slotAt]),
		name: rest[1 - slotAt],
		stop,
		only,
		options
	};
}
export { isSlotToken as a, parseCopy as i, COPY_WORDS as n, parseSlot as o, copyWordOf as r, COPY_USAGE as t };
