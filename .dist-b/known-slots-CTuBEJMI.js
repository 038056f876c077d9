import { h as listVolumes, m as listNetworks } from "./docker-BMUCdZpG.js";
import { s as listInstanceSlots } from "./fs-GiFRpoZG.js";
import { r as observe } from "./observe-UMfz03SM.js";
import { j as slotOfProject, u as LABEL_ROOT } from "./names-B3NKYqMG.js";
// dist/observe/known-slots.js
/**
* The slots `ACTION all` acts on; stop, clean, restart and their dry runs all ask here, so they
* agree. stop/clean take every slot with files under .instances/, anything running, or a network
* (clean: or a volume) left for this root; restart takes the running ones. Without an engine
* (`engine` false) only PM2 and the files are seen.
*/
async function allSlots(config, engines, action, engine) {
	const [states, leftovers] = await Promise.all([observe(config, engines, { docker: engine }), engine && action !== "restart" ? Promise.all(engines.map((g) => leftoverSlots(config, g, action === "clean"))).then((l) => l.flat()) : Promise.resolve([])]);
	const known = [.../* @__PURE__ */ new Set([
		...states.keys(),
		...listInstanceSlots(config.root),
		...leftovers
	])].sort((a, b) => a - b);
	return {
		slots: action === "restart" ? known.filter((s) => states.has(s)) : known,
		states,
		leftovers: new Set(leftovers)
	};
}
/**
* Slots of this root whose networks (and, for clean, volumes) are still there: one engine call
* each. A slot whose containers and files are gone would otherwise keep them until someone finds
* them by hand.
*/
async function leftoverSlots(config, engine, volumes) {
	const { env } = engine;
	const label = [`${LABEL_ROOT}=${config.root}`];
	const [networks, vols] = await Promise.all([listNetworks(env, label), volumes ? listVolumes(env, label) : Promise.resolve([])]);
	return [...networks, ...vols].map((x) => slotOfProject(config.name, x.labels["com.docker.compose.project"] ?? "")).filter((s) => s !== void 0 && engine.owns(s));
}
export { allSlots as t };
