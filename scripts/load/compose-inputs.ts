import fs from 'node:fs';
import path from 'node:path';
import { composeChildEnv } from '../adapters/compose.js';
import { composeDocMentioning } from './compose-yaml.js';
import { interpolatedNames } from './plan-cache.js';

export interface ComposeInputs {
  /** Absolute paths: the compose files, what they pull in, env files of either kind (absent ones too). */
  files: string[];
  /** Every variable whose value can reach the resolved model. */
  vars: string[];
  /** A path compose builds from a variable devslot cannot see (one set in an env file): nothing keyed on these inputs can be trusted. */
  volatile: boolean;
  /** The bytes each file had when it was read here (undefined: absent): the key hashes these, not a later read. */
  read: Map<string, Buffer | undefined>;
}

/**
 * What compose reads to resolve the model, besides devslot's own arguments: every file the compose
 * files pull in (`include`, `extends.file`, recursively), every `env_file:` of a service or an
 * include (compose copies their values into `environment` and drops the key: the resolved model
 * cannot name them), and every variable whose value reaches the model — interpolated ones
 * (`${VAR}`) in compose and env files, and names given without a value (`environment: [NAME]`,
 * `NAME:` with nothing after it, a bare `NAME` line in an env file), whose value compose copies
 * from the environment, and HOME (a `~` compose expands may come from any value). An include reads its own folder's
 * `.env` unless it names env files. Found from the text (a regex may name a few variables that are not
 * environment entries: each only adds a value to compare, never hides one).
 *
 * `envFiles` are the `--env-file`s devslot passes; `env` resolves a variable in an env_file path
 * (`$DOCKERDIR/app.env`); one not set there may come from an env file: volatile.
 */
export async function composeInputFiles(files: readonly string[], envFiles: readonly string[], env: NodeJS.ProcessEnv): Promise<ComposeInputs> {
  const seen = new Set<string>();
  const read = new Map<string, Buffer | undefined>();
  const safeRead = (abs: string): string | undefined => {
    let buf: Buffer | undefined;
    try {
      buf = fs.readFileSync(abs);
    } catch {
      buf = undefined; // absent, a folder or unreadable: compose names it when it matters
    }
    read.set(abs, buf);
    return buf?.toString('utf8');
  };
  // HOME always: a `~` compose expands may come from any interpolated value, not only the text.
  const vars = new Set<string>(['HOME']);
  let volatile = false;
  // The environment compose runs with (composeChildEnv): a variable devslot drops for compose
  // (COMPOSE_PROJECT_NAME, DEVSLOT_*) is unset there, whatever the shell says.
  const seenByCompose = composeChildEnv(env);
  const envText = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const text = safeRead(abs);
    if (text === undefined) return;
    for (const v of interpolatedNames(text)) vars.add(v);
    for (const m of text.matchAll(/^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*\r?$/gm)) vars.add(m[1]!);
  };
  // A path as compose would read it, relative to `bases` (every candidate is keyed: an extra one
  // only adds a file that must keep its hash); undefined when a variable in it is not known.
  const expand = (p: unknown, bases: string[], tilde = false): string[] | undefined => {
    if (typeof p !== 'string') return [];
    // Compose sets COMPOSE_PROJECT_NAME from -p: such a path names another file for every slot.
    if (/COMPOSE_PROJECT_NAME/.test(p)) return undefined;
    const expanded = expandVars(p, seenByCompose);
    if (expanded === undefined) return undefined;
    // Compose expands `~` in an env_file path (not in include or extends.file).
    const out = tilde && /^~(?=\/|$)/.test(expanded) ? (env.HOME === undefined ? undefined : env.HOME + expanded.slice(1)) : expanded;
    if (out === undefined) return undefined;
    return [...new Set(bases.map((b) => path.resolve(b, out)))];
  };
  const visit = async (abs: string, projectDir: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const text = safeRead(abs);
    if (text === undefined) return;
    for (const v of interpolatedNames(text)) vars.add(v);
    for (const v of bareNames(text)) vars.add(v);
    const doc = await composeDocMentioning(text, ['include', 'extends', 'env_file']);
    if (doc === undefined) return;
    const base = path.dirname(abs);
    const bases = [base, projectDir];
    const d = (doc ?? {}) as { include?: unknown; services?: Record<string, { extends?: { file?: unknown }; env_file?: unknown } | null> };
    const includes = Array.isArray(d.include) ? d.include : d.include ? [d.include] : [];
    for (const inc of includes) {
      const long = inc && typeof inc === 'object' ? (inc as { path?: unknown; env_file?: unknown; project_directory?: unknown }) : undefined;
      const paths = typeof inc === 'string' ? [inc] : long ? ([] as unknown[]).concat(long.path ?? []) : [];
      const dir = long && typeof long.project_directory === 'string' ? expand(long.project_directory, [base]) : undefined;
      for (const p of paths) {
        // Relative to the project folder (the first -f file's) or this file's: both are keyed.
        const to = expand(p, bases);
        if (to === undefined) volatile = true;
        // An included file's relative paths resolve against its own project directory, and
        // without an env_file of its own compose reads that directory's `.env`.
        else for (const t of to) {
          const incDir = dir?.[0] ?? path.dirname(t);
          if (long?.env_file === undefined) envText(path.join(incDir, '.env'));
          await visit(t, incDir);
        }
      }
      if (dir === undefined && long && typeof long.project_directory === 'string') volatile = true;
      for (const e of ([] as unknown[]).concat(long?.env_file ?? [])) {
        const to = expand(e, [base, ...(dir ?? [])], true);
        if (to === undefined) volatile = true;
        else to.forEach(envText);
      }
    }
    for (const svc of Object.values(d.services ?? {})) {
      const file = svc?.extends?.file;
      if (file !== undefined) {
        const to = expand(file, bases);
        if (to === undefined) volatile = true;
        else for (const t of to) await visit(t, projectDir);
      }
      for (const e of ([] as unknown[]).concat(svc?.env_file ?? [])) {
        const to = expand(e && typeof e === 'object' ? (e as { path?: unknown }).path : e, bases, true);
        if (to === undefined) volatile = true;
        else to.forEach(envText);
      }
    }
  };
  for (const f of envFiles) envText(f);
  const projectDir = path.dirname(files[0] ?? '.');
  for (const f of files) await visit(f, projectDir);
  return { files: [...seen], vars: [...vars].sort(), volatile, read };
}

