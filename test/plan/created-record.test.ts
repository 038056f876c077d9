import { describe, expect, it } from 'vitest';
import { createdNeed } from '../../scripts/plan/hook-ops.js';
import type { SlotPlan } from '../../scripts/plan/slot-plan.js';

/**
 * Why the created hook runs at a start. A damaged `.created` (truncated, `{}`, not JSON) makes it
 * run again on data it may already have seeded: the cause must say that, not "has not succeeded yet".
 */
const plan = { slot: 2, dir: '.instances/instance-2', hooks: { created: [{ run: ['true'] }] } } as unknown as SlotPlan;
const vols = [{ name: 'shop-dev-2_data' }];

describe('createdNeed', () => {
  it.each([
    ['no record', undefined, 'the created hook has not succeeded for slot 2 yet'],
    ['a damaged record', { volumes: [], unreadable: true }, "the created hook's record (.instances/instance-2/.created) is damaged, so devslot cannot tell that it ran: it runs again"],
    ['a record whose volume was removed', { volumes: ['shop-dev-2_old'] }, 'volume shop-dev-2_old of the slot was removed since the created hook ran'],
    ['a good record', { volumes: ['shop-dev-2_data'] }, undefined],
  ])('%s', (_name, recorded, cause) => {
    expect(createdNeed(plan, recorded, vols)).toBe(cause);
  });
});
