// The engine tier once more, against a rootful Podman socket (issue 18): part of `npm test`.
// Outside CI, a machine without the socket skips it with one line; under CI=true a missing socket
// fails, as every tier-3 tool does (.ci/setup runs .ci/podman-setup).
//
// The whole engine tier (test/e2e) runs here; the remote-engine files skip (they run in their own
// step, test:remote). It grew file by file as each passed on Podman 4.3: hangs-and-loops once a
// crash loop was caught on Podman (it restarts the container at once and lists it `running`, never
// `restarting`: start reads its RestartCount, apply/readiness.ts); lifecycle and two-copies after two
// whole passes each; the 27 others passed together in one run (206 tests, 11 minutes) before the
// list gave way to the folder. lifecycle's afterAll `infra clean` refuses on every run, on both
// engines: its last case's look-alike PM2 app counts as a user of the infra (one may well use it),
// so the afterAll removes the infra itself.
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
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--testTimeout=30000', 'test/e2e', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DEVSLOT_TEST_ENGINE: 'podman', DOCKER_HOST: host },
});
process.exit(r.status ?? 1);
