import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanEnv, run, runCli } from '../helpers/cli.js';
import { jlist, privatePm2 } from '../helpers/pm2-home.js';
import { tempProject } from '../helpers/project.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * A slot's Redis DB on the shared Redis is its checkout's (issue 12, DESIGN §8 and §9), through
 * the CLI on a real engine: a copy of the project (`cp -r` of the folder: the same name, another
 * root, so another .instances/.identity) is refused `start` of a slot whose DB the first checkout
 * marked (exit 2, one line, its keys unchanged, no app started), and its `clean` leaves that DB
 * alone, saying whose it is; the first checkout's `clean` still empties it. Port 48610.
 */
const NAME = 'h6c-redis-owner';
const REDIS_PORT = 48610;
const YAML = `name: ${NAME}
slots: 4
compose:
  files: [compose.yml]
shared:
  services: [redis]
resources:
  cache:
    redis: { url: "redis://127.0.0.1:{{ports.redis}}" }
env:
  worker:
    set: { REDIS_URL: "{{resources.cache.url}}" }
    apps: [worker]
`;
const COMPOSE = `services:
  redis:
    image: redis:7
    ports: ["127.0.0.1:${REDIS_PORT}:6379"]
    healthcheck: { test: [CMD, redis-cli, ping], interval: 1s, timeout: 3s, retries: 30 }
`;
const WORKER = 'setInterval(() => {}, 1 << 30);\n';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

async function db<T>(index: number, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis(`redis://127.0.0.1:${REDIS_PORT}/${index}`, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await r.connect();
  try {
    return await fn(r);
  } finally {
    r.disconnect();
  }
}
const dump = (index: number) => db(index, async (r) => {
  const out: Record<string, string | null> = {};
  for (const k of (await r.keys('*')).sort()) out[k] = await r.get(k);
  return out;
});

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('a copy of the project never takes over or empties the first checkout\'s Redis DB', () => {
  let p: ReturnType<typeof tempProject>;
  let copyRoot: string;
  let daemon: ReturnType<typeof privatePm2>;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[], cwd = p.root) => runCli(args, { cwd, env, timeoutMs: 180_000 });

  beforeAll(() => {
    p = tempProject({ 'devslot.yaml': YAML, 'compose.yml': COMPOSE, 'worker.js': WORKER, 'pm2.config.cts': "export default { apps: [{ name: 'worker', script: 'worker.js' }] };\n" }, 'h6c-redis-owner-');
    copyRoot = `${p.root}-copy`;
    daemon = privatePm2();
    env = cleanEnv({ PM2_HOME: daemon.home });
  });
  afterAll(async () => {
    if (!p) return;
    if (fs.existsSync(copyRoot)) await cli(['clean', 'all', '--yes'], copyRoot);
    await cli(['clean', 'all', '--yes']);
    const cleaned = await cli(['infra', 'clean', '--yes']);
    // Whatever the commands above left (they are what is tested), the infra this file made goes.
    await run('docker', ['compose', '-p', `${NAME}-infra`, 'down', '-v', '--timeout', '1'], { cwd: p.root });
    await daemon.kill();
    p.remove();
    fs.rmSync(copyRoot, { recursive: true, force: true });
    expect(cleaned.code, cleaned.stderr).toBe(0);
  });

  it('--dry-run of start says the DB is marked as this checkout\'s', async () => {
    const start = await cli(['1', 'start', '--dry-run']);
    expect(start.code, start.stderr).toBe(0);
    expect(start.stdout).toContain(`check redis DB 1 exists and mark it as this checkout's (SET devslot:owner NX; refused if another checkout's) on 127.0.0.1:${REDIS_PORT} (resources.cache)`);
  });

  it('the first checkout starts slot 1: its DB carries the mark, the app writes keys', async () => {
    // Slot 3 keeps the shared Redis up to the end (the copy's `clean all` would stop an unused one).
    const keep = await cli(['3', 'start']);
    expect(keep.code, keep.stderr).toBe(0);
    const r = await cli(['1', 'start']);
    expect(r.code, r.stderr).toBe(0);
    await db(1, async (x) => {
      await x.set('job:1', 'queued');
      await x.set('job:2', 'done');
    });
    expect((await dump(1))['devslot:owner']).toBe(`devslot checkout ${JSON.parse(fs.readFileSync(path.join(p.root, '.instances', '.identity'), 'utf8')).id} at ${p.root}`);
    const stop = await cli(['1', 'stop']);
    expect(stop.code, stop.stderr).toBe(0);
  });

  it("a copy of the folder is refused slot 1's start in one line, exit 2, nothing changed", async () => {
    fs.cpSync(p.root, copyRoot, { recursive: true });
    const before = await dump(1);
    const apps = (await jlist(daemon.pm2)).map((a) => `${a.pm2_env.namespace}/${a.name} ${a.pm2_env.status}`);
    const r = await cli(['1', 'start'], copyRoot);
    expect(r.code).toBe(2);
    // Its progress line, then the one line of the refusal.
    expect(r.stderr).toBe(`starting slot 1 (${NAME}-dev-1)\ndevslot: resources.cache: Redis DB 1 belongs to another copy of this project (the checkout at ${p.root}); stop and clean that slot there, or use another slot here\n`);
    expect(await dump(1)).toEqual(before);
    expect((await jlist(daemon.pm2)).map((a) => `${a.pm2_env.namespace}/${a.name} ${a.pm2_env.status}`)).toEqual(apps);
    // Another slot is the copy's to take.
    const other = await cli(['2', 'start'], copyRoot);
    expect(other.code, other.stderr).toBe(0);
    expect((await dump(2))['devslot:owner']).toMatch(new RegExp(` at ${copyRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  it("the copy's clone into that slot is refused before anything is done, even with --force", async () => {
    const before = await dump(1);
    await db(2, (x) => x.set('copy', 'x'));
    const r = await cli(['clone', '2', '1', '--force'], copyRoot);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`devslot: slot 1's Redis DB 1 (resources.cache) belongs to the checkout at ${p.root}, another copy of this project; clean it there, or clone into another slot\n`);
    expect(await dump(1)).toEqual(before);
  });

  it("the copy's clean leaves the first checkout's DB and names it; its own DB is emptied", async () => {
    const before = await dump(1);
    const one = await cli(['1', 'clean', '--yes'], copyRoot);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain(`resources.cache: left redis DB 1 alone: it belongs to the checkout at ${p.root}`);
    expect(await dump(1)).toEqual(before);
    expect((await dump(2)).copy).toBe('x');
    const all = await cli(['clean', 'all', '--yes'], copyRoot);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('resources.cache: emptied redis DB 2');
    expect(all.stdout).toMatch(new RegExp(`kept the shared services \\(${NAME}-infra\\): still used by slot 3 of `));
    expect(await dump(2)).toEqual({});
    expect(await dump(1)).toEqual(before);
  });

  it("the first checkout's clean still empties its DB", async () => {
    const dry = await cli(['1', 'clean', '--yes', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`redis FLUSHDB of DB 1 only, unless another checkout's mark is on it, on 127.0.0.1:${REDIS_PORT} (resources.cache)`);
    expect(Object.keys(await dump(1))).toHaveLength(3);
    const r = await cli(['1', 'clean', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('resources.cache: emptied redis DB 1');
    expect(await dump(1)).toEqual({});
  });
});
