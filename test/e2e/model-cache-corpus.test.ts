/**
 * The proof that resolving under the sentinel project name and substituting is exact: for every
 * project of the real-world corpus (../shared/corpus), with and without `--profile '*'`, the model
 * compose resolves under the sentinel, with the sentinel replaced by `<name>-dev-3`, is the very
 * JSON compose prints for `-p <name>-dev-3` (key order included). And what planning gets through
 * the cache (resolveComposeCached) is that model too, with a save to write.
 *
 * Needs Docker Compose (`config` only; nothing runs). Skips without the corpus, except under CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeChildEnv, detectCompose, resolveModel } from '../../scripts/adapters/compose.js';
import { loadConfig } from '../../scripts/config/load.js';
import { resolveComposeCached, SENTINEL, substituteProject } from '../../scripts/load/model-cache.js';
import { composeDefaultEnvFile } from '../../scripts/load/plan-fresh.js';
import { cleanEnv } from '../helpers/cli.js';
import { copyProject, corpusCases, corpusDir } from '../helpers/corpus.js';
import { hasCompose, inCI } from '../helpers/tools.js';

const corpusPresent = fs.existsSync(path.join(corpusDir, 'compose'));
const missing = !corpusPresent ? `corpus not found at ${corpusDir}` : !hasCompose ? '`docker compose` is not available' : undefined;

if (missing) {
  describe('model cache over the corpus', () => {
    if (inCI) it('has its prerequisites', () => { throw new Error(`${missing}; this test cannot be skipped when CI=true`); });
    else it.skip(`skipped: ${missing} (this fails instead when CI=true)`, () => {});
  });
}

describe.skipIf(missing !== undefined)('sentinel then substitute = compose with the real project name', () => {
  it.concurrent.for(corpusPresent ? corpusCases() : [])('$id', { timeout: 180_000 }, async (c, ctx) => {
    const { root, tmp } = copyProject(c);
    try {
      const env = cleanEnv(c.env);
      const config = await loadConfig(root);
      const defaultEnv = composeDefaultEnvFile(config);
      const envFiles = config.compose.envFiles.length ? config.compose.envFiles : defaultEnv ? [defaultEnv] : [];
      const cli = await detectCompose(env);
      const project = `${c.name}-dev-3`;
      const args = { files: config.compose.files, envFiles, profiles: config.compose.profiles, cwd: root, env: composeChildEnv(env) };
      let direct;
      try {
        direct = await resolveModel(cli, { ...args, project });
      } catch (e) {
        if (c.optional) return ctx.skip();
        throw e;
      }
      const underSentinel = await resolveModel(cli, { ...args, project: SENTINEL });
      expect(JSON.stringify(underSentinel)).toContain(SENTINEL); // the name did reach the model
      expect(JSON.stringify(substituteProject(underSentinel, SENTINEL, project))).toBe(JSON.stringify(direct));

      const planned = await resolveComposeCached(config, 3, envFiles, env);
      expect(JSON.stringify(planned.model)).toBe(JSON.stringify(direct));
      expect(planned.save, 'the model was saved (its inputs could all be named)').toBeDefined();
      expect(planned.save!.content).not.toContain(project);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
