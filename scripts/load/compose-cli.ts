import { detectCompose } from '../adapters/compose.js';

/** The compose command devslot runs (`docker compose` or `docker-compose`), detected once per process. */
export async function composeCommand(env: NodeJS.ProcessEnv): Promise<string[]> {
  return (await detectCompose(env)).argv;
}
