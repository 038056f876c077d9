import { isNode, LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import type { Locate } from './validate.js';

/**
 * How many alias expansions devslot.yaml may cause. A config needs a handful; a "billion laughs"
 * file of nested aliases expands to millions of nodes and would eat the memory (yaml counts each
 * alias use times the aliases inside what it points to).
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Parse devslot.yaml text. Syntax errors (including duplicate keys, which YAML forbids) and an
 * alias bomb become one ConfigError naming the line; the returned `locate` maps key paths to
 * lines for the validator. Warnings (an unknown `!tag`) are not printed by Node: the validator
 * judges the values.
 */
export function parseConfigYaml(text: string, display: string): { data: unknown; locate: Locate } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, logLevel: 'error' });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line;
    const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`${display}${line ? `:${line}` : ''}: invalid YAML: ${msg}`);
  }
  const locate: Locate = (keyPath) => {
    const node = keyPath.length ? doc.getIn(keyPath, true) : doc.contents;
    if (!isNode(node) || !node.range) return undefined;
    return lineCounter.linePos(node.range[0]).line;
  };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // yaml throws a ReferenceError for too many aliases (and for an alias to an unknown anchor).
    const msg = e instanceof Error ? e.message : String(e);
    throw new ConfigError(`${display}: invalid YAML: ${/alias/i.test(msg) ? `too many aliases (more than ${MAX_ALIAS_COUNT} expansions); write the values out` : msg}`);
  }
  return { data, locate };
}
