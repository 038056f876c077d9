import { describe, expect, it } from 'vitest';
import { UsageError } from '../../scripts/errors.js';
import { childEnv, slotEnv } from '../../scripts/plan/slot-env.js';
import type { SlotPlan } from '../../scripts/plan/slot-plan.js';

const DEVSLOT = { DEVSLOT_SLOT: '2', DEVSLOT_PROJECT: 'app-dev-2' };

/** Only what slotEnv reads: the env entries, the PM2 apps, DEVSLOT_*. */
function plan(env: Record<string, Record<string, string>>, apps: Record<string, Record<string, string>> = {}): SlotPlan {
  return {
    devslotVars: DEVSLOT,
    env: Object.fromEntries(Object.entries(env).map(([k, values]) => [k, { file: `${k}.env`, localFile: `${k}.local.env`, apps: [], values: { ...DEVSLOT, ...values }, explain: {} }])),
    apps: Object.entries(apps).map(([base, env]) => ({ base, name: `${base}-2`, namespace: 'app-dev-2', options: { env }, ownEnv: {} })),
  } as unknown as SlotPlan;
}

describe('slotEnv: the environment exec gives', () => {
  it('with --app: exactly what PM2 gives that app, by base or slot name', () => {
    const p = plan({ api: { A: '1' }, web: { A: '2' } }, { api: { ...DEVSLOT, A: '1', DEVSLOT_ROOT: '/r' } });
    expect(slotEnv(p, 'api')).toEqual({ ...DEVSLOT, A: '1', DEVSLOT_ROOT: '/r' });
    expect(slotEnv(p, 'api-2')).toEqual(slotEnv(p, 'api'));
  });

  it('with an unknown app: a usage error naming the apps', () => {
    const p = plan({}, { api: {}, web: {} });
    expect(() => slotEnv(p, 'nope')).toThrow(UsageError);
    expect(() => slotEnv(p, 'nope')).toThrow('no PM2 app "nope" in this project; apps: api, web');
  });

  it('without --app: the union of the entries, agreeing keys once', () => {
    expect(slotEnv(plan({ api: { A: '1', SHARED: 's' }, worker: { B: '2', SHARED: 's' } }))).toEqual({ ...DEVSLOT, A: '1', B: '2', SHARED: 's' });
  });

  it('without entries: DEVSLOT_* only', () => {
    expect(slotEnv(plan({}))).toEqual(DEVSLOT);
  });

  it('refuses when entries disagree, naming every conflicting key and its entries, never a value', () => {
    const p = plan({ api: { DB: 'postgres://a', PORT: '1', X: 'same' }, worker: { DB: 'postgres://b', X: 'same' }, web: { PORT: '2' } }, { api: {}, web: {} });
    let err: Error | undefined;
    try {
      slotEnv(p);
    } catch (e) {
      err = e as Error;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect(err!.message).toBe("the slot's env entries disagree on DB (env.api, env.worker), PORT (env.api, env.web); pick one app's environment with --app NAME (apps: api, web)");
    expect(err!.message).not.toContain('postgres');
  });

  it('without PM2 apps, says to make the entries agree', () => {
    expect(() => slotEnv(plan({ a: { K: '1' }, b: { K: '2' } }))).toThrow(/disagree on K \(env\.a, env\.b\); make them agree in devslot\.yaml/);
  });
});

describe('childEnv', () => {
  it('is the process env without foreign DEVSLOT_*, then the slot values on top', () => {
    const base = { PATH: '/bin', HOME: '/h', DEVSLOT_SLOT: '1', DEVSLOT_PORT_OLD: '9', PORT: '80', UNSET: undefined };
    expect(childEnv(base, { ...DEVSLOT, PORT: '3211' })).toEqual({ PATH: '/bin', HOME: '/h', ...DEVSLOT, PORT: '3211' });
  });
});
