import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, run, runCli, type RunResult } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { hasEngine, requireTool } from '../helpers/tools.js';

/**
 * Issue 11, defect 3: two copies of one project (same `name`, different folders) racing `start` of
 * one slot. The engine is shared and the slot locks are per folder, so only a claim made on the
 * engine itself tells them apart: each trial must end with one owner running and the other copy
 * exiting 2, naming it, having created nothing; both can still run status and stop.
 */
const NAME = 'ds-own-race';
const PROJECT = `${NAME}-dev-0`;
const CLAIM = `${PROJECT}-devslot-claim`;
const FILES: Record<string, string> = {
  'devslot.yaml': `name: ${NAME}\nslots: 2\ncompose:\n  files: [compose.yml]\n`,
  'compose.yml': 'services:\n  box:\n    image: busybox:1.35\n    command: ["sleep", "3600"]\n    init: true\n',
};
const TRIALS = 10;

describe.skipIf(!requireTool(hasEngine, 'the Docker engine'))('two copies of one project racing one slot', () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home });
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ds-own-race-')));
  const copies = [path.join(base, 'a'), path.join(base, 'b')] as const;
  const cli = (root: string, args: string[]): Promise<RunResult> => runCli(args, { cwd: root, env, timeoutMs: 60_000 });
  const docker = async (args: string[]) => (await run('docker', args, { env, timeoutMs: 30_000 })).stdout.trim().split('\n').filter(Boolean).sort();
  /** Every container, network and volume on the engine that carries this root's label. */
  const objectsOf = async (root: string) => [
    ...(await docker(['ps', '-a', '--filter', `label=dev.devslot.root=${root}`, '--format', 'container {{.Names}} {{.State}}'])),
    ...(await docker(['network', 'ls', '--filter', `label=dev.devslot.root=${root}`, '--format', 'network {{.Name}}'])),
    ...(await docker(['volume', 'ls', '--filter', `label=dev.devslot.root=${root}`, '--format', 'volume {{.Name}}'])),
  ];
  const projectObjects = async () => [
    ...(await docker(['ps', '-a', '--filter', `label=com.docker.compose.project=${PROJECT}`, '--format', '{{.Names}}'])),
    ...(await docker(['network', 'ls', '--filter', `label=com.docker.compose.project=${PROJECT}`, '--format', '{{.Name}}'])),
    ...(await docker(['volume', 'ls', '--filter', `name=${PROJECT}`, '--format', '{{.Name}}'])),
  ];
  const claimRoot = async () => (await run('docker', ['volume', 'inspect', CLAIM, '--format', '{{index .Labels "dev.devslot.claim.root"}}'], { env })).stdout.trim();

  beforeAll(() => {
    for (const root of copies) {
      fs.mkdirSync(root);
      for (const [f, t] of Object.entries(FILES)) fs.writeFileSync(path.join(root, f), t);
    }
  });
  afterAll(async () => {
    for (const root of copies) await cli(root, ['clean', 'all', '--yes']);
    // Only what this file made: the project's containers and networks, and its claim.
    await run('docker', ['compose', '-p', PROJECT, 'down', '--remove-orphans'], { env, cwd: os.tmpdir() });
    await run('docker', ['volume', 'rm', '-f', CLAIM], { env });
    await pm2.kill();
    fs.rmSync(base, { recursive: true, force: true });
  }, 120_000);

  it(`ends each of ${TRIALS} races with one owner, the other copy refused (exit 2, naming it) having created nothing`, async () => {
    const owners: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const results = await Promise.all(copies.map((root) => cli(root, ['start', '0', '--timeout', '30'])));
      const codes = results.map((r) => r.code);
      expect(codes.sort(), `trial ${trial}: ${results.map((r) => r.stderr.trim()).join(' | ')}`).toEqual([0, 2]);
      const w = results.findIndex((r) => r.code === 0);
      const [winner, loser] = [copies[w]!, copies[1 - w]!];
      owners.push(path.basename(winner));
      const refused = results[1 - w]!;
      expect(refused.stderr.trim().split('\n').filter((l) => l.startsWith('devslot:'))).toEqual([
        expect.stringContaining(`slot 0 is held on this Docker engine by the checkout at ${winner} (id `),
      ]);
      expect(await objectsOf(loser), `trial ${trial}`).toEqual([]);
      expect(await objectsOf(winner)).toEqual([`container ${PROJECT}-box-1 running`, `network ${PROJECT}_default`]);
      expect(await claimRoot()).toBe(winner);

      // Both copies can still look and stop: the other copy's stop leaves the owner's slot alone.
      for (const st of await Promise.all(copies.map((root) => cli(root, ['status', '0'])))) expect(st.code, st.stderr).toBe(0);
      const otherStop = await cli(loser, ['stop', '0']);
      expect([0, 2], otherStop.stderr).toContain(otherStop.code);
      if (otherStop.code === 2) expect(otherStop.stderr).toContain(`held on this Docker engine by the checkout at ${winner}`);
      expect(await objectsOf(winner)).toEqual([`container ${PROJECT}-box-1 running`, `network ${PROJECT}_default`]);
      const ownStop = await cli(winner, ['stop', '0']);
      expect(ownStop.code, ownStop.stderr).toBe(0);
      expect(await projectObjects(), `trial ${trial}: the slot is gone, claim and all`).toEqual([]);
    }
    // Not a test of fairness, only a note of who won (either may, trial by trial).
    console.log(`owners per trial: ${owners.join(' ')}`);
  }, 600_000);

  it('a copied folder (same .instances/.identity, another path) is another checkout', async () => {
    const [a] = copies;
    const started = await cli(a, ['start', '0', '--timeout', '30']);
    expect(started.code, started.stderr).toBe(0);
    const copy = path.join(base, 'copy');
    fs.cpSync(a, copy, { recursive: true });
    try {
      const r = await cli(copy, ['start', '0']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`held on this Docker engine by the checkout at ${a} (id `);
      const idA = JSON.parse(fs.readFileSync(path.join(a, '.instances/.identity'), 'utf8')) as { id: string; root: string };
      const idCopy = JSON.parse(fs.readFileSync(path.join(copy, '.instances/.identity'), 'utf8')) as { id: string; root: string };
      expect(idCopy.root).toBe(copy);
      expect(idCopy.id).not.toBe(idA.id);
      expect(await objectsOf(copy)).toEqual([]);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
    expect((await cli(a, ['stop', '0'])).code).toBe(0);
    expect(await projectObjects()).toEqual([]);
  }, 120_000);
});
