import { preloadPm2Api } from '../adapters/pm2.js';
import { preloadResourceClients } from './resources.js';

/**
 * Starts loading what a start that acts needs, without waiting: the resource clients of these
 * kinds, PM2's API and the executor (together ~0.5–0.7 s of CPU for pg, ioredis and pm2). Called
 * once the planning code is loaded and just before compose is asked, so the loading runs while the
 * compose CLI works in its own process. A failure here is met again, and reported, where the
 * module is used.
 */
export function preloadForStart(kinds: Iterable<string>): void {
  import('./executor.js').catch(() => undefined);
  preloadResourceClients(kinds);
  preloadPm2Api();
}
