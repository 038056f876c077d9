import fs from 'node:fs';
import path from 'node:path';
import { detectCompose, parseVersion } from '../adapters/compose.js';
import { readText } from '../adapters/fs.js';
import type { Config } from '../config/types.js';
import { mountedFiles, type CheckInput } from '../plan/check.js';
import { planSlot, type SlotPlan } from '../plan/slot-plan.js';
import { composeDocMentioning } from './compose-yaml.js';
import { planFreshParts } from './plan-fresh.js';
import type { PrepareOptions } from './prepare.js';

const LIFECYCLE = ['post_start', 'pre_stop'] as const;

/** A mounted file larger than this is data, not configuration: not read. */
const MAX_MOUNTED_FILE = 256 * 1024;

/**
 * Everything `devslot check` looks at, read once: the plans of the slots checked (compose resolves
 * once; the other slots are planned from the same model), a plan of a slot other than 0 (where an
 * unmoved base port shows), the compose files' `env_file:` entries and the files they and the
 * services' bind mounts name.
 */
export async function loadCheck(config: Config, slots: readonly number[], opts: PrepareOptions): Promise<{ input: CheckInput; plans: SlotPlan[] }> {
  const first = slots[0] ?? 0;
  const parts = await planFreshParts(config, first, opts);
  const plans = slots.map((s) => (s === first ? parts.plan : planSlot({ ...parts.input, slot: s })));
  const probe = plans.find((p) => p.slot !== 0) ?? (config.slots > 1 ? planSlot({ ...parts.input, slot: 1 }) : parts.plan);
  const model = parts.input.model;

  const files = new Map(parts.input.files);
  for (const f of config.compose.files) {
    const text = readText(f);
    if (text !== undefined) files.set(f, text);
  }
  const envFiles = await composeEnvFiles(config.compose.files, files);
  for (const e of envFiles) readSmallText(e.file, files);
  for (const f of mountedFiles(model)) readSmallText(f, files);
  // The compose version says whether lifecycle hooks run; asked only when a service has one (a
  // plan from the saved model spawned no compose, and `docker compose version` is ~100 ms).
  const hooks = Object.values(model.services).some((s) => LIFECYCLE.some((h) => Array.isArray(s[h]) && (s[h] as unknown[]).length > 0));
  const composeVersion = config.compose.files.length && hooks ? parseVersion((await detectCompose(opts.env)).version) : undefined;
  return { input: { config, model, plans, probe, envFiles, files, ...(composeVersion ? { composeVersion } : {}) }, plans };
}

/** `env_file:` of each service as the compose files write it (the resolved model drops it). */
async function composeEnvFiles(composeFiles: readonly string[], texts: ReadonlyMap<string, string>): Promise<{ service: string; file: string }[]> {
  const out: { service: string; file: string }[] = [];
  for (const f of composeFiles) {
    const doc = (await composeDocMentioning(texts.get(f) ?? '', 'env_file')) as { services?: Record<string, { env_file?: unknown } | null> } | undefined;
    for (const [service, svc] of Object.entries(doc?.services ?? {})) {
      const list = ([] as unknown[]).concat(svc?.env_file ?? []);
      for (const e of list) {
        const p = typeof e === 'string' ? e : e && typeof e === 'object' ? (e as { path?: unknown }).path : undefined;
        if (typeof p === 'string' && !p.includes('$')) out.push({ service, file: path.resolve(path.dirname(f), p) });
      }
    }
  }
  return out;
}

/** A regular text file of configuration size; folders, devices, binaries and unreadable files are skipped. */
function readSmallText(abs: string, into: Map<string, string>): void {
  if (into.has(abs)) return;
  try {
    const st = fs.statSync(abs);
    if (!st.isFile() || st.size > MAX_MOUNTED_FILE) return;
    const text = fs.readFileSync(abs, 'utf8');
    if (!text.includes('\0')) into.set(abs, text);
  } catch {
    // absent or unreadable: nothing to report from it
  }
}
