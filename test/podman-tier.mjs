// The engine tier once more, against a rootful Podman socket (issue 18): part of `npm test`.
// Outside CI, a machine without the socket skips it with one line; under CI=true a missing socket
// fails, as every tier-3 tool does (.ci/setup runs .ci/podman-setup).
//
// The files below are the ones seen passing on Podman 4.3 in every run here. hangs-and-loops joined
// once a crash loop was seen on Podman (it restarts the container at once and lists it `running`,
// never `restarting`: start now reads its RestartCount, apply/readiness.ts); it passed whole twice
// in a row on Podman. Its PM2 crash-loop case depends on load on both engines (an app whose node
// takes over a second to reach its crash looks settled): seen failing once on Docker at a load
// average of 10 on these 2 cores, after the fix that restarts the settle second on a PM2 restart.
// lifecycle and two-copies joined after two whole passes each on Podman in a row (at a load average
// of 10–17 here). lifecycle's earlier failure was its shared Postgres port held by the infra an
// earlier Docker run left: its afterAll's `infra clean` refuses on every run, on both engines (its
// last case's look-alike PM2 app counts as a user of the infra), and only since 72d93e8 does the
// afterAll remove the infra anyway. Look-alikes still count as users (one may well use the infra);
// not counting them made that case's `clean all` fail on a stopped Postgres, which clean now starts.
// Not in the list yet (issue 18 is open): every other file of test/e2e, not run on Podman to the
// end (a whole Podman pass takes about 45 minutes here). `npm run test:podman -- --all` runs them all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';

const host = process.env.DEVSLOT_PODMAN_HOST ?? 'unix:///run/devslot-podman/podman.sock';
const socket = host.replace(/^unix:\/\//, '');
const answers = await new Promise((resolve) => {
  if (!fs.existsSync(socket)) return resolve(false);
  const req = http.get({ socketPath: socket, path: '/_ping', timeout: 5000 }, (res) => {
    res.resume();
    resolve(res.statusCode === 200);
  });
  req.on('error', () => resolve(false));
  req.on('timeout', () => {
    req.destroy();
    resolve(false);
  });
});
if (!answers) {
  const line = `Podman tier: no Podman socket answers at ${host} (run .ci/podman-setup, or set DEVSLOT_PODMAN_HOST)`;
  if (process.env.CI === 'true') {
    console.error(`${line}; CI=true, so this is a failure`);
    process.exit(1);
  }
  console.error(`${line}; skipped`);
  process.exit(0);
}
const PASSING = [
  'test/e2e/engine-health.test.ts',
  'test/e2e/robustness.test.ts',
  'test/e2e/shared-infra.test.ts',
  'test/e2e/hooks.test.ts',
  'test/e2e/h16-copy.test.ts',
  'test/e2e/hostile-input.test.ts',
  'test/e2e/hangs-and-loops.test.ts',
  'test/e2e/lifecycle.test.ts',
  'test/e2e/two-copies.test.ts',
];
const all = process.argv.includes('--all');
const files = all ? ['test/e2e'] : PASSING;
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--testTimeout=30000', ...files, ...process.argv.slice(2).filter((a) => a !== '--all')], {
  stdio: 'inherit',
  env: { ...process.env, DEVSLOT_TEST_ENGINE: 'podman', DOCKER_HOST: host },
});
process.exit(r.status ?? 1);
