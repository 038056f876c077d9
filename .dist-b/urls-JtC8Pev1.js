// dist/plan/urls.js
/** A tcp probe's target: `PORT` (on 127.0.0.1) or `HOST:PORT` (the host may hold colons: IPv6). */
function tcpTarget(tcp) {
	const at = tcp.lastIndexOf(":");
	return at < 0 ? {
		host: "127.0.0.1",
		port: tcp
	} : {
		host: tcp.slice(0, at),
		port: tcp.slice(at + 1)
	};
}
/** Container ports that are almost always HTTP; a URL is shown only where it is likely to work. */
const HTTP_TARGETS = /* @__PURE__ */ new Set([
	80,
	3e3,
	4200,
	5e3,
	5173,
	8e3,
	8080,
	8081,
	8888
]);
const HTTPS_TARGETS = /* @__PURE__ */ new Set([443, 8443]);
/**
* A URL per named port or app where devslot can tell it speaks HTTP: a health URL, or a web
* target port; `paths` (devslot.yaml `urls:`) gives the path to show (`/docs` where `/` is a 404),
* makes a named port a URL even on an unusual target, or (`false`) takes its URL away. Anything
* else, a published database port say, gets no URL.
*/
function portUrls(plan, paths = {}) {
	const targets = plan.portTargets ?? {};
	const urls = {};
	for (const [name, port] of Object.entries(plan.ports)) {
		const target = targets[name];
		const path = paths[name];
		if (target !== void 0 && HTTPS_TARGETS.has(target)) urls[name] = `https://localhost:${port}${path || ""}`;
		else if (target !== void 0 && HTTP_TARGETS.has(target) || typeof path === "string") urls[name] = `http://localhost:${port}${path || ""}`;
	}
	for (const [app, probe] of Object.entries(plan.health)) if ("http" in probe && paths[app] !== false) urls[app] = new URL(typeof paths[app] === "string" ? paths[app] : "/", new URL(probe.http).origin).href;
	for (const [name, path] of Object.entries(paths)) if (path === false) delete urls[name];
	return urls;
}
export { tcpTarget as n, portUrls as t };
