import net from 'node:net';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';

/**
 * A port of the slot can be taken by no server at all: an outgoing connection got it from the
 * kernel as its local end (ports of the ephemeral range, 32768-60999 by default, are handed out so).
 * Compose's bind would fail on it all the same, so the port is busy; the line says which process
 * holds it and why, not "another process" (a CI run failed on exactly this, unexplained).
 * Real sockets; the engine's list of publishers is stood in for (no container holds the port).
 */
vi.mock('../../scripts/adapters/docker.js', () => ({ containersPublishing: async () => [] }));

let server: net.Server;
let client: net.Socket;
beforeAll(async () => {
  server = net.createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  await new Promise<void>((resolve) => client.once('connect', resolve));
});
afterAll(() => {
  client.destroy();
  server.close();
});

it('a port held as the local end of a connection is busy, and the line names the connection and its process', async () => {
  const { checkPortsFree } = await import('../../scripts/apply/preflight.js');
  const port = client.localPort!;
  const op = { slot: 2, kind: 'check-ports', project: 'demo-dev-2', ports: [{ name: 'web', port, source: 'service web' }], ownPorts: [], ownPids: [], cause: 'test' };
  const err = await checkPortsFree({}, op as never).then(() => undefined, (e: Error) => e);
  expect(err?.message).toMatch(
    new RegExp(`^port ${port} \\(web, service web\\) of slot 2 is already in use as the local end of a connection of pid ${process.pid} \\(.+\\); the kernel gives ports \\d+-\\d+ to outgoing connections: reserve the slots' ports with sysctl net.ipv4.ip_local_reserved_ports, or use another slot$`),
  );
});

it('a port held by no one passes', async () => {
  const { checkPortsFree } = await import('../../scripts/apply/preflight.js');
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const op = { slot: 2, kind: 'check-ports', project: 'demo-dev-2', ports: [{ name: 'web', port, source: 'service web' }], ownPorts: [], ownPids: [], cause: 'test' };
  await expect(checkPortsFree({}, op as never)).resolves.toBeUndefined();
});
