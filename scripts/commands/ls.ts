import { slotsOnDisk as listInstanceSlots } from '../observe/slot-folders.js';
import { bucketByRoot, listReachable } from '../observe/observe.js';
import { readSavedSlot, type SavedSlot } from '../load/saved-slot.js';
import { containersUnknown, serviceRows } from '../render/services-view.js';
import { lsRows, type CheckoutSlot, type LsRow } from '../render/ls-rows.js';
import { paint } from '../io.js';
import { projectName } from '../names.js';
import { portUrls } from '../plan/urls.js';
import { enginesOf, onSlotEngine, printJson, warnOf, type CommandContext } from './context.js';
import { engineWhere } from '../load/slot-engine.js';

/**
 * One line per slot (issue 15: each slot once) of every live checkout of this repository, with
 * every checkout and branch that has something of it, plus orphans and slots of roots not
 * visible from here. The same one Docker call and one PM2 call as status, then the orphan scan.
 */
export async function lsCommand(ctx: CommandContext): Promise<void> {
  const { config } = ctx;
  const { findOrphans } = await import('../leases/orphans.js');
  // An engine that does not answer while another does: its slots are listed as `unknown`, exit 2.
  const { down, ...listed } = await listReachable(config.name, enginesOf(ctx));
  const { orphans, unproven, leases, live, git } = await findOrphans(config, listed, warnOf(ctx));
  const liveLeases = leases.filter((l) => live(l.worktree));
  const multi = !!git && git.worktrees.length > 1;
  // Every live checkout git lists (one running a slot without a lease is still a holder), and this one.
  const roots = [...new Set([config.root, ...(multi ? git.worktrees : []), ...liveLeases.map((l) => l.worktree)])];
  const observed = bucketByRoot(config.name, roots, listed);
  const head = (root: string) => (root === git?.worktree ? { branch: git.branch, commit: git.commit } : git?.heads[root]) ?? { branch: null, commit: '' };
  const entries: CheckoutSlot[] = [];
  const saved = new Map<string, SavedSlot>(); // the text view's ports, without reading slot.json again
  for (const root of roots) {
    const states = observed.get(root)!;
    const files = new Set(listInstanceSlots(root));
    const leased = new Set(liveLeases.filter((l) => l.worktree === root).map((l) => l.slot));
    for (const slot of new Set([...states.keys(), ...files, ...leased])) {
      const info = readSavedSlot(root, slot, warnOf(ctx));
      if (info) saved.set(`${slot}\u0000${root}`, info);
      const engineDown = down.some((d) => d.group.owns(slot));
      let services = serviceRows(info, states.get(slot), info ? portUrls(info, config.urls) : {});
      if (engineDown) services = containersUnknown(services);
      const lease = liveLeases.find((l) => l.slot === slot && l.worktree === root);
      const ref = lease ? { branch: lease.branch, commit: lease.commit } : head(root);
      entries.push({ slot, worktree: root, ...ref, lease: !!lease, files: files.has(slot), where: 'live', services, up: services.filter((r) => r.state === 'running').length, ...(engineDown ? { engineDown } : {}) });
    }
  }
  // Roots not visible from here and not provably gone (issue 11) are shown, never called orphans.
  for (const [list, where] of [[unproven, 'unseen'], [orphans, 'orphaned']] as const) {
    for (const o of list) {
      const up = o.containers.filter((c) => c.state === 'running').length + o.apps.filter((a) => a.status === 'online').length;
      entries.push({ slot: o.slot, worktree: o.root, branch: o.lease?.branch ?? null, commit: o.lease?.commit ?? '', lease: !!o.lease, files: false, where, services: [], up });
    }
  }
  // Issue 19: where each slot runs, `local` or its engine's host.
  const rows = lsRows(entries, (slot) => projectName(config.name, slot), multi).map((r) => ({ ...r, engine: engineWhere(onSlotEngine(ctx, r.slot).env.DOCKER_HOST) }));
  // The shared services (DESIGN §9) are their own row, with the slots that use them.
  const { infraUnlessDown, throwIfPartial, unreachableJson } = await import('./status.js');
  const infra = config.shared.services.length ? await infraUnlessDown(ctx, async () => down) : undefined;
  const shown = rows.map((r) => r.slot);
  if (ctx.options.json) {
    printJson(ctx, { slots: rows, ...(infra ? { infra } : {}), ...unreachableJson(down) });
    return throwIfPartial(down, shown);
  }
  if (infra) {
    const up = infra.services.filter((x) => x.state === 'running').length;
    const state = infra.engineError ? 'unknown' : up === infra.services.length ? 'running' : up ? 'partial' : 'stopped';
    const use = infra.engineError ? 'its engine did not answer' : infra.usedBy.length ? `used by ${infra.usedBy.join(', ')}` : 'used by no slot';
    ctx.io.out(`  -  ${infra.project.padEnd(24)}  ${paint(ctx.io, state === 'running' ? 'green' : state === 'stopped' ? 'dim' : 'yellow', state.padEnd(8))}  ${`${up}/${infra.services.length} up`.padEnd(8)}  shared; ${use}\n`);
  }
  if (!rows.length) {
    ctx.io.out('no slots: nothing of this project is running or initialized here; start one with `devslot N`\n');
    return throwIfPartial(down, shown);
  }
  // The engine column only when the slots can run on different engines (`engines:` in devslot.yaml).
  const engineWidth = config.engines ? Math.max(...rows.map((r) => r.engine.length)) : 0;
  for (const r of rows) ctx.io.out(`${lsLine(ctx, r, saved.get(`${r.slot}\u0000${r.owner?.worktree ?? config.root}`), engineWidth)}\n`);
  throwIfPartial(down, shown);
}

function lsLine(ctx: CommandContext, r: LsRow & { engine: string }, saved: SavedSlot | undefined, engineWidth: number): string {
  const ports = saved ? Object.entries(saved.ports).filter(([n]) => !n.includes('_')).map(([n, p]) => `${n}=${p}`).join(' ') : '';
  const color = r.state === 'running' ? 'green' : r.state === 'stopped' ? 'dim' : r.state === 'orphaned' ? 'red' : 'yellow';
  const ref = (c: { branch: string | null; commit: string }) => (c.branch ? ` [${c.branch}]` : c.commit ? ` [detached ${c.commit.slice(0, 12)}]` : '');
  const owner = r.owner ? `  ${r.owner.worktree}${ref(r.owner)}` : '';
  const others = r.checkouts.slice(1).map((c) => `${c.worktree}${ref(c)} ${c.state}`);
  const also = others.length ? `  (also: ${others.join(', ')})` : '';
  const count = r.state === 'orphaned' || r.state === 'unseen' ? `${r.up} up` : `${r.up}/${r.services.length} up`;
  const engine = engineWidth ? `${r.engine.padEnd(engineWidth)}  ` : '';
  return `${String(r.slot).padStart(3)}  ${r.project.padEnd(24)}  ${paint(ctx.io, color, r.state.padEnd(8))}  ${count.padEnd(8)}  ${engine}${ports}${owner}${also}`.trimEnd();
}
