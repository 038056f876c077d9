import { decodeRaw, editDotenv, encodeValue, parseDotenvDoc, type DotenvDoc } from './dotenv-doc.js';
import { rewriteValue, type PortRewrite } from './env-rewrite.js';
import { renderTemplate, type TemplateVars } from './template.js';

/** Where one value of an app's environment came from; `env --explain` prints these in order. */
export type EnvStep =
  | { source: 'template'; file: string; line: number; value: string }
  | { source: 'rewrite'; from: number; to: number; value: string }
  | { source: 'set'; template: string; value: string; /** the env entry, when an app gets several */ entry?: string }
  | { source: 'devslot'; value: string }
  | { source: 'local'; file: string; line: number; value: string }
  | { source: 'pm2'; app: string; value: string };

export type EnvExplain = Record<string, EnvStep[]>;

export interface EnvFileInput {
  /** Template text and how to show its path; absent when the entry has no `from`. */
  template?: { text: string; display: string };
  set: Record<string, string>;
  /** `env.<key>.set` for messages. */
  setWhere: string;
  vars: TemplateVars;
  shift: ReadonlyMap<number, number>;
  devslotVars: Record<string, string>;
  header: string;
}

export interface EnvFileResult {
  text: string;
  explain: EnvExplain;
}

/** Template → exact-token port rewriting → `set` → DEVSLOT_* (DESIGN §5), as text and as provenance. */
export function buildEnvFile(input: EnvFileInput): EnvFileResult {
  const explain: EnvExplain = {};
  const step = (key: string, s: EnvStep) => (explain[key] ??= []).push(s);
  const doc: DotenvDoc = input.template ? parseDotenvDoc(input.template.text, input.template.display) : { text: '', pairs: [] };
  const replace = new Map<number, string>();
  const lastIndex = new Map<string, number>();

  doc.pairs.forEach((p, i) => {
    lastIndex.set(p.key, i);
    const raw = doc.text.slice(p.start, p.end);
    step(p.key, { source: 'template', file: input.template!.display, line: p.line, value: decodeRaw(raw) });
    const { raw: next, rewrites } = rewriteValue(p.key, raw, input.shift);
    if (rewrites.length) {
      replace.set(i, next.trimStart());
      const value = decodeRaw(next);
      for (const r of rewrites as PortRewrite[]) step(p.key, { source: 'rewrite', from: r.from, to: r.to, value });
    }
  });

  const append: [string, string][] = [];
  const assign = (key: string, value: string, s: EnvStep) => {
    const i = lastIndex.get(key);
    if (i === undefined) {
      append.push([key, encodeValue(value, undefined, key)]);
      lastIndex.set(key, -1);
    } else if (i === -1) {
      const at = append.findIndex(([k]) => k === key);
      append[at] = [key, encodeValue(value, undefined, key)];
    } else {
      const p = doc.pairs[i]!;
      const quote = /^\s*(['"`])/.exec(doc.text.slice(p.start, p.end))?.[1];
      replace.set(i, encodeValue(value, quote, key));
    }
    step(key, s);
  };
  for (const [key, tmpl] of Object.entries(input.set)) {
    const value = renderTemplate(tmpl, input.vars, `${input.setWhere}.${key}`);
    assign(key, value, { source: 'set', template: tmpl, value });
  }
  for (const [key, value] of Object.entries(input.devslotVars)) assign(key, value, { source: 'devslot', value });

  const body = editDotenv(doc, replace, append);
  return { text: input.header + body, explain };
}
