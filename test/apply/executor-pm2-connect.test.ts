import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import { RuntimeError } from '../../scripts/errors.js';

/**
 * The executor opens its PM2 session beside the first operations (loading PM2's API overlaps them);
 * a PM2 that cannot be reached must still stop the run before the next operation, not only at the
 * first app's start after compose up, the resources and the hooks have run.
 */
vi.mock('../../scripts/adapters/pm2.js', () => ({
  withPm2: () => Promise.reject(new RuntimeError('the PM2 daemon could not be started')),
  deleteAppsById: async () => undefined,
}));

it('a PM2 connect that fails stops the run before the next operation', async () => {
  const { execute } = await import('../../scripts/apply/executor.js');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-exec-pm2-'));
  try {
    const write = (name: string) => ({ slot: 1, kind: 'write-files', root, dir: '.instances/instance-1', files: [{ path: `.instances/instance-1/${name}`, content: 'x\n', mode: 0o600 }], cause: 'test' });
    const ops = [write('first.env'), write('second.env'), { slot: 1, kind: 'pm2-start', app: 'api-1', options: { name: 'api-1' }, cause: 'test' }];
    const rt = { env: {}, signal: new AbortController().signal, deadline: Date.now() + 10_000, timeoutSeconds: 10, progress: () => {} };
    await expect(execute(ops as never, rt as never)).rejects.toThrow('the PM2 daemon could not be started');
    expect(fs.existsSync(path.join(root, '.instances/instance-1/first.env'))).toBe(true);
    expect(fs.existsSync(path.join(root, '.instances/instance-1/second.env'))).toBe(false);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
