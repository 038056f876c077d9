/**
 * Removes everything the bench created, on success, failure and Ctrl-C: its slots (`devslot clean
 * all --yes`, then `compose down` of anything left), row 5's networks, its PM2 daemon (`pm2 kill`
 * on its own PM2_HOME, then any daemon still serving that home, by pid) and its temp dirs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchNetworkLabel, CLI, KEEP, NODE } from './config.js';
import { spawnTimed } from './harness.js';
import { containersOfRoot } from './observe.js';

export interface Created {
  root?: string;
  initRoot?: string;
  pm2Home?: string;
  /** `pm2 kill` of the private daemon, removing its home. */
  killPm2?: () => Promise<void>;
  env: NodeJS.ProcessEnv;
}

async function step(what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    process.stderr.write(`[bench] cleanup: ${what} failed: ${(e as Error).message}\n`);
  }
}

/** Daemons whose process title names this PM2_HOME exactly. */
function daemonsOf(pm2Home: string): string[] {
  const title = `God Daemon (${pm2Home})`;
  return fs.readdirSync('/proc').filter((d) => /^[0-9]+$/.test(d)).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(title);
    } catch {
      return false;
    }
  });
}

async function removeAll(c: Created): Promise<void> {
  if (KEEP) {
    process.stderr.write(`[bench] BENCH_KEEP=1: kept ${c.root}, ${c.initRoot} and the PM2 daemon at PM2_HOME=${c.pm2Home}\n`);
    return;
  }
  const cleanAll = (cwd: string, timeoutMs: number) => spawnTimed(NODE, [CLI, 'clean', 'all', '--yes', '--quiet'], { cwd, env: c.env, timeoutMs, forCleanup: true });
  const { root, initRoot, pm2Home } = c;
  if (root && fs.existsSync(CLI)) await step('devslot clean all', () => cleanAll(root, 180_000));
  if (initRoot && fs.existsSync(CLI)) await step('devslot clean all (init project)', () => cleanAll(initRoot, 60_000));
  if (root) {
    // Whatever clean left behind (e.g. a broken build): compose down every project of our root.
    await step('compose down of leftovers', async () => {
      const projects = [...new Set((await containersOfRoot(root, true)).map((x) => x.project))];
      for (const p of projects) {
        process.stderr.write(`[bench] cleanup: ${p} was still there; compose down\n`);
        await spawnTimed('docker', ['compose', '-p', p, 'down', '--volumes', '--remove-orphans'], { cwd: os.tmpdir(), env: c.env, timeoutMs: 120_000, forCleanup: true });
      }
    });
    await step('networks of the engine floor', async () => {
      const r = await spawnTimed('docker', ['network', 'ls', '-q', '--filter', `label=${benchNetworkLabel(root)}`], { env: c.env, forCleanup: true });
      const ids = r.stdout.split('\n').filter(Boolean);
      if (ids.length) await spawnTimed('docker', ['network', 'rm', ...ids], { env: c.env, forCleanup: true });
    });
  }
  if (pm2Home && c.killPm2 && fs.existsSync(path.join(pm2Home, 'rpc.sock'))) await step('pm2 kill', c.killPm2);
  if (pm2Home) {
    // Safety net: any PM2 daemon still serving our PM2_HOME (e.g. an orphan from a start race),
    // found by its exact process title and ended by pid.
    await step('orphan PM2 daemons', async () => {
      // `pm2 kill` returns before its daemon has quite gone: give it a moment first.
      let left = daemonsOf(pm2Home);
      for (let i = 0; i < 30 && left.length; i++) {
        await new Promise((r) => setTimeout(r, 100));
        left = daemonsOf(pm2Home);
      }
      for (const pid of left) {
        process.stderr.write(`[bench] cleanup: PM2 daemon pid ${pid} for ${pm2Home} was still running; killing it\n`);
        try {
          process.kill(Number(pid), 'SIGTERM');
        } catch {}
      }
    });
  }
  for (const dir of [root, initRoot, pm2Home]) {
    if (dir) await step(`rm ${dir}`, async () => fs.rmSync(dir, { recursive: true, force: true }));
  }
}

let cleaning: Promise<void> | undefined;
/** Runs once, however many times it is asked for. */
export function cleanup(c: Created): Promise<void> {
  cleaning ??= removeAll(c);
  return cleaning;
}
