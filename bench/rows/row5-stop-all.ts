/**
 * Row 5: `devslot stop all` against K `devslot N stop` one after another, each from K running
 * slots; and the engine floor, the same K downs sent straight to the engine API at once, which
 * bounds what any `stop all` can reach on this engine.
 */
import { performance } from 'node:perf_hooks';
import { benchNetworkLabel, K, NAME, project, SLOT_LIST, SLOW_RUNS } from '../lib/config.js';
import { devslot, docker, pm2, type BenchContext } from '../lib/context.js';
import { median, progress, round, summary } from '../lib/harness.js';
import { containersOfRoot, engineCall, LABEL_PROJECT, networksOfRoot } from '../lib/observe.js';
import type { Row, StepRow } from '../lib/row.js';
import { expectAllDown, expectAllUp, startSlots } from '../lib/slots.js';

/**
 * The engine's own share of stopping K slots, asked all at once: list the root's containers and
 * networks, then per slot (all slots in parallel) stop and remove its containers and remove its
 * networks, straight through the engine API. No CLI, no compose, no devslot: no `stop all` can be
 * faster than this on this engine. PM2 apps are deleted first and not timed (in devslot they go
 * concurrently with compose, and are not what bounds it).
 */
async function engineFloorDown(ctx: BenchContext): Promise<number> {
  await pm2(ctx, ['delete', 'all']); // the bench's private daemon (its own PM2_HOME) holds only its apps
  const t0 = performance.now();
  const [cs, ns] = await Promise.all([containersOfRoot(ctx.root, true), networksOfRoot(ctx.root)]);
  await Promise.all(SLOT_LIST.map(async (slot) => {
    await Promise.all(cs.filter((c) => c.project === project(slot)).map(async (c) => {
      await engineCall(ctx.env, 'POST', `/containers/${c.id}/stop`);
      await engineCall(ctx.env, 'DELETE', `/containers/${c.id}?force=1`);
    }));
    for (const n of ns.filter((x) => x.labels[LABEL_PROJECT] === project(slot))) {
      await engineCall(ctx.env, 'DELETE', `/networks/${encodeURIComponent(n.name)}`);
    }
  }));
  return performance.now() - t0;
}

/**
 * K empty bridge networks removed with K API calls at once, and K more removed one after another:
 * whether the engine removes networks in parallel at all.
 */
async function emptyNetworksRemoval(ctx: BenchContext): Promise<{ parallelMs: number; sequentialMs: number }> {
  const create = async (tag: string) => {
    const ids: string[] = [];
    for (let i = 0; i < K; i++) ids.push((await docker(ctx, ['network', 'create', '--label', benchNetworkLabel(ctx.root), `${NAME}-floor-${process.pid}-${tag}${i}`])).stdout.trim());
    return ids;
  };
  const together = await create('p');
  let t0 = performance.now();
  await Promise.all(together.map((id) => engineCall(ctx.env, 'DELETE', `/networks/${id}`)));
  const parallelMs = performance.now() - t0;
  const oneByOne = await create('s');
  t0 = performance.now();
  for (const id of oneByOne) await engineCall(ctx.env, 'DELETE', `/networks/${id}`);
  return { parallelMs, sequentialMs: performance.now() - t0 };
}

type Kind = 'all' | 'seq' | 'floor';

async function run(ctx: BenchContext): Promise<Row[]> {
  progress(`row 5: stop all vs ${K} × stop, and the engine floor, ${SLOW_RUNS} runs each (slots restarted before every run)`);
  const samples: Record<Kind, number[]> = { all: [], seq: [], floor: [] };
  const kinds: Record<Kind, () => Promise<number>> = {
    all: async () => (await devslot(ctx, ['stop', 'all', '--quiet'], { timeoutMs: 300_000 })).ms,
    seq: async () => {
      const t0 = performance.now();
      for (const slot of SLOT_LIST) await devslot(ctx, [String(slot), 'stop', '--quiet'], { timeoutMs: 120_000 });
      return performance.now() - t0;
    },
    floor: () => engineFloorDown(ctx),
  };
  const label: Record<Kind, string> = { all: 'stop all', seq: `${K} × stop`, floor: 'engine floor' };
  const names = Object.keys(kinds) as Kind[];
  // The first round is the warm-up and is not counted; the order rotates between rounds.
  for (let i = 0; i <= SLOW_RUNS; i++) {
    const order = names.map((_, j) => names[(i + j) % names.length]!);
    for (const kind of order) {
      // Slots that are already up are a no-op start, so only the stopped ones cost time here.
      await startSlots(ctx, SLOT_LIST);
      await expectAllUp(ctx, SLOT_LIST);
      const ms = await kinds[kind]();
      await expectAllDown(ctx);
      if (i > 0) samples[kind].push(ms);
      progress(`  row 5 ${i === 0 ? 'warm-up' : `run ${i}`}: ${label[kind]} ${round(ms, 0)} ms`);
    }
  }
  const networks = await emptyNetworksRemoval(ctx);
  const a = median(samples.all);
  const q = median(samples.seq);
  const f = median(samples.floor);
  const pass = q / a >= 3;
  const bound = q / f;
  ctx.notes.push(`row 5: engine floor = the same ${K} slots' containers and networks stopped and removed straight through the engine API, all at once, no compose and no devslot: ${round(f, 0)} ms (median). No stop all can beat it, so the best possible speed-up here is ${round(q, 0)} / ${round(f, 0)} = ${bound.toFixed(2)}×; devslot's stop all takes ${(a / f).toFixed(2)}× the floor`);
  ctx.notes.push(`row 5: this engine removed ${K} empty networks in ${round(networks.parallelMs, 0)} ms when asked all at once, and in ${round(networks.sequentialMs, 0)} ms one after another (${round(networks.sequentialMs / K, 0)} ms each)`);
  return [{
    id: '5', measure: `devslot stop all (${K} slots)`, baseline: `${K} × devslot N stop, in sequence`,
    devslotMs: a, baselineMs: q, ratio: q / a, ratioKind: 'speedup', goal: '≥ 3× faster',
    pass, samples: { devslot: summary(samples.all), baseline: summary(samples.seq), engineFloor: summary(samples.floor), emptyNetworksRemoval: { parallelMs: round(networks.parallelMs), sequentialMs: round(networks.sequentialMs) } },
    ...(pass ? {} : { why: bound < 3 ? `engine floor allows ${bound.toFixed(2)}×` : `devslot at ${(a / f).toFixed(2)}× the engine floor` }),
  }];
}

export const row5: StepRow = { kind: 'step', id: '5', run };
