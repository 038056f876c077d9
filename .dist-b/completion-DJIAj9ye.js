import { r as findConfig } from "./load-CnUK0OiY.js";
import { t as readSavedSlot } from "./saved-slot-BG7HNhVZ.js";
import { n as slotsOnDisk } from "./slot-folders-8vF2wAoy.js";
import path from "node:path";
// dist/commands/completion.js
function projectLookup(ctx) {
	return {
		slots: () => knownSlots(ctx),
		names: (slot, what) => names(ctx, slot, what)
	};
}
function projectRoot(ctx) {
	try {
		return path.dirname(findConfig(ctx.cwd, void 0));
	} catch {
		return;
	}
}
function knownSlots(ctx) {
	const root = projectRoot(ctx);
	return root ? slotsOnDisk(root) : [];
}
/** A slot's services or PM2 apps from its saved plan; another slot's when it has none (they share the config). */
function names(ctx, slotArg, what) {
	const root = projectRoot(ctx);
	if (!root) return [];
	const wanted = slotArg !== void 0 ? slotArg : ctx.env.DEVSLOT_SLOT && /^\d+$/.test(ctx.env.DEVSLOT_SLOT) ? Number(ctx.env.DEVSLOT_SLOT) : 0;
	for (const slot of [wanted, ...slotsOnDisk(root).filter((s) => s !== wanted)]) {
		const saved = readSavedSlot(root, slot);
		if (!saved) continue;
		return what === "services" ? saved.compose.services : saved.apps.map((a) => a.base);
	}
	return [];
}
export { projectLookup };
