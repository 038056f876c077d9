import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, run } from './cli.js';

const pm2Bin = path.join(repoRoot, 'node_modules/pm2/bin/pm2');

/** A private PM2 daemon for one test file: its own PM2_HOME, killed (only it) afterwards. */
export function privatePm2(): { home: string; pm2: (args: string[]) => ReturnType<typeof run>; kill: () => Promise<void> } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-pm2-'));
  const pm2 = (args: string[]) => run(process.execPath, [pm2Bin, ...args], { env: { ...process.env, PM2_HOME: home }, timeoutMs: 60_000 });
  return {
    home,
    pm2,
    kill: async () => {
      await pm2(['kill']);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

export interface JlistProc {
  name: string;
  pm_id: number;
  pm2_env: { namespace: string; status: string; restart_time: number; pm_uptime: number };
}

export async function jlist(pm2: (args: string[]) => ReturnType<typeof run>): Promise<JlistProc[]> {
  const r = await pm2(['jlist']);
  const start = r.stdout.indexOf('[');
  return JSON.parse(r.stdout.slice(start)) as JlistProc[];
}
