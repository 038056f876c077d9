import { isNode, LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import type { Locate } from './validate.js';

/**
 * Parse devslot.yaml text. Syntax errors (including duplicate keys, which YAML forbids) become
 * one ConfigError naming the line; the returned `locate` maps key paths to lines for the validator.
 */
export function parseConfigYaml(text: string, display: string): { data: unknown; locate: Locate } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
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
  return { data: doc.toJS(), locate };
}
