/**
 * Row 8 (issue 16): how long `devslot clone` holds the source still, per 100 MB, beside a plain
 * GNU tar copy of the same data in a container (`docker run … tar -cf - . | tar -xf -`, no sparse,
 * xattr or ACL flags), in the same run. The pause covers starting the helper container, the copy
 * with every flag that keeps a volume whole, and the unpause; the baseline covers the CLI's
 * container start and the bare copy. Its own small project (one busybox service, no ports).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, NODE, SLOW_RUNS } from '../lib/config.js';
import type { BenchContext } from '../lib/context.js';
import { BenchError, median, must, progress, round, spawnTimed, summary } from '../lib/harness.js';
import type { Row, StepRow } from '../lib/row.js';

const NAME = 'devslot-bench-copy';
const IMAGE = 'debian:bookworm-slim';
/** 200 files of 1 MiB of random bytes: nothing compresses, nothing is sparse. */
const FILES = 200;
const MB = FILES * 1.048576;

async function run(ctx: BenchContext): Promise<Row[]> {
  progress(`row 8: clone pause vs a plain GNU tar copy in a container, ${MB.toFixed(0)} MB, ${SLOW_RUNS} runs each`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-bench-copy-'));
  fs.writeFileSync(path.join(root, 'devslot.yaml'), `name: ${NAME}\nslots: 2\ncompose:\n  files: [compose.yml]\n`);
  fs.writeFileSync(path.join(root, 'compose.yml'), 'services:\n  data:\n    image: busybox:1.35\n    init: true\n    command: [sleep, "3600"]\n    volumes: [data:/data]\nvolumes:\n  data:\n');
  const ds = (args: string[]) => must(NODE, [CLI, ...args], { cwd: root, env: ctx.env, timeoutMs: 300_000 });
  const docker = (args: string[]) => must('docker', args, { env: ctx.env, timeoutMs: 300_000 });
  const src = `${NAME}-dev-0_data`;
  const plain = `${NAME}-plain-${process.pid}`;
  try {
    await ds(['0', 'start', '--quiet']);
    await docker(['run', '--rm', '-v', `${src}:/v`, IMAGE, 'sh', '-c', `i=0; while [ $i -lt ${FILES} ]; do head -c 1048576 /dev/urandom > /v/f$i; i=$((i+1)); done`]);
    const pause: number[] = [];
    const tar: number[] = [];
    for (let i = 0; i <= SLOW_RUNS; i++) {
      const out = await ds(['clone', '0', '1', '--json']);
      const ms = (JSON.parse(out.stdout) as { cloned: { pausedMs?: number } }).cloned.pausedMs;
      if (ms === undefined) throw new BenchError('row 8: clone reported no pause (was slot 0 running?)');
      await ds(['clean', '1', '--yes', '--quiet']);
      await docker(['volume', 'create', plain]);
      const t = await docker(['run', '--rm', '--network', 'none', '-v', `${src}:/from:ro`, '-v', `${plain}:/to`, IMAGE, 'sh', '-c', 'cd /from && /usr/bin/tar -cf - . | /usr/bin/tar -C /to -xf -']);
      await docker(['volume', 'rm', plain]);
      if (i > 0) {
        pause.push(ms);
        tar.push(t.ms);
      }
      progress(`  row 8 ${i === 0 ? 'warm-up' : `run ${i}`}: clone pause ${round(ms, 0)} ms, plain tar ${round(t.ms, 0)} ms`);
    }
    const p = median(pause) / (MB / 100);
    const b = median(tar) / (MB / 100);
    ctx.notes.push(`row 8: ${MB.toFixed(0)} MB in ${FILES} files; the clone's pause includes creating and starting its copy container and the unpause, the baseline \`docker run\`'s own start: both are in every figure`);
    return [{
      id: '8', measure: 'clone: source paused, ms per 100 MB', baseline: 'plain GNU tar copy in a container',
      devslotMs: p, baselineMs: b, ratio: p / b, ratioKind: 'of baseline', goal: '≤ 1.2×',
      pass: p / b <= 1.2, samples: { pause: summary(pause), plainTar: summary(tar), mb: round(MB) },
    }];
  } finally {
    await spawnTimed(NODE, [CLI, 'clean', 'all', '--yes', '--quiet'], { cwd: root, env: ctx.env, forCleanup: true, timeoutMs: 120_000 });
    await spawnTimed('docker', ['volume', 'rm', '-f', plain], { env: ctx.env, forCleanup: true });
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export const row8: StepRow = { kind: 'step', id: '8', standalone: true, run };
