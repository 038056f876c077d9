import fs from 'node:fs';
import path from 'node:path';
import { detectCompose, resolveModel } from '../adapters/compose.js';
import { hasImage } from '../adapters/docker.js';
import { sshName } from '../adapters/ssh.js';
import { ConfigError, RuntimeError } from '../errors.js';
import type { Operation } from '../plan/operations.js';
import type { SlotPlan } from '../plan/slot-plan.js';

/**
 * What a remote engine cannot take from this machine, checked before anything is created:
 * - a bind mount whose source is here (it would become an empty folder there): refused, exit 1;
 * - an image the remote lacks: sent from here (`send-image`, before compose up) when this machine
 *   has it, else one line naming it and how to get it there (no raw pull error from compose).
 */
export async function remoteChecked(env: NodeJS.ProcessEnv, plan: SlotPlan, ops: Operation[]): Promise<Operation[]> {
  const host = env.DOCKER_HOST!;
  const name = sshName(host);
  const exists = (f: string) => fs.existsSync(path.resolve(plan.root, f));
  // The slot's generated files may not exist before its first start: the user's files say it all.
  const cli = await detectCompose(env);
  const model = await resolveModel(cli, { project: plan.project, envFiles: plan.compose.envFiles.filter(exists), files: plan.compose.files.filter(exists), profiles: plan.compose.profiles, cwd: plan.root, env });
  const binds: string[] = [];
  const images = new Set<string>();
  for (const [svc, def] of Object.entries(model.services ?? {}) as [string, { image?: string; build?: unknown; volumes?: { type?: string; source?: string; target?: string }[] }][]) {
    for (const v of def.volumes ?? []) if (v.type === 'bind' && v.source && fs.existsSync(v.source)) binds.push(`${svc}: ${v.source} -> ${v.target}`);
    if (def.image && !def.build) images.add(def.image);
  }
  if (binds.length) {
    throw new ConfigError(`the engine is remote (${name}) and cannot see folders of this machine: bind mount${binds.length > 1 ? 's' : ''} ${binds.join('; ')}; use a named volume (copy the files in with a created hook), or run this slot on a local engine`);
  }
  const local = { ...env };
  delete local.DOCKER_HOST;
  const send: Operation[] = [];
  const missing: string[] = [];
  for (const image of images) {
    if (await hasImage(env, image)) continue;
    if (await hasImage(local, image).catch(() => false)) send.push({ slot: plan.slot, kind: 'send-image', image, host, cause: `${image} is not on the remote engine ${name}; this machine has it` });
    else missing.push(image);
  }
  if (missing.length) {
    throw new RuntimeError(`image ${missing.join(', ')} is on neither the remote engine ${name} nor this machine; pull it there (\`ssh ${name} docker pull ${missing[0]}\`), or pull it here (\`docker pull ${missing[0]}\`) and start again: devslot sends it over ssh`);
  }
  const at = ops.findIndex((o) => o.kind === 'compose-up');
  return [...ops.slice(0, at), ...send, ...ops.slice(at)];
}
