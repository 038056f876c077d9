import { ConfigError } from '../errors.js';

/**
 * Load the PM2 ecosystem file (usually pm2.config.cts) with jiti, which reads TypeScript, CommonJS
 * and `export default`; PM2 itself cannot read `.cts` (TRAPS "PM2"). Returns the raw export.
 */
export async function loadEcosystem(file: string, display: string): Promise<unknown> {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
  try {
    return await jiti.import(file);
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new ConfigError(`${display}: cannot load it: ${msg}`);
  }
}
