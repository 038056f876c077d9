import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli/main.js';
import { bufferIo } from '../../scripts/io.js';
import { describeOp, type Operation } from '../../scripts/plan/operations.js';
import { cleanEnv } from '../helpers/cli.js';
import { exampleCopy } from '../helpers/example.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Issue 10: what `--dry-run` prints is what runs. Each acting command is first dry-run, then run
 * with the executor recording every operation it starts; the two lists must be equal, text and
 * JSON (PM2 options included), for the same state.
 */
const NAME = 'ds-trace';
const SLOT = '1';

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('the executor runs exactly what --dry-run printed', { timeout: 180_000 }, () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home });
  let project: ReturnType<typeof exampleCopy>;

  /** devslot in-process, recording each operation the executor starts. */
  const devslot = async (argv: string[]) => {
    const io = bufferIo();
    const ran: Operation[] = [];
    const code = await main(argv, { io, cwd: project.root, env, isRoot: true, signal: new AbortController().signal, confirm: async () => false, trace: (op) => ran.push(op as Operation) });
    return { code, stdout: io.stdout.join(''), stderr: io.stderr.join(''), ran };
  };
  const text = (ops: Operation[]) => ops.flatMap((op) => describeOp(op, { showSecrets: false, values: true }));
  const printed = (stdout: string) => stdout.split('\n').filter((l) => l && !l.startsWith('# '));

  /** Dry-run the command (text with env values, and JSON), run it, and compare with what ran. */
  const same = async (argv: string[]) => {
    const dry = await devslot([...argv, '--dry-run', '--explain']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.ran).toEqual([]);
    const dryJson = await devslot([...argv, '--dry-run', '--json']);
    const real = await devslot(argv);
    expect(real.code, real.stderr).toBe(0);
    expect(text(real.ran)).toEqual(printed(dry.stdout));
    const planned = (JSON.parse(dryJson.stdout) as { operations: Record<string, unknown>[] }[]).flatMap((s) => s.operations);
    expect(planned.map(({ kind, cause, ...rest }) => ({ kind, cause, options: rest.options }))).toEqual(
      real.ran.map((op) => ({ kind: op.kind, cause: op.cause, options: op.kind === 'pm2-start' ? { ...op.options, env: maskedEnv(op.options.env as Record<string, string>) } : undefined })),
    );
    return real.ran;
  };
  /** DESIGN §8's masking, written out here: secret keys, URL passwords, and the fingerprint (a hash of them) beside them. */
  const maskedEnv = (e: Record<string, string>) => {
    const out = Object.fromEntries(Object.entries(e).map(([k, v]) => [k, /SECRET|TOKEN|PASSWORD|PASSWD|KEY|CREDENTIAL/i.test(k) ? '********' : v.replace(/(:\/\/[^:/@\s]*:)[^@/\s]+@/g, '$1********@')]));
    if (Object.keys(e).some((k) => out[k] !== e[k])) out.DEVSLOT_FINGERPRINT = '********';
    return out;
  };

  beforeAll(() => {
    project = exampleCopy(NAME, { redis: 25379, web: 25080, api: 25211 });
  });
  afterAll(async () => {
    await devslot(['clean', 'all', '--yes']);
    await devslot(['infra', 'clean', '--yes']); // the example's shared Postgres and its volume
    await pm2.kill();
    project.remove();
  });

  it('start of a fresh slot', async () => {
    const ran = await same([SLOT, 'start']);
    // The example's shared Postgres comes up first and gets the slot's database; the created hook seeds it.
    expect(ran.map((o) => (o.kind === 'hook-step' ? `hook ${(o as { step: { label: string } }).step.label}` : o.kind))).toEqual([
      'claim-slot', 'check-ports', 'write-files', 'infra-up', 'ensure-resource', 'compose-create', 'infra-attach', 'compose-up', 'wait-containers',
      'hook created[1]', 'record-created', 'pm2-start', 'pm2-start', 'wait-apps', 'record-applied',
    ]);
  });

  it('start of a running slot does nothing, and says so', async () => {
    const dry = await devslot([SLOT, 'start', '--dry-run']);
    expect(dry.stdout).toContain(`# nothing to do: slot ${SLOT} is already as planned`);
    expect((await same([SLOT, 'start'])).length).toBe(0);
  });

  it('start after an app changed replaces only that app', async () => {
    const cfg = path.join(project.root, 'pm2.config.cts');
    fs.writeFileSync(cfg, fs.readFileSync(cfg, 'utf8').replace("env: { LOG_LEVEL: 'debug' }", "env: { LOG_LEVEL: 'debug', TRACE_TEST: '1' }"));
    const ran = await same([SLOT, 'start']);
    expect(ran.filter((o) => o.kind === 'pm2-start').map((o) => (o as { app: string }).app)).toEqual(['api-1']);
    expect(ran.find((o) => o.kind === 'pm2-delete')?.cause).toMatch(/^replaced: api-1 runs another plan/);
    // The containers' side of the plan did not change: compose is left alone.
    expect(ran.map((o) => o.kind)).not.toContain('compose-up');
  });

  it('restart', async () => {
    const ran = await same(['restart', SLOT]);
    expect(ran.map((o) => o.kind)).toEqual(['compose-restart', 'pm2-restart', 'pm2-restart', 'wait-containers', 'wait-apps']);
  });

  it('stop', async () => {
    const ran = await same(['stop', SLOT]);
    expect(ran.map((o) => o.kind)).toEqual(['pm2-delete', 'pm2-delete', 'infra-detach', 'compose-down', 'release-claim']);
  });

  it('clean', async () => {
    await same([SLOT, 'start']);
    const ran = await same(['clean', SLOT, '--yes']);
    expect(ran.map((o) => o.kind)).toEqual(['pm2-delete', 'pm2-delete', 'infra-detach', 'compose-down', 'release-claim', 'drop-resource', 'remove-dir']);
    expect(fs.existsSync(path.join(project.root, '.instances/instance-1'))).toBe(false);
  });
});
