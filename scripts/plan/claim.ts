import { BusyError } from '../errors.js';
import { claimName, LABEL_CLAIM, LABEL_CLAIM_ID, LABEL_CLAIM_ROOT } from '../names.js';
import type { ClaimView, VolumeView } from './observed.js';

/**
 * A checkout as the engine tells it apart: its root and a random id kept in `.instances/.identity`.
 * The root alone is not enough: a copied folder keeps the id but not the path, and two machines or
 * containers sharing one engine can use the same path.
 */
export interface CheckoutId {
  root: string;
  id: string;
}

export function claimLabels(project: string, me: CheckoutId): Record<string, string> {
  return { [LABEL_CLAIM]: project, [LABEL_CLAIM_ROOT]: me.root, [LABEL_CLAIM_ID]: me.id };
}

/** The claim of `project` among listed volumes (or the labels a claim call read back). */
export function claimFrom(project: string, volumes: VolumeView[]): ClaimView | undefined {
  const v = volumes.find((x) => x.name === claimName(project));
  return v ? { name: v.name, root: v.labels[LABEL_CLAIM_ROOT] ?? '', id: v.labels[LABEL_CLAIM_ID] ?? '' } : undefined;
}

export function heldBy(claim: ClaimView, me: CheckoutId): boolean {
  return claim.root === me.root && claim.id === me.id;
}

/**
 * Who holds a claim, as a refusal names it. A holder at this checkout's own path is most often this
 * very folder whose `.instances/.identity` was damaged or replaced (or a fresh clone made there):
 * naming "the checkout at /x, not this one (/x)" would leave the user nowhere, so it says what
 * differs and how to take the slot back.
 */
export function claimHolder(claim: ClaimView, root?: string): { who: string; fix?: string } {
  const id = claim.id.slice(0, 8) || 'none';
  if (root === undefined || claim.root !== root) return { who: `the checkout at ${claim.root || 'an unknown folder'} (id ${id})` };
  return {
    who: `a checkout at this same path (${root}) under another id (${id}): this folder's .instances/.identity was replaced or damaged, or another machine or container uses this path on the engine`,
    fix: `if none does, the slot is this folder's: \`docker volume rm ${claim.name}\` and run again`,
  };
}

/** The one line a checkout gets when another one holds the slot on this engine. */
export function claimedError(slot: number, claim: ClaimView, root?: string): BusyError {
  const { who, fix } = claimHolder(claim, root);
  return new BusyError(
    fix
      ? `slot ${slot} is held on this Docker engine by ${who}; ${fix}`
      : `slot ${slot} is held on this Docker engine by ${who}; ` +
          `stop it there (\`devslot ${slot} stop\`) or use another slot here; if that checkout is gone for good, \`docker volume rm ${claim.name}\``,
  );
}

export function refuseClaimed(slot: number, claim: ClaimView | undefined, me: CheckoutId): void {
  if (claim && !heldBy(claim, me)) throw claimedError(slot, claim, me.root);
}
