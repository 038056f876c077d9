/** Bringing the K slots up, and checking that they are all up or all gone between measurements. */
import net from 'node:net';
import { slotOfProject } from '../../scripts/names.js';
import { NAME, START_PARALLEL } from './config.js';
import { devslot, type BenchContext } from './context.js';
import { BenchError } from './harness.js';
import { containersOfRoot, pm2Apps } from './observe.js';

export function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.setTimeout(1000);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

export async function waitPort(port: number, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await connects(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new BenchError(`port ${port} did not answer within ${ms / 1000}s`);
}

/** `devslot N start`, START_PARALLEL at a time. */
export async function startSlots(ctx: BenchContext, slots: readonly number[]): Promise<void> {
  const queue = [...slots];
  const worker = async () => {
    for (let slot = queue.shift(); slot !== undefined; slot = queue.shift()) {
      await devslot(ctx, [String(slot), 'start', '--quiet'], { timeoutMs: 90_000 });
    }
  };
  await Promise.all(Array.from({ length: Math.min(START_PARALLEL, slots.length) }, worker));
}

interface StatusJson {
  slots: { slot: number; services: { name: string; state: string }[] }[];
}

/** Every slot's container and app running (status's one vocabulary: an online app is `running`). */
export async function expectAllUp(ctx: BenchContext, slots: readonly number[], appName = 'app'): Promise<void> {
  const status = JSON.parse((await devslot(ctx, ['status', 'all', '--json'])).stdout) as StatusJson;
  for (const slot of slots) {
    const s = status.slots.find((x) => x.slot === slot);
    const web = s?.services.find((x) => x.name === 'web');
    const app = s?.services.find((x) => x.name === appName);
    if (web?.state !== 'running' || app?.state !== 'running') {
      throw new BenchError(`slot ${slot} is not fully up after start: ${JSON.stringify(s?.services ?? null)}`);
    }
  }
}

/** No container of the root and no PM2 app of any slot left. */
export async function expectAllDown(ctx: BenchContext): Promise<void> {
  const left = await containersOfRoot(ctx.root, true);
  const apps = (await pm2Apps(ctx.env)).filter((p) => slotOfProject(NAME, p.namespace) !== undefined);
  if (left.length || apps.length) {
    throw new BenchError(`after stopping, ${left.length} container(s) and ${apps.length} PM2 app(s) are left: ${[...left.map((c) => c.name), ...apps.map((a) => a.name)].join(', ')}`);
  }
}
