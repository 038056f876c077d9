import path from 'node:path';
import { paint } from '../io.js';
import { engineLine, whichEngine } from '../observe/engine.js';
import { maskValue } from '../plan/secrets.js';
import { slotJson } from '../plan/slot-json.js';
import { portUrls } from '../plan/urls.js';
import { planOf, printJson, type CommandContext } from './context.js';

export async function infoCommand(ctx: CommandContext, slot: number): Promise<void> {
  const plan = await planOf(ctx, slot, true);
  if (ctx.options.json) return printJson(ctx, slotJson(plan));
  const urls = portUrls(plan, ctx.config.urls);
  const io = ctx.io;
  const lines: string[] = [];
  lines.push(`${paint(io, 'bold', `slot ${plan.slot}`)}  compose project ${plan.project}, PM2 namespace ${plan.namespace}`);
  lines.push(`root   ${plan.root}`);
  lines.push('ports');
  const width = Math.max(0, ...Object.keys(plan.ports).map((n) => n.length));
  for (const [name, port] of Object.entries(plan.ports)) {
    const url = urls[name] ? `  ${paint(io, 'cyan', urls[name])}` : '';
    lines.push(`  ${name.padEnd(width)}  ${String(port).padStart(5)}  ${paint(io, 'dim', `(base ${plan.basePorts[name]}, ${plan.portSources[name]})`)}${url}`);
  }
  if (plan.apps.length) lines.push(`apps   ${plan.apps.map((a) => a.name).join(', ')}`);
  // DESIGN §11: every value the override moved inside a service, and every mount given its own folder.
  const rewrites = plan.compose.rewrites ?? [];
  if (rewrites.length) {
    lines.push('rewritten inside services');
    for (const r of rewrites) lines.push(`  ${r.service} ${r.key}: ${maskValue(r.key.split('.').pop() ?? '', r.from)} ${paint(io, 'dim', '→')} ${maskValue(r.key.split('.').pop() ?? '', r.to)}`);
  }
  for (const m of plan.compose.mounts ?? []) lines.push(`own folder   ${m.service} ${m.target}: ${path.relative(plan.root, m.from)} → ${m.to}`);
  lines.push('files');
  for (const f of plan.files) lines.push(`  ${path.relative(ctx.cwd, path.join(plan.root, f.path))}`);
  const shared = [...plan.compose.shared.networks.map((n) => `network ${n}`), ...plan.compose.shared.volumes.map((v) => `volume ${v}`)];
  if (shared.length) lines.push(`shared by every slot (external): ${shared.join(', ')}`);
  if (plan.compose.files.length) lines.push(`engine ${engineLine(ctx.env, await whichEngine(ctx.env))}`);
  io.out(lines.join('\n') + '\n');
}
