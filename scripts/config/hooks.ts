import path from 'node:path';
import { HOOK_NAMES, type HookName, type HookStep } from './types.js';
import { ENV_KEY_RE, type Checker, type KeyPath } from './validate.js';

export const STEP_KEYS = ['run', 'exec', 'script', 'name', 'app', 'env', 'timeout'] as const;
export const EXEC_KEYS = ['service', 'cmd', 'user'] as const;
/** A migration or a seed may take minutes; a step that hangs must still end. */
export const DEFAULT_STEP_TIMEOUT = 600;

/** `hooks:` of devslot.yaml (DESIGN §10): each hook a list of steps, each step exactly one of run, exec, script. */
export function validateHooks(c: Checker, raw: unknown, root: string): Partial<Record<HookName, HookStep[]>> {
  if (raw === undefined || raw === null) return {};
  const hooks: Partial<Record<HookName, HookStep[]>> = {};
  for (const [name, list] of Object.entries(c.map(raw, ['hooks'], HOOK_NAMES))) {
    const at: KeyPath = ['hooks', name];
    if (!Array.isArray(list) || !list.length) c.fail(at, 'expected a list of steps, each `run: [argv…]`, `exec: { service, cmd: [argv…] }` or `script: file.mjs`');
    hooks[name as HookName] = list.map((step, i) => validateStep(c, step, [...at, i], root));
  }
  return hooks;
}

function validateStep(c: Checker, raw: unknown, at: KeyPath, root: string): HookStep {
  const s = c.map(raw, at, STEP_KEYS);
  const kinds = (['run', 'exec', 'script'] as const).filter((k) => s[k] !== undefined);
  if (kinds.length !== 1) c.fail(at, `a step is exactly one of \`run: [argv…]\`, \`exec: { service, cmd: [argv…] }\` or \`script: file.mjs\`${kinds.length ? `, not ${kinds.join(' and ')}` : ''}`);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.env === undefined ? {} : c.map(s.env, [...at, 'env']))) {
    if (!ENV_KEY_RE.test(k)) c.fail([...at, 'env', k], 'not a valid environment variable name');
    env[k] = c.template(c.scalar(v, [...at, 'env', k]), [...at, 'env', k]);
  }
  const common = {
    ...(s.name !== undefined ? { name: c.string(s.name, [...at, 'name']) } : {}),
    ...(s.app !== undefined ? { app: c.string(s.app, [...at, 'app']) } : {}),
    env,
    timeout: s.timeout === undefined ? DEFAULT_STEP_TIMEOUT : c.int(s.timeout, [...at, 'timeout'], 1, 86_400, 'seconds'),
  };
  if (s.run !== undefined) return { ...common, kind: 'run', argv: argv(c, s.run, [...at, 'run']) };
  if (s.script !== undefined) {
    const file = c.string(s.script, [...at, 'script']);
    const abs = path.resolve(root, file);
    const rel = path.relative(root, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) c.fail([...at, 'script'], `${JSON.stringify(file)} must be a file inside the project`);
    return { ...common, kind: 'script', file: abs };
  }
  const e = c.map(s.exec, [...at, 'exec'], EXEC_KEYS);
  if (e.service === undefined) c.fail([...at, 'exec'], 'missing `service:` (the compose service to run the command in)');
  if (e.cmd === undefined) c.fail([...at, 'exec'], 'missing `cmd: [argv…]`');
  if (s.app !== undefined) c.fail([...at, 'app'], '`app` chooses a host environment; an exec step runs in its container with `env` only');
  return {
    ...common,
    kind: 'exec',
    service: c.string(e.service, [...at, 'exec', 'service']),
    argv: argv(c, e.cmd, [...at, 'exec', 'cmd']),
    ...(e.user !== undefined ? { user: c.string(e.user, [...at, 'exec', 'user']) } : {}),
  };
}

/** An argv: a non-empty list of words (templates), never one string for a shell to split. */
function argv(c: Checker, raw: unknown, at: KeyPath): string[] {
  if (typeof raw === 'string') c.fail(at, `expected a list of words, like [npm, run, migrate], not one string (devslot runs no shell)`);
  if (!Array.isArray(raw) || !raw.length) c.fail(at, 'expected a non-empty list of words, like [npm, run, migrate]');
  return raw.map((w, i) => c.template(c.scalar(w, [...at, i]), [...at, i])).map((w, i) => {
    if (i === 0 && w.trim() === '') c.fail([...at, 0], 'the command word is empty');
    return w;
  });
}
