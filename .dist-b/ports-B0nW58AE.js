import { D as portEnvName } from "./names-B3NKYqMG.js";
import { c as PortPlanError } from "./errors-CfnyxBL4.js";
// dist/plan/compose-model.js
/** "5432" → {5432,5432}; "8000-8010" → {8000,8010}; "" / undefined → null (ephemeral). */
function parsePublished(published) {
	if (published === void 0 || published === "" || published === 0 || published === "0") return null;
	const text = String(published);
	const m = /^(\d+)(?:-(\d+))?$/.exec(text);
	if (!m) throw new Error(`unexpected published port ${JSON.stringify(text)} in compose's resolved model`);
	const lo = Number(m[1]);
	return {
		lo,
		hi: m[2] === void 0 ? lo : Number(m[2])
	};
}
function isExternal(res) {
	return !!res && !!res.external;
}
/**
* Compose names a network or volume `<project>_<key>` unless the file gives `name:`. The resolved
* model always carries a name, so an explicit one is any name other than that default.
*/
function explicitName(project, key, res) {
	if (!res || isExternal(res) || res.name === void 0) return void 0;
	return res.name === `${project}_${key}` ? void 0 : res.name;
}
// dist/plan/ports.js
/** `shared`: services run once for every slot (DESIGN §9), whose ports do not move. */
function buildPortTable(declared, model, shared = /* @__PURE__ */ new Set()) {
	const named = [];
	const bindings = [];
	const byName = /* @__PURE__ */ new Map();
	const add = (p) => {
		const prev = byName.get(p.name);
		if (!prev) {
			byName.set(p.name, p);
			named.push(p);
			return;
		}
		if (prev.source.kind === "compose" && p.source.kind === "compose" && prev.source.service === p.source.service || prev.base === p.base) return;
		throw new PortPlanError(`duplicate port name \`${p.name}\`: ${describeSource(prev)} is ${prev.base} but ${describeSource(p)} is ${p.base}; rename the entry under \`ports:\` or the service`);
	};
	const declaredBindings = [];
	for (const [name, base] of Object.entries(declared)) {
		add({
			name,
			base,
			source: { kind: "declared" }
		});
		declaredBindings.push([name, {
			owner: `ports.${name}`,
			range: {
				lo: base,
				hi: base
			},
			protocol: "tcp",
			hostIp: ""
		}]);
	}
	const composeBase = /* @__PURE__ */ new Map();
	for (const [service, svc] of Object.entries(model.services)) {
		let first = true;
		for (const port of svc.ports ?? []) {
			const range = parsePublished(port.published);
			if (!range) continue;
			const source = {
				kind: "compose",
				service,
				target: port.target
			};
			const names = first ? [service, `${service}_${port.target}`] : [`${service}_${port.target}`];
			first = false;
			const fixed = shared.has(service) ? { fixed: true } : {};
			for (const name of names) {
				add({
					name,
					base: range.lo,
					source,
					...fixed
				});
				if (!composeBase.has(name)) composeBase.set(name, range.lo);
			}
			bindings.push({
				owner: `${shared.has(service) ? "shared service" : "service"} ${service}`,
				range,
				protocol: port.protocol ?? "tcp",
				hostIp: port.host_ip ?? "",
				...fixed
			});
		}
	}
	bindings.unshift(...declaredBindings.filter(([name, b]) => composeBase.get(name) !== b.range.lo).map(([, b]) => b));
	const byEnv = /* @__PURE__ */ new Map();
	for (const p of named) {
		const env = portEnvName(p.name);
		const prev = byEnv.get(env);
		if (prev && prev.base !== p.base) throw new PortPlanError(`port names \`${prev.name}\` (${describeSource(prev)}) and \`${p.name}\` (${describeSource(p)}) both become DEVSLOT_PORT_${env}; rename one`);
		byEnv.set(env, p);
	}
	return {
		named,
		bindings
	};
}
/**
* The names that get a DEVSLOT_PORT_* variable: all but the `<service>_<target>` alias of a service
* that publishes one port (`loki` says it; `loki_3100` beside it only doubled every env file).
* The alias stays a port name: `{{ports.loki_3100}}` in templates keeps working.
*/
function envPortNames(table) {
	const perService = /* @__PURE__ */ new Map();
	for (const p of table.named) if (p.source.kind === "compose") perService.set(p.source.service, [...perService.get(p.source.service) ?? [], p]);
	const out = new Set(table.named.map((p) => p.name));
	for (const [service, ps] of perService) if (ps.length === 2 && ps[0].name === service && ps[1].source.kind === "compose" && ps[1].name === `${service}_${ps[1].source.target}`) out.delete(ps[1].name);
	return out;
}
function describeSource(p) {
	return p.source.kind === "declared" ? `ports.${p.name}` : `service ${p.source.service} (target ${p.source.target})`;
}
function shiftPort(base, slot, stride) {
	return base + slot * stride;
}
function portsForSlot(table, slot, stride) {
	const out = {};
	for (const p of table.named) out[p.name] = p.fixed ? p.base : shiftPort(p.base, slot, stride);
	return out;
}
/** Every base host port number → its value in `slot` (range interiors included). */
function shiftMap(table, slot, stride) {
	const map = /* @__PURE__ */ new Map();
	for (const b of table.bindings) for (let n = b.range.lo; n <= b.range.hi; n++) map.set(n, b.fixed ? n : shiftPort(n, slot, stride));
	return map;
}
const WILDCARD_IPS = /* @__PURE__ */ new Set([
	"",
	"0.0.0.0",
	"::",
	"[::]"
]);
/** Two bindings can clash only on the same protocol and overlapping host addresses. */
function canClash(a, b) {
	if (a.protocol !== b.protocol) return false;
	return WILDCARD_IPS.has(a.hostIp) || WILDCARD_IPS.has(b.hostIp) || a.hostIp === b.hostIp;
}
/**
* DESIGN §4 checks, over every slot below `slots`: range, duplicates within a slot, collisions
* between slots. Throws one PortPlanError naming the services, slots and port, with a fix.
*/
function checkPortTable(table, limits) {
	const { stride, slots, privilegedOk } = limits;
	const last = slots - 1;
	for (const b of table.bindings) {
		if ((b.fixed ? b.range.hi : shiftPort(b.range.hi, last, stride)) > 65535) throw new PortPlanError(`port overflow: ${b.owner} publishes ${fmtRange(b.range)}, which in slot ${last} becomes ${fmtRange(shift(b.range, last, stride))} (above 65535); lower that port, the stride (${stride}) or \`slots\` (${slots})`);
		if (b.range.lo < 1024 && !privilegedOk) throw new PortPlanError(`port ${b.range.lo} of ${b.owner} is privileged (below 1024) and devslot is not running as root; publish a port of 1024 or above`);
	}
	const byNumber = /* @__PURE__ */ new Map();
	for (const b of table.bindings) for (let n = b.range.lo; n <= b.range.hi; n++) {
		const list = byNumber.get(n);
		if (list) list.push(b);
		else byNumber.set(n, [b]);
	}
	for (const [n, list] of byNumber) for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
		const a = list[i];
		const b = list[j];
		if (a.owner !== b.owner && canClash(a, b)) throw new PortPlanError(`port ${n} is used twice in every slot: by ${a.owner} and by ${b.owner}; give one of them another port`);
	}
	const numbers = [...byNumber.keys()].sort((x, y) => x - y);
	for (const n of numbers) for (let k = 1; k < slots; k++) {
		const other = byNumber.get(n + k * stride);
		if (!other) continue;
		for (const a of byNumber.get(n)) {
			if (a.fixed) continue;
			const fixedHit = other.find((o) => o.fixed && canClash(a, o));
			if (fixedHit) throw new PortPlanError(`port ${n + k * stride} of ${fixedHit.owner} is the same in every slot, but ${a.owner} (${n}) moves onto it in slot ${k}; move one port so they differ by something other than a multiple of the stride (${stride}) below ${slots * stride}, or change \`stride\`/\`slots\``);
			const b = other.find((o) => canClash(a, o) && !o.fixed);
			if (!b) continue;
			const who = a.owner === b.owner ? `${a.owner} (${n} and ${n + k * stride})` : `${a.owner} (${n}) and ${b.owner} (${n + k * stride})`;
			throw new PortPlanError(`port collision between slots: ${who} — port ${n + k * stride} is ${b.owner}'s in slot 0 and ${a.owner}'s in slot ${k}; move one port so they differ by something other than a multiple of the stride (${stride}) below ${slots * stride}, or change \`stride\`/\`slots\``);
		}
	}
}
function shift(r, slot, stride) {
	return {
		lo: shiftPort(r.lo, slot, stride),
		hi: shiftPort(r.hi, slot, stride)
	};
}
function fmtRange(r) {
	return r.lo === r.hi ? String(r.lo) : `${r.lo}-${r.hi}`;
}
export { portsForSlot as a, explicitName as c, fmtRange as i, isExternal as l, checkPortTable as n, shiftMap as o, envPortNames as r, shiftPort as s, buildPortTable as t, parsePublished as u };
