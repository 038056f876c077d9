/** What every row gets: the temp projects, the bench's environment, and its commands bound to them. */
import { CLI, NODE, PM2_BIN } from './config.js';
import { must, type SpawnOptions, type Timed } from './harness.js';

export interface BenchContext {
  /** The K-slot project. */
  root: string;
  /** Row 6's project. */
  initRoot: string;
  pm2Home: string;
  /** The caller's environment without DEVSLOT_* and COMPOSE_*, with the bench's PM2_HOME and NO_COLOR. */
  env: NodeJS.ProcessEnv;
  /** Extra lines printed under the table and saved in results.json. */
  notes: string[];
}

type Opts = Partial<SpawnOptions>;

/** `node dist/cli.js ARGS` in the K-slot project; fails the bench on a non-zero exit. */
export const devslot = (ctx: BenchContext, args: readonly string[], opts: Opts = {}): Promise<Timed> =>
  must(NODE, [CLI, ...args], { cwd: ctx.root, env: ctx.env, ...opts });

/** The pm2 CLI on the bench's private daemon. */
export const pm2 = (ctx: BenchContext, args: readonly string[], opts: Opts = {}): Promise<Timed> =>
  must(NODE, [PM2_BIN, ...args], { env: ctx.env, ...opts });

export const docker = (ctx: BenchContext, args: readonly string[], opts: Opts = {}): Promise<Timed> =>
  must('docker', args, { env: ctx.env, ...opts });