/** `$NAME` and `${NAME}` from `env`; undefined for a name not set there, or any other `$` form (`${X:-d}`). */
export function expandVars(p: string, env: NodeJS.ProcessEnv): string | undefined {
  let unknown = false;
  const out = p.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a?: string, b?: string) => {
    if (m === '$$') return '$';
    const v = env[(a ?? b)!];
    if (v === undefined) unknown = true;
    return v ?? '';
  });
  // A `$` left over is a form compose expands and this does not.
  return unknown || /\$(?!\$)/.test(p.replace(/\$\$|\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '')) ? undefined : out;
}

/**
 * Names a compose file may give without a value (`- NAME`, `NAME:`, `NAME: null`, `[A, B]` after
 * `environment:`): compose takes their values from the environment.
 */
export function bareNames(text: string): string[] {
  const names = new Set<string>();
  const NAME = '[A-Za-z_][A-Za-z0-9_.-]*';
  for (const m of text.matchAll(new RegExp(`^[ \\t]*-[ \\t]*(["']?)(${NAME})\\1[ \\t]*(?:#.*)?\\r?$`, 'gm'))) names.add(m[2]!);
  for (const m of text.matchAll(new RegExp(`^[ \\t]*(["']?)(${NAME})\\1[ \\t]*:[ \\t]*(?:null|Null|NULL|~)?[ \\t]*(?:#.*)?\\r?$`, 'gm'))) names.add(m[2]!);
  for (const m of text.matchAll(/\benvironment[ \t]*:[ \t]*\[([^\]]*)\]/g)) {
    for (const item of m[1]!.split(',')) {
      const t = item.trim().replace(/^(["'])(.*)\1$/, '$2');
      if (new RegExp(`^${NAME}$`).test(t)) names.add(t);
    }
  }
  return [...names].sort();
}

