import os from 'node:os';
import path from 'node:path';
import { projectArgs } from '../adapters/compose.js';
import { INSTANCES_DIR } from './names.js';
import { maskEnv } from './secrets.js';
import type { SlotPlan } from './slot-plan.js';

/** One step of start/stop/clean, as data: the dry run prints it, the executor runs it. */
export type Operation =
  | { kind: 'write'; dir: string; files: string[] }
  | { kind: 'compose'; argv: string[]; cwd: string }
  | { kind: 'pm2-start'; app: string; namespace: string; options: Record<string, unknown> }
  | { kind: 'pm2-delete'; app: string; namespace: string }
  | { kind: 'pm2-restart'; app: string; namespace: string }
  | { kind: 'remove-dir'; dir: string; keep: string };

export interface OpContext {
  /** ['docker', 'compose'] or ['docker-compose']. */
  composeArgv: string[];
}

export function composeBase(plan: SlotPlan, ctx: OpContext): string[] {
  return [...ctx.composeArgv, ...projectArgs(plan.compose)];
}

export function startOps(plan: SlotPlan, ctx: OpContext): Operation[] {
  const ops: Operation[] = [{ kind: 'write', dir: INSTANCES_DIR, files: plan.files.map((f) => path.relative(INSTANCES_DIR, f.path)) }];
  if (plan.compose.files.length) {
    // No --wait: devslot polls container health itself (one Docker call per round) to show
    // per-service progress, and `up --wait` fails or hangs on one-shot services (compose#9273, #10200).
    ops.push({ kind: 'compose', cwd: plan.root, argv: [...composeBase(plan, ctx), 'up', '--detach', '--remove-orphans'] });
  }
  for (const app of plan.apps) ops.push({ kind: 'pm2-start', app: app.name, namespace: app.namespace, options: app.options });
  return ops;
}

/**
 * `down` takes only `-p`: compose finds the project's containers, networks and volumes by label,
 * so stop works even after the config changed or broke (see commands/stop.ts).
 */
export function downArgv(project: string, composeArgv: string[], volumes: boolean): string[] {
  return [...composeArgv, '-p', project, 'down', '--remove-orphans', ...(volumes ? ['--volumes'] : [])];
}

export function stopOps(plan: SlotPlan, ctx: OpContext): Operation[] {
  const ops: Operation[] = plan.apps.map((a) => ({ kind: 'pm2-delete', app: a.name, namespace: a.namespace }) as Operation);
  if (plan.compose.files.length) ops.push({ kind: 'compose', cwd: os.tmpdir(), argv: downArgv(plan.project, ctx.composeArgv, false) });
  return ops;
}

export function cleanOps(plan: SlotPlan, ctx: OpContext): Operation[] {
  const ops: Operation[] = plan.apps.map((a) => ({ kind: 'pm2-delete', app: a.name, namespace: a.namespace }) as Operation);
  if (plan.compose.files.length) ops.push({ kind: 'compose', cwd: os.tmpdir(), argv: downArgv(plan.project, ctx.composeArgv, true) });
  ops.push({ kind: 'remove-dir', dir: plan.dir, keep: '*.local.env' });
  return ops;
}

export function restartOps(plan: SlotPlan, ctx: OpContext): Operation[] {
  const ops: Operation[] = [];
  if (plan.compose.files.length) ops.push({ kind: 'compose', cwd: plan.root, argv: [...composeBase(plan, ctx), 'restart'] });
  for (const app of plan.apps) ops.push({ kind: 'pm2-restart', app: app.name, namespace: app.namespace });
  return ops;
}

/** One readable line per operation; argv words are quoted only for display. */
export function describeOp(op: Operation, showSecrets: boolean): string {
  switch (op.kind) {
    case 'write':
      return `write ${op.dir}/{${op.files.join(',')}}`;
    case 'compose':
      return op.argv.map(displayQuote).join(' ');
    case 'pm2-start': {
      const env = maskEnv((op.options.env ?? {}) as Record<string, string>, showSecrets);
      return `pm2 start-or-reload ${displayQuote(op.app)} --namespace ${displayQuote(op.namespace)} ${JSON.stringify({ ...op.options, env })}`;
    }
    case 'pm2-delete':
      return `pm2 delete ${displayQuote(op.app)} (namespace ${op.namespace}; by pm_id, if it runs)`;
    case 'pm2-restart':
      return `pm2 restart ${displayQuote(op.app)} (namespace ${op.namespace}; by pm_id, if it runs)`;
    case 'remove-dir':
      return `remove ${op.dir}/ (keeping ${op.keep})`;
  }
}

function displayQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
