/**
 * Tiny pure shape checks for the state files devslot reads back (.plan.json, slot.json,
 * leases.json, lock files). A file a crash, a full disk or a hand edit left behind may hold any
 * JSON: each reader checks the shape it is about to use, and gets back where it first differs
 * (`plan.ports.api: not a number`) to name in its one line, instead of a TypeError later.
 */
export type Check = (value: unknown, at: string) => string | undefined;

const is = (test: (v: unknown) => boolean, what: string): Check => (v, at) => (test(v) ? undefined : v === undefined ? `${at}: missing` : `${at}: not ${what}`);

export const str: Check = is((v) => typeof v === 'string', 'a string');
export const bool: Check = is((v) => typeof v === 'boolean', 'true or false');
export const num: Check = is((v) => typeof v === 'number' && Number.isFinite(v), 'a number');
export const int: Check = is((v) => Number.isSafeInteger(v) && (v as number) >= 0, 'a whole number');

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function optional(check: Check): Check {
  return (v, at) => (v === undefined ? undefined : check(v, at));
}

export function nullable(check: Check): Check {
  return (v, at) => (v === null ? undefined : check(v, at));
}

export function array(of: Check): Check {
  return (v, at) => {
    if (!Array.isArray(v)) return v === undefined ? `${at}: missing` : `${at}: not a list`;
    for (const [i, x] of v.entries()) {
      const bad = of(x, `${at}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  };
}

/** An object used as a map: every value passes `of`. */
export function record(of: Check): Check {
  return (v, at) => {
    if (!isObject(v)) return v === undefined ? `${at}: missing` : `${at}: not an object`;
    for (const [k, x] of Object.entries(v)) {
      const bad = of(x, `${at}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  };
}

/** An object with these fields (others are allowed: a newer writer may add some). */
export function object(fields: Record<string, Check>): Check {
  return (v, at) => {
    if (!isObject(v)) return v === undefined ? `${at}: missing` : `${at}: not an object`;
    for (const [k, check] of Object.entries(fields)) {
      const bad = check(v[k], `${at}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  };
}

/** Any JSON value but null (a field that only has to be present). */
export const present: Check = (v, at) => (v === undefined || v === null ? `${at}: missing` : undefined);

/** JSON text → value, or why not (a truncated file is the usual cause). */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, problem: text.trim() ? 'not valid JSON (truncated?)' : 'empty' };
  }
}

/** Check a whole value: undefined when it fits, else `not an object` or `compose.files: not a list`. */
export function shapeProblem(check: Check, value: unknown): string | undefined {
  const bad = check(value, '');
  return bad?.replace(/^: /, '').replace(/^\./, '');
}
