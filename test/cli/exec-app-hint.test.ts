import { describe, expect, it } from 'vitest';
import { appMeant } from '../../scripts/commands/exec.js';
import { RuntimeError, UsageError } from '../../scripts/errors.js';

/** `devslot 1 exec api -- env` runs a command named api: when none exists and api is an app, the line says how to ask for its environment. */
const missing = (cmd: string) => new UsageError(`cannot run ${JSON.stringify(cmd)}: no such command on PATH`);
const msg = (e: unknown) => (e as Error).message;

describe('exec: an app name where the command goes', () => {
  it('names the app and the exec line that runs in its environment', () => {
    expect(msg(appMeant(missing('api'), ['api', '--', 'env'], ['api', 'worker'], 1, undefined))).toBe(
      'cannot run "api": no such command on PATH; api is an app of slot 1: to run a command in its environment, `devslot 1 exec --app api -- env`',
    );
    expect(msg(appMeant(missing('worker'), ['worker'], ['api', 'worker'], 3, undefined))).toContain('`devslot 3 exec --app worker -- CMD ARGS…`');
  });

  it('leaves every other failure as it was', () => {
    const e = missing('nosuch');
    expect(appMeant(e, ['nosuch'], ['api'], 1, undefined)).toBe(e);
    const withApp = missing('api');
    expect(appMeant(withApp, ['api'], ['api'], 1, 'api')).toBe(withApp);
    const other = new RuntimeError('cannot run "api": EIO');
    expect(appMeant(other, ['api'], ['api'], 1, undefined)).toBe(other);
  });
});
