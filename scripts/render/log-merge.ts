/** A log line from any source, with the time it was written. */
export interface Entry {
  time: number;
  prefix: string;
  text: string;
}

/** PM2 lines carry `log_date_format` (ISO) then ": " (see pm2-apply.ts); others get `fallback`. */
const PM2_STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})): (.*)$/;

export function parsePm2Line(line: string, fallback: number): { time: number; text: string } {
  const m = PM2_STAMP.exec(line);
  if (m) {
    const t = Date.parse(m[1]!);
    if (!Number.isNaN(t)) return { time: t, text: m[2]! };
  }
  return { time: fallback, text: line };
}

/** The lines of a text, without the empty one after its last newline. */
export function lastLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Stable merge by time: lines with equal times keep their source order. */
export function mergeByTime(entries: Entry[]): Entry[] {
  return entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.time - b.e.time || a.i - b.i).map((x) => x.e);
}

export function formatEntry(e: Entry, width: number): string {
  return `${e.prefix.padEnd(width)} | ${e.text}`;
}
