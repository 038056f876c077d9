import { defaultOptions, type Options } from '../context.js';
import { UsageError } from '../errors.js';

/**
 * `devslot infra [status|stop|clean]` (DESIGN §9): the shared services as a whole. `stop` and
 * `clean` refuse while a slot of any checkout uses them; `clean` removes their volumes (every
 * slot's databases), so it asks, or takes --yes.
 */
export type InfraParsed = { kind: 'infra'; what: 'status' | 'stop' | 'clean'; options: Options };

export const INFRA_USAGE = 'devslot infra [status|stop|clean] [--yes] [--dry-run] [--json]';

export function isInfraArgv(argv: readonly string[]): boolean {
  return argv.find((a) => !a.startsWith('-')) === 'infra';
}

export function parseInfra(argv: readonly string[]): InfraParsed | { kind: 'help'; infra: true } {
  const options: Options = defaultOptions();
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return { kind: 'help', infra: true };
    if (!a.startsWith('-')) {
      words.push(a);
      continue;
    }
    switch (a) {
      case '--yes': case '-y': options.yes = true; break;
      case '--dry-run': options.dryRun = true; break;
      case '--json': options.json = true; break;
      case '--quiet': case '-q': options.quiet = true; break;
      case '--config': {
        const v = argv[++i];
        if (!v) throw new UsageError('--config needs a value');
        options.config = v;
        break;
      }
      default: throw new UsageError(`${a} does not apply to infra; usage: ${INFRA_USAGE}`);
    }
  }
  const [, what = 'status', ...extra] = words;
  if (extra.length || !['status', 'stop', 'clean'].includes(what)) throw new UsageError(`infra takes one of status, stop, clean; usage: ${INFRA_USAGE}`);
  return { kind: 'infra', what: what as InfraParsed['what'], options };
}
