import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIT_IDENTITY, gitWith, initRepo } from '../helpers/git-repo.js';
import { cleanEnv, cliPath, run, runCli, type RunResult } from '../helpers/cli.js';
import { jlist, privatePm2 } from '../helpers/pm2-home.js';
import { hasEngine, inCI, requireTool, works } from '../helpers/tools.js';

/**
 * Issue 11, defect 1: `prune --yes` run where a live slot's root is not visible (another mount
 * namespace: a devcontainer, a second machine on one engine) must leave that slot alone and say
 * so; a slot whose worktree git no longer lists is still pruned.
 */
const NAME = 'ds-own-prune';
const FILES: Record<string, string> = {
  'devslot.yaml': `name: ${NAME}\nslots: 4\ncompose:\n  files: [compose.yml]\npm2:\n  config: pm2.config.cts\n`,
  'compose.yml': 'services:\n  box:\n    image: busybox:1.35\n    command: ["sleep", "3600"]\n    init: true\n    volumes: ["data:/data"]\nvolumes:\n  data: {}\n',
  'pm2.config.cts': "export default { apps: [{ name: 'tick', script: 'tick.js' }] };\n",
  'tick.js': 'setInterval(() => {}, 1 << 30);\n',
};
// Mount namespaces need root (or CAP_SYS_ADMIN); CI runs as root.
const canUnshare = works('unshare', ['-m', 'true']);

describe.skipIf(!requireTool(hasEngine, 'the Docker engine') || (!canUnshare && !inCI))('prune from where a live root is not visible', () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home, ...GIT_IDENTITY });
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ds-own-prune-')));
  const main = path.join(base, 'main');
  const hidden = path.join(base, 'hidden'); // the folder a tmpfs covers in the other namespace
  const live = path.join(hidden, 'live');
  const gone = path.join(base, 'gone');
  const git = gitWith(env);
  const cli = (cwd: string, args: string[]): Promise<RunResult> => runCli(args, { cwd, env, timeoutMs: 90_000 });
  const lines = async (args: string[]) => (await run('docker', args, { env, timeoutMs: 30_000 })).stdout.trim().split('\n').filter(Boolean).sort();
  /** A slot's containers, volumes and PM2 apps, with their states. */
  const slotObjects = async (slot: number) => [
    ...(await lines(['ps', '-a', '--filter', `label=com.docker.compose.project=${NAME}-dev-${slot}`, '--format', 'container {{.Names}} {{.State}} {{.Label "dev.devslot.root"}}'])),
    ...(await lines(['volume', 'ls', '--filter', `label=com.docker.compose.project=${NAME}-dev-${slot}`, '--format', 'volume {{.Name}}'])),
    ...(await jlist(pm2.pm2)).filter((p) => p.pm2_env.namespace === `${NAME}-dev-${slot}`).map((p) => `app ${p.name} ${p.pm2_env.status}`),
  ].sort();

  beforeAll(() => {
    initRepo(main, FILES, git);
    fs.mkdirSync(hidden);
  });
  afterAll(async () => {
    for (const dir of [live, gone, main]) if (fs.existsSync(dir)) await cli(dir, ['clean', 'all', '--yes']);
    await cli(main, ['prune', '--yes']);
    await pm2.kill();
    fs.rmSync(base, { recursive: true, force: true });
  }, 180_000);

  it('leaves a live slot whose root it cannot see, lists it, and still prunes a removed worktree', async () => {
    git(main, ['worktree', 'add', '-q', live, '-b', 'live']);
    git(main, ['worktree', 'add', '-q', gone, '-b', 'gone']);
    const a = await cli(live, ['start', '0', '--timeout', '30']);
    expect(a.code, a.stderr).toBe(0);
    const b = await cli(gone, ['start', '1', '--timeout', '30']);
    expect(b.code, b.stderr).toBe(0);
    const liveBefore = await slotObjects(0);
    expect(liveBefore).toEqual([`app tick-0 online`, `container ${NAME}-dev-0-box-1 running ${live}`, `volume ${NAME}-dev-0_data`]);
    expect(await slotObjects(1)).toEqual([`app tick-1 online`, `container ${NAME}-dev-1-box-1 running ${gone}`, `volume ${NAME}-dev-1_data`]);
    git(main, ['worktree', 'remove', '--force', gone]); // provably gone: git no longer lists it

    // Another mount namespace, where a tmpfs covers the live root's parent folder: the same
    // engine, PM2 daemon and repository, but `live` does not exist there. Arguments reach sh as
    // positional parameters, never as script text.
    const script = 'mount -t tmpfs tmpfs "$1" && [ ! -e "$2" ] && cd "$3" && exec "$4" "$5" prune --yes';
    const r = await run('unshare', ['-m', 'sh', '-c', script, 'sh', hidden, live, main, process.execPath, cliPath], { env, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`removed slot 1 (${NAME}-dev-1) of ${gone}: 1 container(s), 1 PM2 app(s), a lease`);
    expect(r.stdout).toContain(`left alone slot 0 (${NAME}-dev-0): ${live} is not visible from here, but git still lists it as a worktree of this repository`);
    expect(r.stdout).not.toMatch(/removed slot 0/);

    expect(await slotObjects(0)).toEqual(liveBefore);
    expect(await slotObjects(1)).toEqual([]);
    const st = await cli(live, ['status', '--json']);
    expect(st.code, st.stderr).toBe(0);
    expect(JSON.parse(st.stdout).slots[0].services.map((s: { state: string }) => s.state).sort()).toEqual(['running', 'running']); // one vocabulary: the online app is running too (issue 15)
  }, 240_000);
});
