import { ChildExitError, DevslotError, exitCodeOf, InterruptedError, PartialError } from '../errors.js';
import { devslotVersion } from '../version.js';
import { parseArgs, type Parsed } from './args.js';
import type { Io } from '../io.js';
import { dispatch } from './dispatch.js';
import type { TracedOperation } from '../context.js';

export interface MainDeps {
  io: Io;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isRoot: boolean;
  /** Aborted on Ctrl-C; long commands (logs, start) stop cleanly. */
  signal: AbortSignal;
  /** Ask a yes/no question on the terminal (clean). */
  confirm: (question: string) => Promise<boolean>;
  /** The clock (leases record when they were made and used). */
  now?: () => Date;
  /** Each operation as the executor starts it. */
  trace?: (op: TracedOperation) => void;
}

/**
 * argv → exit code (DESIGN §2's, or the code of the child `exec` ran). The only place an error
 * becomes an exit code; it never calls process.exit.
 */
export async function main(argv: readonly string[], deps: MainDeps): Promise<number> {
  let parsed: Parsed | undefined;
  try {
    parsed = parseArgs(argv, deps.env);
    if (parsed.kind === 'version') {
      deps.io.out(`${devslotVersion()}\n`);
      return 0;
    }
    if (parsed.kind === 'help' && 'copy' in parsed) {
      deps.io.out(`${(await import('./copy-args.js')).COPY_USAGE.map((u) => `usage: ${u}`).join('\n')}\n\n  copy a slot's volumes into another slot, or to and from a named snapshot kept by the engine (labelled as devslot's), with GNU tar in a helper container (copy.image in devslot.yaml, or DEVSLOT_COPY_IMAGE; default debian:bookworm-slim). The source is paused for one instant and always unpaused (--stop: stopped and started again); --only SERVICE limits the copy to the volumes those services mount; the target must be stopped, and clone --force replaces its volumes. --timeout SECONDS bounds the copy (default 600).\n`);
      return 0;
    }
    if (parsed.kind === 'help' && 'infra' in parsed) {
      deps.io.out(`usage: ${(await import('./infra-args.js')).INFRA_USAGE}\n\n  the services every slot shares (shared.services in devslot.yaml), run once as <name>-infra: status shows them and the slots that use them; stop stops them and clean removes them with their volumes (every slot's databases: asks, or --yes), each only when no slot of any checkout uses them.\n`);
      return 0;
    }
    if (parsed.kind === 'help') {
      deps.io.out(parsed.tool ? (await import('./tools.js')).toolHelp(parsed.tool) : (await import('./help.js')).helpText(parsed.action));
      return 0;
    }
    if (parsed.kind === 'copy') {
      await (await import('./dispatch-copy.js')).dispatchCopy(parsed, deps);
      return 0;
    }
    if (parsed.kind === 'infra') {
      const { loadConfig } = await import('../config/load.js');
      const config = await loadConfig(deps.cwd, parsed.options.config);
      await (await import('../commands/infra.js')).infraCommand({ io: deps.io, signal: deps.signal, cwd: deps.cwd, env: deps.env, isRoot: deps.isRoot, options: parsed.options, config }, parsed.what, deps.confirm);
      return 0;
    }
    if (parsed.kind === 'tool') {
      await (await import('./dispatch-tools.js')).dispatchTool(parsed, deps);
      return 0;
    }
    await dispatch(parsed, deps);
    return 0;
  } catch (err) {
    reportError(deps.io, err, (parsed?.kind === 'run' || parsed?.kind === 'copy' || parsed?.kind === 'infra') && parsed.options.json);
    // Interrupted by a signal: 130 for Ctrl-C (SIGINT), 143 for SIGTERM, as shells report them.
    if (err instanceof InterruptedError && deps.signal.aborted && deps.signal.reason === 'SIGTERM') return 143;
    return exitCodeOf(err);
  }
}

export function reportError(io: Io, err: unknown, json: boolean): void {
  if (err instanceof ChildExitError) return;
  if (err instanceof DevslotError) {
    // A partial result's JSON is out already, with the failure in it: stdout stays one document.
    if (json && !(err instanceof PartialError)) io.out(`${JSON.stringify({ error: { kind: err.kind, message: err.message, exitCode: err.exitCode } })}\n`);
    io.err(`devslot: ${err.message}\n`);
    return;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  io.err(`devslot: internal error: ${e.message}. This is a bug in devslot; please report it with the command you ran and this trace:\n${e.stack ?? ''}\n`);
}
