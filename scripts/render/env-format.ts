import { encodeValue } from '../plan/dotenv-doc.js';

/** A name a POSIX shell can assign; others (dotenv allows `.` and `-`) cannot be exported from sh. */
const SH_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The `--format` values (cli/args.ts ENV_FORMATS checks the flag against the same three). */
export type EnvFormat = 'sh' | 'json' | 'dotenv';

export interface FormattedEnv {
  text: string;
  /** Keys the format cannot carry (sh: not a shell name); said on stderr, never silently lost. */
  skipped: string[];
}

/**
 * One environment as text for `env --format` (DESIGN §10). `sh` is safe to `eval` whatever the
 * values: each is single-quoted, a quote inside written as '\'' , so no $, `, \ or newline is ever
 * seen by the shell. `dotenv` uses the same encoder as the generated files, so dotenv reads back
 * exactly the value (it refuses one holding ', " and ` at once: no dotenv quoting carries that).
 */
export function formatEnv(values: Record<string, string>, format: EnvFormat): FormattedEnv {
  const entries = Object.entries(values);
  switch (format) {
    case 'json':
      return { text: `${JSON.stringify(values, null, 2)}\n`, skipped: [] };
    case 'dotenv':
      return { text: entries.map(([k, v]) => `${k}=${encodeValue(v, undefined, k)}\n`).join(''), skipped: [] };
    case 'sh': {
      const skipped = entries.filter(([k]) => !SH_NAME.test(k)).map(([k]) => k);
      const text = entries.filter(([k]) => SH_NAME.test(k)).map(([k, v]) => `export ${k}=${shQuote(v)}\n`).join('');
      return { text, skipped };
    }
  }
}

export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
