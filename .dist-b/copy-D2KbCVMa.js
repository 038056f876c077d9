import { s as InterruptedError, u as RuntimeError } from "./errors-CfnyxBL4.js";
import { c as engineError, g as removeVolume, s as dockerClient } from "./docker-BMUCdZpG.js";
import { f as writeAtomic } from "./fs-GiFRpoZG.js";
import { n as COPY_RECORDS_DIR, r as INSTANCES_DIR, x as cloneApplication } from "./names-B3NKYqMG.js";
import { n as readSlotResources } from "./resource-secrets-r17cfeWh.js";
import { t as checkoutIdentity } from "./identity-DaFZZe3H.js";
import fs from "node:fs";
import path from "node:path";
// dist/adapters/docker-copy.js
async function listProjectContainers(env, project) {
	const d = await dockerClient(env);
	try {
		return (await d.listContainers({
			all: true,
			filters: { label: [`com.docker.compose.project=${project}`] }
		})).map((c) => ({
			id: c.Id,
			name: (c.Names?.[0] ?? c.Id).replace(/^\//, ""),
			service: c.Labels?.["com.docker.compose.service"] ?? "",
			state: c.State,
			volumes: (c.Mounts ?? []).filter((m) => m.Type === "volume" && m.Name).map((m) => m.Name)
		}));
	} catch (e) {
		throw engineError(env, `list the containers of ${project}`, e);
	}
}
/** Whether the engine has this image locally (a copy never pulls: an offline engine would hang on it). */
async function hasImage(env, image) {
	const d = await dockerClient(env);
	try {
		await d.getImage(image).inspect();
		return true;
	} catch (e) {
		if (e.statusCode === 404) return false;
		throw engineError(env, `inspect the image ${image}`, e);
	}
}
async function containerPaused(env, id) {
	const d = await dockerClient(env);
	try {
		return (await d.getContainer(id).inspect()).State.Paused;
	} catch (e) {
		if (e.statusCode === 404) return void 0;
		throw engineError(env, `inspect container ${id.slice(0, 12)}`, e);
	}
}
/** One container state change; one already in that state is fine (409/304). */
async function changeContainer(env, id, verb) {
	const c = (await dockerClient(env)).getContainer(id);
	try {
		if (verb === "stop") await c.stop({ t: 10 });
		else await c[verb]();
	} catch (e) {
		const status = e.statusCode;
		if (status === 304) return;
		if (status === 409 && /not paused|already paused|is paused/i.test(String(e.message))) return;
		throw engineError(env, `${verb} container ${id.slice(0, 12)}`, e);
	}
}
async function createLabelledVolume(env, name, labels) {
	const d = await dockerClient(env);
	try {
		await d.createVolume({
			Name: name,
			Labels: labels
		});
	} catch (e) {
		throw engineError(env, `create the volume ${name}`, e);
	}
}
async function volumeLabels(env, name) {
	const d = await dockerClient(env);
	try {
		return (await d.getVolume(name).inspect()).Labels ?? {};
	} catch (e) {
		if (e.statusCode === 404) return void 0;
		throw engineError(env, `inspect the volume ${name}`, e);
	}
}
/** Remove a container by name or id, running or not; one that is gone is fine. */
async function removeContainer(env, id) {
	await (await dockerClient(env)).getContainer(id).remove({ force: true }).catch((e) => {
		if (e.statusCode === 404 || e.statusCode === 409) return;
		throw engineError(env, `remove container ${id}`, e);
	});
}
/**
* The copy, in one helper container mounting the source read-only and the target: GNU tar both
* ways (busybox tar drops sparse files and xattrs), by absolute path (a busybox shell runs its own
* applets before PATH). Any read or write error fails the copy, never a torn file: both exit codes
* are checked (no `pipefail` in dash). The words are fixed: no user text reaches this shell.
*/
const COPY_SCRIPT = [
	"T=\"\"",
	"for t in /usr/bin/tar /bin/tar /usr/local/bin/tar; do if \"$t\" --version 2>/dev/null | head -n 1 | grep -q \"GNU tar\"; then T=$t; break; fi; done",
	"[ -n \"$T\" ] || { echo \"no GNU tar in this image\" >&2; exit 97; }",
	"for i in \"$@\"; do [ -z \"$(ls -A \"/to/$i\")\" ] || { echo \"target volume $i is not empty\" >&2; exit 98; }; done",
	"for i in \"$@\"; do",
	"  ( cd \"/from/$i\" && \"$T\" --sparse --xattrs --xattrs-include=\"*\" --acls --numeric-owner -cpf - . ; echo $? > /tmp/devslot-read-rc ) | \"$T\" -C \"/to/$i\" --xattrs --xattrs-include=\"*\" --acls --numeric-owner --same-owner -xpf -",
	"  w=$?; r=$(cat /tmp/devslot-read-rc)",
	"  [ \"$r\" = 0 ] && [ \"$w\" = 0 ] || { echo \"tar failed on volume $i (read exit $r, write exit $w)\" >&2; exit 99; }",
	"done"
].join("\n");
/** Copy volumes into (empty) ones; on Ctrl-C or past the deadline the helper is removed. */
async function copyVolume(env, run) {
	const bounded = await dockerClient(env);
	const unbounded = await dockerClient(env, false);
	let id;
	const what = run.pairs.map((p) => `${p.from} to ${p.to}`).join(", ");
	try {
		const c = await bounded.createContainer({
			name: run.name,
			Image: run.image,
			Entrypoint: [
				"sh",
				"-c",
				COPY_SCRIPT,
				"devslot-copy"
			],
			Cmd: run.pairs.map((_, i) => String(i)),
			User: "0:0",
			Labels: run.labels,
			NetworkDisabled: true,
			HostConfig: {
				NetworkMode: "none",
				Mounts: run.pairs.flatMap((p, i) => [{
					Type: "volume",
					Source: p.from,
					Target: `/from/${i}`,
					ReadOnly: true,
					VolumeOptions: { NoCopy: true }
				}, {
					Type: "volume",
					Source: p.to,
					Target: `/to/${i}`,
					VolumeOptions: { NoCopy: true }
				}])
			}
		});
		id = c.id;
		const waited = unbounded.getContainer(c.id).wait({ condition: "next-exit" });
		waited.catch(() => void 0);
		await c.start();
		const outcome = await Promise.race([
			waited.then((r) => ({
				kind: "exit",
				code: r.StatusCode
			})),
			new Promise((resolve) => setTimeout(() => resolve({ kind: "timeout" }), Math.max(0, run.deadline - Date.now())).unref()),
			new Promise((resolve) => run.signal.aborted ? resolve({ kind: "abort" }) : run.signal.addEventListener("abort", () => resolve({ kind: "abort" }), { once: true }))
		]);
		if (outcome.kind === "abort") throw new InterruptedError(`interrupted while copying ${what}`);
		if (outcome.kind === "timeout") throw new RuntimeError(`copying ${what} did not finish within --timeout; give a longer --timeout SECONDS`);
		if (outcome.code !== 0) {
			const text = demuxText(await c.logs({
				stdout: true,
				stderr: true,
				tail: 5
			}).catch(() => Buffer.alloc(0))).trim().split("\n").slice(-3).join(" ⏎ ");
			if (outcome.code === 97) throw new RuntimeError(`the copy image ${run.image} has no GNU tar (needed to keep sparse files and xattrs); set copy.image in devslot.yaml (or DEVSLOT_COPY_IMAGE) to an image with GNU tar, e.g. debian:bookworm-slim`);
			throw new RuntimeError(`copying ${what} failed (exit ${outcome.code}): ${text || "no output"}`);
		}
	} catch (e) {
		if (e instanceof RuntimeError || e instanceof InterruptedError) throw e;
		throw engineError(env, `copy ${what}`, e);
	} finally {
		await removeContainer(env, id ?? run.name).catch(() => void 0);
	}
}
/** The text of a non-TTY container's log (8-byte frame headers). */
function demuxText(buf) {
	if (!Buffer.isBuffer(buf)) return String(buf ?? "");
	let at = 0;
	const parts = [];
	while (at + 8 <= buf.length) {
		const size = buf.readUInt32BE(at + 4);
		parts.push(buf.subarray(at + 8, at + 8 + size));
		at += 8 + size;
	}
	return Buffer.concat(parts).toString("utf8");
}
// dist/apply/copy.js
/** The executor's steps of a copy (issue 16). */
async function copyStep(op, rt, state) {
	switch (op.kind) {
		case "record-copy": {
			const abs = path.join(op.root, op.file);
			fs.mkdirSync(path.dirname(abs), { recursive: true });
			writeAtomic(abs, `${JSON.stringify(op.record)}\n`, 420, op.file);
			return;
		}
		case "pause-containers":
			state.paused = { at: Date.now() };
			await Promise.all(op.containers.map((c) => changeContainer(rt.env, c.id, op.stop ? "stop" : "pause")));
			return;
		case "resume-containers":
			await Promise.all(op.containers.map((c) => changeContainer(rt.env, c.id, op.stopped ? "start" : "unpause")));
			if (state.paused) state.paused.ms = Date.now() - state.paused.at;
			return;
		case "create-volume": return createLabelledVolume(rt.env, op.name, op.labels);
		case "copy-volumes": return copyVolume(rt.env, {
			image: op.image,
			pairs: op.pairs,
			name: op.helper,
			labels: op.labels,
			deadline: rt.deadline,
			signal: rt.signal
		});
		case "remove-volume": return removeVolume(rt.env, op.name);
		case "forget-copy":
			fs.rmSync(path.join(op.root, op.file), { force: true });
			return;
	}
}
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === "EPERM";
	}
}
/**
* A copy whose devslot was killed (SIGKILL: no finally ran) left its record: its helpers are
* removed, its source let go, the volumes it created (those carrying its run label, nothing else)
* removed. A record of a live process is a copy still running: left alone. Returns what it did.
*/
async function recoverCopies(root, env) {
	const dir = path.join(root, INSTANCES_DIR, COPY_RECORDS_DIR);
	let names;
	try {
		names = fs.readdirSync(dir).filter((n) => n.endsWith(".json"));
	} catch {
		return [];
	}
	const said = [];
	for (const n of names) {
		const file = path.join(dir, n);
		let rec;
		try {
			rec = JSON.parse(fs.readFileSync(file, "utf8"));
		} catch {
			continue;
		}
		if (rec.pid !== process.pid && alive(rec.pid)) continue;
		for (const h of rec.helpers ?? []) await removeContainer(env, h);
		const resumed = [];
		for (const c of rec.containers ?? []) {
			const paused = await containerPaused(env, c.id);
			if (rec.stopped) {
				await changeContainer(env, c.id, "start").catch(() => void 0);
				resumed.push(c.name);
			} else if (paused) {
				await changeContainer(env, c.id, "unpause");
				resumed.push(c.name);
			}
		}
		const removed = [];
		for (const v of rec.volumes ?? []) {
			if ((await volumeLabels(env, v))?.["dev.devslot.copy.run"] !== rec.run) continue;
			await removeVolume(env, v);
			removed.push(v);
		}
		const resources = rec.resources ? await undoResources(root, rec.run, rec.resources) : [];
		fs.rmSync(file, { force: true });
		const parts = [
			...resumed.length ? [`${rec.stopped ? "started" : "unpaused"} ${resumed.join(", ")}`] : [],
			...removed.length ? [`removed its partial volume${removed.length > 1 ? "s" : ""} ${removed.join(", ")}`] : [],
			...resources
		];
		said.push(`an interrupted copy of ${rec.project} (run ${rec.run}) was undone${parts.length ? `: ${parts.join("; ")}` : ""}`);
	}
	return said;
}
/** The resources of a killed clone: each source database opened again, each target dropped (emptied). */
async function undoResources(root, run, r) {
	const recorded = readSlotResources(root, r.fromSlot) ?? [];
	const said = [];
	for (const item of r.items) {
		const res = recorded.find((x) => x.name === item.name && x.kind === item.kind);
		if (res?.kind === "postgres") {
			const { undoPostgresClone } = await import("./postgres-clone-B13uynvq.js");
			const u = await undoPostgresClone({
				resource: res.name,
				admin: res.admin
			}, item.from, item.to, cloneApplication(run));
			if (u.reopened) said.push(`opened database ${item.from} to connections again`);
			if (u.dropped) said.push(`dropped the partial database ${item.to}`);
		} else if (res?.kind === "redis") {
			const { flushRedisDb } = await import("./redis-BG09OXkK.js");
			const f = await flushRedisDb({
				resource: res.name,
				url: res.baseUrl
			}, Number(item.to), checkoutIdentity(root, false));
			said.push(f.foreign ? `left redis DB ${item.to} alone: it belongs to the checkout at ${f.foreign}` : `emptied redis DB ${item.to}`);
		}
	}
	return said;
}
export { listProjectContainers as i, recoverCopies as n, hasImage as r, copyStep as t };
