import { RuntimeError } from '../errors.js';
import { sha256 } from '../hash.js';
import type { Pm2Proc } from './observed.js';
import type { SlotApp } from './pm2-apps.js';

/** ISO timestamps on every PM2 log line, so `logs` can merge them with container logs in time order. */
export const LOG_DATE_FORMAT = 'YYYY-MM-DDTHH:mm:ss.SSSZ';
export const FINGERPRINT = 'DEVSLOT_FINGERPRINT';

/**
 * The options PM2 gets: the planned ones, ISO-timestamped logs (over any log_date_format of the
 * user's: `logs` needs them to merge in time order), and a fingerprint of the plan. The start
 * operation carries exactly these, so a dry run shows what PM2 is sent.
 */
export function pm2Options(app: SlotApp): Record<string, unknown> {
  const options = baseOptions(app);
  return { ...options, env: { ...(options.env as Record<string, string>), [FINGERPRINT]: fingerprintOf(app) } };
}

function baseOptions(app: SlotApp): Record<string, unknown> {
  return { merge_logs: true, ...app.options, log_date_format: LOG_DATE_FORMAT };
}

/** A hash of everything PM2 is given for the app: equal means the running app is this plan's. */
export function fingerprintOf(app: SlotApp): string {
  return sha256(JSON.stringify(baseOptions(app))).slice(0, 16);
}

/**
 * PM2 names are global per daemon: an app of another namespace or checkout with one of these names
 * would be replaced by starting ours. Refuse, naming it, before anything runs.
 */
export function refuseNamesakes(apps: SlotApp[], procs: Pm2Proc[], root: string): void {
  for (const app of apps) {
    const p = procs.find((x) => x.name === app.name && (x.namespace !== app.namespace || x.env.DEVSLOT_ROOT !== root));
    if (!p) continue;
    throw new RuntimeError(
      `a PM2 app named ${app.name} already exists in namespace ${p.namespace}${p.env.DEVSLOT_ROOT ? ` (from ${p.env.DEVSLOT_ROOT})` : ''} and is not this slot's; PM2 names are global, so rename or delete it first`,
    );
  }
}
