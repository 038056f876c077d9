import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** Bench row 10 without a remote engine set up: no rows, one note saying why and how to set it up. */
describe('bench row 10 (remote engine)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-no-remote-'));
  afterAll(() => {
    delete process.env.DEVSLOT_REMOTE_DIR;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is skipped with a note when .ci/remote-engine-setup has not run', async () => {
    process.env.DEVSLOT_REMOTE_DIR = dir;
    const { row10 } = await import('../../bench/rows/row10-remote-engine.js');
    const ctx = { root: '', initRoot: '', pm2Home: '', env: { PATH: process.env.PATH }, notes: [] as string[] };
    expect(await row10.run(ctx)).toEqual([]);
    expect(ctx.notes).toEqual([`row 10 (remote engine) skipped: ${path.join(dir, 'env')} is missing; run \`sudo bash .ci/remote-engine-setup\` (a second dockerd behind sshd on this machine) and the bench again`]);
  });
});
