/** Bumped when SlotPlan changes shape: a saved plan of another shape is planned afresh, not misread. */
export const PLAN_VERSION = 2;
