import { _ as requireEngine$1, l as engineIdentity } from "./docker-BMUCdZpG.js";
// dist/observe/engine.js
/** Fail with one line, and how to fix it, when the engine does not answer (one ping). */
function requireEngine(env) {
	return requireEngine$1(env);
}
/** Whether the engine answers, without failing. */
function engineAnswers(env) {
	return requireEngine$1(env).then(() => true, () => false);
}
/**
* Which engine is on DOCKER_HOST, for status and info: known from any earlier answer's headers (no
* request), else asked once; undefined when it does not answer.
*/
function whichEngine(env) {
	return engineIdentity(env).catch(() => void 0);
}
/** `Podman 4.3.1 at unix:///run/podman/podman.sock`, for the text views. */
function engineLine(env, id) {
	const host = env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
	return id ? `${id.kind === "podman" ? "Podman" : "Docker"} ${id.version} at ${host}` : `not reachable at ${host}`;
}
export { whichEngine as i, engineLine as n, requireEngine as r, engineAnswers as t };
