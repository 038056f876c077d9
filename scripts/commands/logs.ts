import { containerLogs, readGrowth, readTail } from '../observe/logs.js';
import { lastLines, mergeByTime, parsePm2Line, formatEntry, type Entry } from '../render/log-merge.js';
import { observe } from '../observe/observe.js';
import { appBase } from '../render/services-view.js';
import type { Target } from '../context.js';
import { InterruptedError, UsageError } from '../errors.js';
import { enginesOf, onSlotEngine, type CommandContext } from './context.js';

/** Lines per source when --lines is not given. */
export const DEFAULT_LINES = 50;

interface Source {
  prefix: string;
  kind: 'container' | 'process';
  containerId?: string;
  /** A container's: its slot's engine. */
  env?: NodeJS.ProcessEnv;
  files?: string[];
}

/**
 * Container and PM2 logs of a slot (or all), merged in time order and prefixed `service |`
 * (`N:service |` with all). Follows by default; Ctrl-C ends it cleanly.
 */
export async function logsCommand(ctx: CommandContext, target: Target): Promise<void> {
  const { signal } = ctx;
  const { config } = ctx;
  const states = await observe(config, enginesOf(ctx), { docker: true });
  const slots = target.kind === 'all' ? [...states.keys()].sort((a, b) => a - b) : [target.slot];
  const wanted = new Set(ctx.options.service);
  const sources: Source[] = [];
  const seen = new Set<string>();
  for (const slot of slots) {
    const state = states.get(slot);
    if (!state) continue;
    const pre = (name: string) => (target.kind === 'all' ? `${slot}:${name}` : name);
    for (const c of state.containers) {
      seen.add(c.service);
      if (wanted.size && !wanted.has(c.service)) continue;
      sources.push({ prefix: pre(state.containers.filter((x) => x.service === c.service).length > 1 ? c.name : c.service), kind: 'container', containerId: c.id, env: onSlotEngine(ctx, slot).env });
    }
    for (const a of state.apps) {
      const base = appBase(a.name);
      seen.add(base);
      if (wanted.size && !wanted.has(base) && !wanted.has(a.name)) continue;
      sources.push({ prefix: pre(base), kind: 'process', files: [a.outLog, a.errLog].filter((f): f is string => !!f) });
    }
  }
  for (const w of wanted) {
    if (!seen.has(w)) throw new UsageError(`--service ${w}: no such service running in ${target.kind === 'all' ? 'any slot' : `slot ${target.slot}`}; running: ${[...seen].join(', ') || 'none'}`);
  }
  if (!sources.length) {
    ctx.io.err(`nothing to show: ${target.kind === 'all' ? 'no slot of this project is running' : `slot ${target.slot} is not running`}\n`);
    return;
  }
  const width = Math.max(...sources.map((s) => s.prefix.length));
  const lines = ctx.options.lines ?? DEFAULT_LINES;
  const now = Date.now();

  const backlog: Entry[] = [];
  const offsets = new Map<string, number>();
  // Where each container's backlog ended: the live stream starts there, so no line falls between.
  const ends = new Map<Source, { time: number; shown: string[] }>();
  for (const s of sources) {
    if (s.containerId) {
      const end = { time: lines === 0 ? now : 0, shown: [] as string[] };
      await containerLogs(s.env ?? ctx.env, s.containerId, { follow: false, tail: lines }, (l) => {
        backlog.push({ time: l.time, prefix: s.prefix, text: l.text });
        if (l.time > end.time) Object.assign(end, { time: l.time, shown: [] });
        if (l.time === end.time) end.shown.push(l.text);
      });
      ends.set(s, end);
    }
    for (const file of s.files ?? []) {
      const tail = readTail(file, lines);
      offsets.set(file, tail.size);
      for (const line of tail.lines) backlog.push({ prefix: s.prefix, ...parsePm2Line(line, now) });
    }
  }
  for (const e of mergeByTime(backlog)) ctx.io.out(`${formatEntry(e, width)}\n`);
  if (!ctx.options.follow) return;

  // Follow: each container streams from the second its backlog ended (lines already shown are
  // skipped), so a line written while the backlog was read is not lost; PM2 files are read as they grow.
  const stops: (() => void)[] = [];
  for (const s of sources) {
    if (!s.containerId) continue;
    const end = ends.get(s)!;
    const f = await containerLogs(s.env ?? ctx.env, s.containerId, { follow: true, since: Math.floor(end.time / 1000) }, (l) => {
      if (!isNewLine(end, l)) return;
      ctx.io.out(`${formatEntry({ time: l.time, prefix: s.prefix, text: l.text }, width)}\n`);
    });
    stops.push(f.stop);
  }
  const timer = setInterval(() => {
    for (const s of sources) {
      for (const file of s.files ?? []) {
        const grown = readGrowth(file, offsets.get(file) ?? 0);
        if (!grown) continue;
        offsets.set(file, grown.offset);
        for (const line of lastLines(grown.text)) ctx.io.out(`${formatEntry({ prefix: s.prefix, ...parsePm2Line(line, Date.now()) }, width)}\n`);
      }
    }
  }, 250);
  const closed = ctx.io.outputClosed;
  await new Promise<void>((resolve) => {
    if (signal.aborted || closed?.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
    closed?.addEventListener('abort', () => resolve(), { once: true });
  });
  clearInterval(timer);
  for (const stop of stops) stop();
  if (!signal.aborted) return; // the reader went away: nothing more to show, and nothing failed
  throw new InterruptedError('stopped following logs');
}

/**
 * Whether a streamed line comes after the backlog that ended at `end` (the backlog's last time,
 * and the texts shown at exactly that time). Each shown text is skipped once.
 */
export function isNewLine(end: { time: number; shown: string[] }, line: { time: number; text: string }): boolean {
  if (line.time < end.time) return false;
  if (line.time === end.time) {
    const i = end.shown.indexOf(line.text);
    if (i >= 0) {
      end.shown.splice(i, 1);
      return false;
    }
  }
  return true;
}
