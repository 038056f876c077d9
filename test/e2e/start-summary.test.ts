import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpcCall } from '../../scripts/adapters/pm2-rpc.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { privatePm2 } from '../helpers/pm2-home.js';
import { tempProject } from '../helpers/project.js';

/**
 * ISSUE 10, "a 'healthy' summary asserted where the code writes it as a constant": the health that
 * `start` prints for an app must be computed, not written as 'healthy' for every app that has a
 * probe. What tells them apart: an app whose probe passes although the app is not running. Here
 * `oneshot` exits at once (autorestart off), and its probe is served by this test, which answers
 * 200 only once PM2 reports the app stopped; so start sees the probe pass, and then lists a
 * stopped app. A constant prints `stopped (healthy)`; status, asked right after with nothing
 * changed, shows the app stopped with no health (status only reports health of online apps).
 * `api` is the control: a real app passing its own probe, healthy in both.
 *
 * Start may instead refuse a slot whose app stopped (exit 2); then it must not claim the app
 * healthy either. No compose: no engine needed, only a private PM2 daemon.
 */
const NAME = 'devslot-hsum';
const API_PORT = 47311;
const PROBE_PORT = 47399;

interface Row {
  name: string;
  kind: string;
  state: string;
  health: string;
}

describe('the start summary shows the health it observed, as status does', () => {
  const pm2 = privatePm2();
  const env = cleanEnv({ PM2_HOME: pm2.home });
  let p: ReturnType<typeof tempProject>;
  let probeServer: http.Server;
  const probeAnswers: number[] = [];

  beforeAll(async () => {
    p = tempProject(
      {
        'devslot.yaml': `name: ${NAME}
slots: 4
ports:
  api: ${API_PORT}
pm2:
  config: pm2.config.cts
health:
  api: { http: "http://127.0.0.1:{{ports.api}}/health" }
  oneshot: { http: "http://127.0.0.1:${PROBE_PORT}/health" }
`,
        'pm2.config.cts': `export default { apps: [
  { name: 'api', script: 'api.js', autorestart: false },
  { name: 'oneshot', script: 'oneshot.js', autorestart: false },
] };
`,
        'api.js': "require('http').createServer((q, s) => s.end('ok')).listen(Number(process.env.DEVSLOT_PORT_API), '127.0.0.1');\n",
        'oneshot.js': 'process.exit(0);\n',
      },
      'devslot-hsum-',
    );
    // oneshot's probe: 200 only once PM2 itself reports oneshot-1 stopped.
    probeServer = http.createServer((_req, res) => {
      void (async () => {
        let status = 'unknown';
        try {
          const [list] = (await rpcCall(path.join(pm2.home, 'rpc.sock'), 'getMonitorData', [{}], 2000)) as [{ name: string; pm2_env: { status: string } }[]];
          status = list.find((x) => x.name === 'oneshot-1')?.pm2_env.status ?? 'missing';
        } catch {
          // no daemon yet
        }
        const code = status === 'stopped' ? 200 : 503;
        probeAnswers.push(code);
        res.writeHead(code).end(status);
      })();
    });
    await new Promise<void>((r) => probeServer.listen(PROBE_PORT, '127.0.0.1', r));
  });

  afterAll(async () => {
    await runCli(['clean', 'all', '--yes'], { cwd: p.root, env });
    await new Promise((r) => probeServer.close(r));
    await pm2.kill();
    p.remove();
  }, 60_000);

  it('(ISSUE 10 item 7) a passing probe of an app that is not running is not shown healthy', async () => {
    const started = await runCli(['1', 'start', '--json', '--timeout', '30'], { cwd: p.root, env, timeoutMs: 60_000 });
    if (started.code !== 0) {
      // Start means up (issue 11): an app that stopped fails start, naming it; nothing is claimed healthy.
      expect(started.code, started.stderr).toBe(2);
      expect(started.stderr).toMatch(/devslot: slot 1: oneshot-1 is stopped/);
      expect(started.stdout).not.toContain('healthy');
      return;
    }
    expect(probeAnswers, 'start never saw oneshot pass its probe: the scenario did not happen').toContain(200);
    const summary = (JSON.parse(started.stdout) as { services: Row[] }).services;
    const st = await runCli(['status', '1', '--json'], { cwd: p.root, env, timeoutMs: 60_000 });
    expect(st.code, st.stderr).toBe(0);
    const status = (JSON.parse(st.stdout) as { slots: { services: Row[] }[] }).slots[0]!.services;
    const view = (rows: Row[]) => rows.map((r) => `${r.name} ${r.kind} ${r.state} ${r.health}`).sort();

    // The control: a running app that passes its probe is healthy in both.
    expect(view(status)).toContain('api process running healthy');
    expect(status.find((r) => r.name === 'oneshot')?.state).toBe('stopped');
    // The summary says what status says, app by app; a constant says `oneshot stopped healthy`.
    expect(view(summary)).toEqual(view(status));
    for (const r of summary) if (r.health === 'healthy') expect(r.state, `${r.name} shown healthy`).toBe('running');
  }, 90_000);
});
