import http from 'node:http';
import net from 'node:net';
import type { HealthProbe } from '../config/types.js';
import { tcpTarget } from '../plan/urls.js';

/** One readiness probe: an HTTP status below 400, or a TCP connect, within `timeoutMs`. */
export async function probeOnce(probe: HealthProbe, timeoutMs: number): Promise<boolean> {
  // https (and TLS) load only for an https URL: ~5 ms that status would pay on every call.
  const get = 'http' in probe && probe.http.startsWith('https:') ? (await import('node:https')).get : http.get;
  return new Promise((resolve) => {
    if ('http' in probe) {
      const url = new URL(probe.http);
      const req = get(url, { timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve((res.statusCode ?? 500) < 400);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
      return;
    }
    const { host, port } = tcpTarget(probe.tcp);
    const socket = net.connect({ host, port: Number(port), timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
