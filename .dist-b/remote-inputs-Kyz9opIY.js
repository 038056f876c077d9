import { i as detectCompose, o as resolveModel } from "./compose-aF0sDG8n.js";
import { u as hasImage } from "./docker-BMUCdZpG.js";
import { i as sshName } from "./ssh-DgtzPw1n.js";
import { r as ConfigError, u as RuntimeError } from "./errors-CfnyxBL4.js";
import fs from "node:fs";
import path from "node:path";
// dist/load/remote-inputs.js
/**
* What a remote engine cannot take from this machine, checked before anything is created:
* - a bind mount whose source is here (it would become an empty folder there): refused, exit 1;
* - an image the remote lacks: sent from here (`send-image`, before compose up) when this machine
*   has it, else one line naming it and how to get it there (no raw pull error from compose).
*/
async function remoteChecked(env, plan, ops) {
	const host = env.DOCKER_HOST;
	const name = sshName(host);
	const exists = (f) => fs.existsSync(path.resolve(plan.root, f));
	const cli = await detectCompose(env);
	const model = await resolveModel(cli, {
		project: plan.project,
		envFiles: plan.compose.envFiles.filter(exists),
		files: plan.compose.files.filter(exists),
		profiles: plan.compose.profiles,
		cwd: plan.root,
		env
	});
	const binds = [];
	const images = /* @__PURE__ */ new Set();
	for (const [svc, def] of Object.entries(model.services ?? {})) {
		for (const v of def.volumes ?? []) if (v.type === "bind" && v.source && fs.existsSync(v.source)) binds.push(`${svc}: ${v.source} -> ${v.target}`);
		if (def.image && !def.build) images.add(def.image);
	}
	if (binds.length) throw new ConfigError(`the engine is remote (${name}) and cannot see folders of this machine: bind mount${binds.length > 1 ? "s" : ""} ${binds.join("; ")}; use a named volume (copy the files in with a created hook), or run this slot on a local engine`);
	const local = { ...env };
	delete local.DOCKER_HOST;
	const send = [];
	const missing = [];
	for (const image of images) {
		if (await hasImage(env, image)) continue;
		if (await hasImage(local, image).catch(() => false)) send.push({
			slot: plan.slot,
			kind: "send-image",
			image,
			host,
			cause: `${image} is not on the remote engine ${name}; this machine has it`
		});
		else missing.push(image);
	}
	if (missing.length) throw new RuntimeError(`image ${missing.join(", ")} is on neither the remote engine ${name} nor this machine; pull it there (\`ssh ${name} docker pull ${missing[0]}\`), or pull it here (\`docker pull ${missing[0]}\`) and start again: devslot sends it over ssh`);
	const at = ops.findIndex((o) => o.kind === "compose-up");
	return [
		...ops.slice(0, at),
		...send,
		...ops.slice(at)
	];
}
export { remoteChecked };
