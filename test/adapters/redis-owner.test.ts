import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRedisDb, ensureRedisDb, flushRedisDb, OWNER_KEY, redisDbSize } from '../../scripts/adapters/redis.js';
import { checkoutIdentity } from '../../scripts/apply/identity.js';
import { applyResource, copyResource } from '../../scripts/apply/resources.js';
import { ResourceError } from '../../scripts/errors.js';
import { observeResourceCopies } from '../../scripts/observe/copy.js';
import { ownerMark } from '../../scripts/plan/owner-mark.js';
import type { Operation } from '../../scripts/plan/operations.js';
import type { PlannedResource } from '../../scripts/plan/resources.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * A slot's Redis DB index carries its checkout's mark (issue 12, DESIGN §8 "ownership is proven"),
 * on a real Redis 7 (port 48601): two copies of one project (same name, other folders, so other
 * identities in .instances/.identity) plan the same indexes; the copy's start is refused with
 * nothing changed, its clean leaves the first checkout's keys, the owner's clean still empties its
 * index, and a clone's target carries the cloning checkout's mark, never the source's.
 */
const PORT = 48601;
const CONTAINER = `h6c-redis-owner-${process.pid}`;
const URL_ = `redis://127.0.0.1:${PORT}`;
const target = { resource: 'cache', url: URL_ };
const res = (index: number): PlannedResource => ({ name: 'cache', kind: 'redis', service: 'redis', url: `${URL_}/${index}`, baseUrl: URL_, index, slots: 8 });

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', timeout: 120_000 });

async function errorOf(p: Promise<unknown>): Promise<Error> {
  return p.then(() => { throw new Error('expected a failure'); }, (e: Error) => e);
}

