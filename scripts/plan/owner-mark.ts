/**
 * The checkout a shared-infra resource belongs to (DESIGN §8, §9). Two copies of one project (the
 * same name, other folders) plan the same database names and Redis DB indexes; each resource
 * therefore carries a mark naming the checkout whose start made it (a Postgres database's comment,
 * a Redis DB's `devslot:owner` key), and a copy must never take over or drop what another's marks.
 */
export interface CheckoutMark {
  /** The checkout's id (`.instances/.identity`). */
  id: string;
  /** The checkout's root folder. */
  root: string;
}

const MARK = /^devslot checkout ([0-9a-f-]{8,64}) at (.+)$/s;

/** The mark's text: also what a person reading the comment or key sees. */
export function ownerMark(owner: CheckoutMark): string {
  return `devslot checkout ${owner.id} at ${owner.root}`;
}

/**
 * The owner a mark names when it is another checkout: another id at another root. The same root
 * is this checkout whatever the id (its .identity replaced); no mark, or text that is not a mark,
 * is nobody's: the first checkout that ensures the resource takes it (as before marks existed).
 */
export function foreignMark(text: string | null | undefined, me: CheckoutMark): CheckoutMark | undefined {
  const m = MARK.exec(text ?? '');
  if (!m || m[1] === me.id || m[2] === me.root) return undefined;
  return { id: m[1]!, root: m[2]! };
}

/**
 * What an ensure does with the mark it finds: `foreign` refuses, `take` writes ours (none there,
 * or not a mark), `refresh` rewrites ours with this checkout's current id, `keep` changes nothing.
 */
export type MarkAction = { kind: 'take' } | { kind: 'keep' } | { kind: 'refresh' } | { kind: 'foreign'; owner: CheckoutMark };

export function markAction(text: string | null | undefined, me: CheckoutMark): MarkAction {
  const owner = foreignMark(text, me);
  if (owner) return { kind: 'foreign', owner };
  if (text === ownerMark(me)) return { kind: 'keep' };
  return MARK.test(text ?? '') ? { kind: 'refresh' } : { kind: 'take' };
}
