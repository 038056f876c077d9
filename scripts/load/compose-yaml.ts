/**
 * A compose file's raw YAML, parsed at most once per process: planning (for `include`/`extends`)
 * and `check` (for `env_file`) both read it, and a big file (otel-demo's) costs ~100 ms to parse.
 * A file whose text never names the key asked about is not parsed at all.
 */
const parsed = new Map<string, unknown>();

/** The document, or undefined when the text cannot hold `key` or is not YAML compose would accept. */
export async function composeDocMentioning(text: string, key: 'include' | 'extends' | 'env_file' | ReadonlyArray<'include' | 'extends' | 'env_file'>): Promise<unknown> {
  const keys = typeof key === 'string' ? [key] : key;
  if (!keys.some((k) => new RegExp(`\\b${k}\\b`).test(text))) return undefined;
  if (parsed.has(text)) return parsed.get(text);
  const { parse } = await import('yaml');
  let doc: unknown;
  try {
    // 'error': compose's own tags (`!override`, `!reset`) are unknown to yaml; they are fine here,
    // and yaml would otherwise print a multi-line Node warning on devslot's stderr.
    doc = parse(text, { logLevel: 'error' });
  } catch {
    doc = undefined; // compose itself already accepted or refused it
  }
  parsed.set(text, doc);
  return doc;
}
