import { describe, expect, it } from 'vitest';
import { containerLogs, listContainers } from '../../scripts/adapters/docker.js';
import { RuntimeError } from '../../scripts/errors.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Issue 10: engine failures are typed runtime errors (exit 2, one line), never exit 3. A container
 * that is gone between observing and reading its logs is the case `logs` meets when someone removes
 * a container while it runs.
 */
describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('engine failures are one-line runtime errors', () => {
  it('a container removed before its logs are read', async () => {
    const err = await containerLogs(process.env, 'f00dfeedf00d', { follow: false, tail: 5 }, () => {}).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as Error).message).toMatch(/^container f00dfeedf00d is gone \(removed while devslot was reading its logs\); run the command again$/);
  });

  it('following the logs of a container that is gone', async () => {
    const err = await containerLogs(process.env, 'f00dfeedf00d', { follow: true }, () => {}).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as Error).message).toMatch(/is gone/);
  });

  it('an engine socket that does not exist', async () => {
    const err = await listContainers({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, ['x=y']).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as Error).message).toMatch(/^the Docker engine is not reachable at unix:\/\/\/nonexistent\/docker\.sock \(ENOENT\)/);
  });
});
