import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAmp, encodeAmp, rpcCall } from '../../scripts/adapters/pm2-rpc.js';
import { jlist, privatePm2 } from '../helpers/pm2-home.js';

describe('the amp wire format of PM2 RPC', () => {
  it('round-trips strings and JSON, and waits for a whole message', () => {
    const args = [{ type: 'call', method: 'getMonitorData', args: [{}] }, '123:devslot:0', 'ünïcode', [1, null]];
    const buf = encodeAmp(args);
    expect(buf[0]).toBe((1 << 4) | 4);
    expect(decodeAmp(buf)).toEqual({ args, length: buf.length });
    expect(decodeAmp(buf.subarray(0, buf.length - 1))).toBeUndefined();
    expect(decodeAmp(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('against a real PM2 daemon', () => {
  const pm2 = privatePm2();
  afterAll(() => pm2.kill(), 60_000);

  it('lists the same apps as pm2 jlist', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-rpc-'));
    fs.writeFileSync(path.join(dir, 'idle.js'), 'setInterval(() => {}, 1000);\n');
    expect((await pm2.pm2(['start', path.join(dir, 'idle.js'), '--name', 'rpc-one', '--namespace', 'ns-a'])).code).toBe(0);
    expect((await pm2.pm2(['start', path.join(dir, 'idle.js'), '--name', 'rpc-two'])).code).toBe(0);
    const [list] = (await rpcCall(path.join(pm2.home, 'rpc.sock'), 'getMonitorData', [{}], 3000)) as [{ name: string; pm_id: number; pm2_env: { namespace: string } }[]];
    const key = (l: { name: string; pm_id: number; pm2_env: { namespace: string } }[]) => l.map((p) => `${p.pm_id} ${p.name} ${p.pm2_env.namespace}`).sort();
    expect(key(list)).toEqual(key(await jlist(pm2.pm2)));
    expect(key(list)).toEqual(['0 rpc-one ns-a', '1 rpc-two default']);
    await expect(rpcCall(path.join(pm2.home, 'rpc.sock'), 'noSuchMethod', [], 3000)).rejects.toThrow();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