/** Every key of DB `index` with its value (strings only here) and whether it has a TTL. */
async function dump(index: number): Promise<Record<string, string>> {
  const r = new Redis(`${URL_}/${index}`, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await r.connect();
  try {
    const out: Record<string, string> = {};
    for (const k of (await r.keys('*')).sort()) out[k] = `${await r.get(k)}${(await r.ttl(k)) > 0 ? ' (ttl)' : ''}`;
    return out;
  } finally {
    r.disconnect();
  }
}

async function write(index: number, kv: Record<string, string>, ttlKey?: string): Promise<void> {
  const r = new Redis(`${URL_}/${index}`, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await r.connect();
  try {
    for (const [k, v] of Object.entries(kv)) await r.set(k, v);
    if (ttlKey) await r.expire(ttlKey, 600);
  } finally {
    r.disconnect();
  }
}

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('Redis DB indexes marked with their checkout, on a real Redis', () => {
  let first: string;
  let copy: string;
  let me: { id: string; root: string };
  let other: { id: string; root: string };

  beforeAll(async () => {
    // The same project in two folders: each gets its own identity, as a `cp -r` of a checkout does.
    first = fs.mkdtempSync(path.join(os.tmpdir(), 'h6c-first-'));
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'h6c-copy-'));
    me = checkoutIdentity(first, true);
    other = checkoutIdentity(copy, true);
    expect(me.id).not.toBe(other.id);
    docker('run', '-d', '--name', CONTAINER, '-p', `127.0.0.1:${PORT}:6379`, 'redis:7', 'redis-server', '--databases', '8', '--protected-mode', 'no', '--save', '');
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await redisDbSize(target, 0);
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }, 120_000);

  afterAll(() => {
    try { docker('rm', '-f', '-v', CONTAINER); } catch { /* never started */ }
    for (const d of [first, copy]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it("start marks the index; a copy's start is refused in one line and changes nothing", async () => {
    expect(await applyResource('ensure', res(1), first, process.env)).toBe('resources.cache: redis DB 1 is available');
    await write(1, { session: 'alice', counter: '7' }, 'session');
    const before = await dump(1);
    expect(before).toEqual({ [OWNER_KEY]: ownerMark(me), counter: '7', session: 'alice (ttl)' });
    // Starting again is a no-op.
    expect(await ensureRedisDb(target, 1, me)).toEqual({ marked: false });

    const err = await errorOf(applyResource('ensure', res(1), copy, process.env));
    expect(err).toBeInstanceOf(ResourceError);
    expect(err.message).toBe(`resources.cache: Redis DB 1 belongs to another copy of this project (the checkout at ${first}); stop and clean that slot there, or use another slot here`);
    expect(await dump(1)).toEqual(before);
  });

  it("the copy's clean leaves the first checkout's keys, naming that checkout", async () => {
    const before = await dump(1);
    expect(await applyResource('drop', res(1), copy, process.env)).toBe(`resources.cache: left redis DB 1 alone: it belongs to the checkout at ${first}`);
    expect(await dump(1)).toEqual(before);
  });

  it("devslot's own counts leave the mark out; the app sees it as one key", async () => {
    expect(await redisDbSize(target, 1)).toBe(2);
    expect(Object.keys(await dump(1))).toHaveLength(3);
  });

  it("the owner's clean still empties its index (mark and all), and then the index is anyone's", async () => {
    expect(await applyResource('drop', res(1), first, process.env)).toBe('resources.cache: emptied redis DB 1');
    expect(await dump(1)).toEqual({});
    // Nobody's now: the copy may take it, and then it is the copy's.
    expect(await applyResource('ensure', res(1), copy, process.env)).toBe('resources.cache: redis DB 1 is available');
    expect(await dump(1)).toEqual({ [OWNER_KEY]: ownerMark(other) });
    expect((await errorOf(applyResource('ensure', res(1), first, process.env))).message).toMatch(`(the checkout at ${copy})`);
    expect(await applyResource('drop', res(1), copy, process.env)).toBe('resources.cache: emptied redis DB 1');
  });

  it('an index with keys but no mark (made before marks) is taken by the first start, as an unmarked database is', async () => {
    await write(2, { legacy: 'x' });
    expect(await ensureRedisDb(target, 2, me)).toEqual({ marked: true });
    expect(await dump(2)).toEqual({ [OWNER_KEY]: ownerMark(me), legacy: 'x' });
    // An unmarked index is nobody's for clean too: emptied (what clean did before marks).
    await write(3, { legacy: 'y' });
    expect(await flushRedisDb(target, 3, other)).toEqual({});
    expect(await dump(3)).toEqual({});
  });

  it("this root with a replaced .identity is still this checkout: its mark is rewritten, the copy's stays refused", async () => {
    const renewed = { id: '99999999-eeee', root: first };
    expect(await ensureRedisDb(target, 2, renewed)).toEqual({ marked: true });
    expect((await dump(2))[OWNER_KEY]).toBe(ownerMark(renewed));
    expect(await ensureRedisDb(target, 2, me)).toEqual({ marked: true });
    expect(await errorOf(ensureRedisDb(target, 2, other))).toBeInstanceOf(ResourceError);
  });

  it('two checkouts starting the same slot at the same moment: exactly one wins, every time', async () => {
    for (let round = 0; round < 25; round++) {
      await flushRedisDb(target, 4);
      const results = await Promise.allSettled([ensureRedisDb(target, 4, me), ensureRedisDb(target, 4, other)]);
      const won = results.map((r) => r.status === 'fulfilled');
      expect(won.filter(Boolean)).toHaveLength(1);
      const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason).toBeInstanceOf(ResourceError);
      expect((await dump(4))[OWNER_KEY]).toBe(ownerMark(won[0] ? me : other));
    }
    await flushRedisDb(target, 4);
  });

  it("clone: the target carries the cloning checkout's mark, not the source's; keys and TTLs copied", async () => {
    // DB 5 is the copy's (its mark) with data; the first checkout clones it into its DB 6.
    await ensureRedisDb(target, 5, other);
    await write(5, { a: '1', b: '2' }, 'b');
    expect(await copyRedisDb(target, 5, 6, false, me)).toEqual({ keys: 2 });
    expect(await dump(6)).toEqual({ [OWNER_KEY]: ownerMark(me), a: '1', b: '2 (ttl)' });
    expect(await dump(5)).toEqual({ [OWNER_KEY]: ownerMark(other), a: '1', b: '2 (ttl)' });

    // Through the executor's step, as `clone 1 7` of the first checkout runs it.
    await flushRedisDb(target, 1);
    await ensureRedisDb(target, 1, me);
    await write(1, { k: 'v1' });
    const op: Extract<Operation, { kind: 'copy-resource' }> = { slot: 7, kind: 'copy-resource', from: res(1), to: res(7), replace: false, run: 'r1', cwd: first, cause: 'test' };
    // A target that was started (marked) but holds no data is not "occupied".
    await ensureRedisDb(target, 7, me);
    expect(await observeResourceCopies([{ from: res(1), to: res(7) }], first)).toEqual({ occupied: [], missing: [], foreign: [] });
    expect(await copyResource(op, Date.now() + 10_000)).toBe('resources.cache: redis DB 7 holds a copy of DB 1 (1 key)');
    expect(await dump(7)).toEqual({ [OWNER_KEY]: ownerMark(me), k: 'v1' });
    // Holding data now: refused without --force, replaced with it.
    expect(await observeResourceCopies([{ from: res(1), to: res(7) }], first)).toEqual({ occupied: ['Redis DB 7 (1 key)'], missing: [], foreign: [] });
    expect((await errorOf(copyResource(op, Date.now() + 10_000))).message).toBe('resources.cache: Redis DB 7 holds 1 key; clean the target slot first, or pass --force to replace them');
    await write(1, { k: 'v2' });
    expect(await copyResource({ ...op, replace: true }, Date.now() + 10_000)).toBe('resources.cache: redis DB 7 holds a copy of DB 1 (1 key)');
    expect(await dump(7)).toEqual({ [OWNER_KEY]: ownerMark(me), k: 'v2' });
  });

  it("clone never empties a DB another checkout marked, not even with --force; clone sees it before anything is done", async () => {
    const before = await dump(5);
    expect(await observeResourceCopies([{ from: res(1), to: res(5) }], first)).toEqual({
      occupied: ['Redis DB 5 (2 keys)'], missing: [], foreign: [`Redis DB 5 (resources.cache) belongs to the checkout at ${copy}`],
    });
    const op: Extract<Operation, { kind: 'copy-resource' }> = { slot: 5, kind: 'copy-resource', from: res(1), to: res(5), replace: true, run: 'r2', cwd: first, cause: 'test' };
    const err = await errorOf(copyResource(op, Date.now() + 10_000));
    expect(err).toBeInstanceOf(ResourceError);
    expect(err.message).toBe(`resources.cache: Redis DB 5 belongs to another copy of this project (the checkout at ${copy}); clean it there, or clone into another slot`);
    expect(await dump(5)).toEqual(before);
  });
});
