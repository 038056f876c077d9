import { i as detectCompose } from "./compose-aF0sDG8n.js";
// dist/load/compose-cli.js
/** The compose command devslot runs (`docker compose` or `docker-compose`), detected once per process. */
async function composeCommand(env) {
	return (await detectCompose(env)).argv;
}
export { composeCommand as t };
