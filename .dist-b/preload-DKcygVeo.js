import { r as preloadPm2Api } from "./pm2-Cpw2rS9y.js";
import { r as preloadResourceClients } from "./resources-CNyGtYAc.js";
// dist/apply/preload.js
/**
* Starts loading what a start that acts needs, without waiting: the resource clients of these
* kinds, PM2's API and the executor (together ~0.5–0.7 s of CPU for pg, ioredis and pm2). Called
* once the planning code is loaded and just before compose is asked, so the loading runs while the
* compose CLI works in its own process. A failure here is met again, and reported, where the
* module is used.
*/
function preloadForStart(kinds) {
	preloadResourceClients(kinds);
	preloadPm2Api();
	import("./executor-B5b2ZCnn.js").catch(() => void 0);
}
export { preloadForStart };
