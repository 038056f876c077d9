import { describe, expect, it } from 'vitest';
import { claimedError, refuseClaimed } from '../../scripts/plan/claim.js';
import { teardownOperations } from '../../scripts/plan/teardown-ops.js';
import { ForeignError, HeldElsewhereError } from '../../scripts/errors.js';

/**
 * The refusal a checkout gets when the engine's claim of a slot names another id. At the same path
 * it is most often this very folder with a replaced .identity: the line must say so and how to take
 * the slot back, not "held by /x, not this one (/x)" with advice (`stop it there`) that loops.
 */
const ROOT = '/work/proj';
const CLAIM = { name: 'shop-dev-2-devslot-claim', root: ROOT, id: '13edfd36-aaaa-bbbb-cccc-000000000000' };
const SAME_PATH =
  'slot 2 is held on this Docker engine by a checkout at this same path (/work/proj) under another id (13edfd36): ' +
  "this folder's .instances/.identity was replaced or damaged, or another machine or container uses this path on the engine";
const TAKE_BACK = "if none does, the slot is this folder's: `docker volume rm shop-dev-2-devslot-claim` and run again";

const caught = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { kind: (e as { kind?: string }).kind, message: (e as Error).message };
  }
  return undefined;
};

describe('claim refusals', () => {
  it('start at the same path under another id: says what differs and how to take the slot back', () => {
    expect(caught(() => refuseClaimed(2, CLAIM, { root: ROOT, id: 'ffffffff-new' }))).toEqual({ kind: 'busy', message: `${SAME_PATH}; ${TAKE_BACK}` });
  });

  it('start from another path: names that checkout, as before', () => {
    expect(caught(() => refuseClaimed(2, { ...CLAIM, root: '/work/copy' }, { root: ROOT, id: 'ffffffff-new' }))).toEqual({
      kind: 'busy',
      message: 'slot 2 is held on this Docker engine by the checkout at /work/copy (id 13edfd36); stop it there (`devslot 2 stop`) or use another slot here; if that checkout is gone for good, `docker volume rm shop-dev-2-devslot-claim`',
    });
    expect(claimedError(2, CLAIM).message).toContain('by the checkout at /work/proj (id 13edfd36); stop it there');
  });

  it('stop at the same path under another id: the same explanation, never "not this one (/work/proj)"', () => {
    const objects = { slot: 2, project: 'shop-dev-2', root: ROOT, containers: [], networks: [], volumes: [], apps: [], claim: CLAIM, identity: 'ffffffff-new' };
    expect(caught(() => teardownOperations(objects, { volumes: false, hint: 'stop it from there' }, []))).toEqual({
      kind: 'foreign',
      message: `${SAME_PATH}; left it alone — ${TAKE_BACK}`,
    });
  });
});

describe('stop all in a copied folder', () => {
  const objects = (apps: { name: string; namespace: string; id: number; status: string }[]) =>
    ({ slot: 2, project: 'shop-dev-2', root: '/work/copy', containers: [], networks: [], volumes: [], apps, claim: CLAIM, identity: 'ffffffff-copy' }) as Parameters<typeof teardownOperations>[0];

  it('a slot another checkout holds, where this one runs nothing: HeldElsewhereError (stop all passes it by)', () => {
    expect(() => teardownOperations(objects([]), { volumes: false, hint: 'stop it from there' }, [])).toThrow(HeldElsewhereError);
  });

  it('this checkout has apps of that slot: a plain ForeignError, a failure', () => {
    let err: unknown;
    try {
      teardownOperations(objects([{ name: 'api-2', namespace: 'shop-dev-2', id: 1, status: 'online' }]), { volumes: false, hint: 'stop it from there' }, []);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ForeignError);
    expect(err).not.toBeInstanceOf(HeldElsewhereError);
  });
});
