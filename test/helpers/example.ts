import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './cli.js';

/**
 * A temp copy of the repo's example stack (compose/, pm2.config.cts, devslot.yaml) under another
 * name and other base ports, so tests never meet a developer's own slots of the example.
 */
export function exampleCopy(
  name: string,
  ports: { redis: number; web: number; api: number; postgres?: number } = { redis: 16379, web: 18080, api: 13211 },
  opts: { sharedPostgres?: boolean } = {},
): { root: string; remove: () => void } {
  // The shared Postgres keeps its port in every slot: halfway between two of the API's slot ports.
  const basePorts = { postgres: ports.api + 50, ...ports };
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  fs.cpSync(path.join(repoRoot, 'compose'), path.join(root, 'compose'), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'pm2.config.cts'), path.join(root, 'pm2.config.cts'));
  const edit = (rel: string, pairs: [string | RegExp, string][]) => {
    let text = fs.readFileSync(path.join(root, rel), 'utf8');
    for (const [from, to] of pairs) text = text.replace(from, to);
    fs.writeFileSync(path.join(root, rel), text);
  };
  fs.copyFileSync(path.join(repoRoot, 'devslot.yaml'), path.join(root, 'devslot.yaml'));
  edit('devslot.yaml', [[/^name: .*$/m, `name: ${name}`], ['api: 3211', `api: ${basePorts.api}`]]);
  edit('compose/compose.yml', [['127.0.0.1:6379:6379', `127.0.0.1:${basePorts.redis}:6379`], ['127.0.0.1:8080:80', `127.0.0.1:${basePorts.web}:80`], ['127.0.0.1:5432:5432', `127.0.0.1:${basePorts.postgres}:5432`]]);
  // The copy lives outside the repo: its scripts import `pg` from the repo's node_modules by path.
  edit('compose/apps/api.mjs', [["import pg from 'pg';", `import pg from ${JSON.stringify(path.join(repoRoot, 'node_modules', 'pg', 'lib', 'index.js'))};`]]);
  edit('compose/apps/migrate.mjs', [["import pg from 'pg';", `import pg from ${JSON.stringify(path.join(repoRoot, 'node_modules', 'pg', 'lib', 'index.js'))};`]]);
  edit('compose/apps/api.env', [['PORT=3211', `PORT=${basePorts.api}`], ['127.0.0.1:6379', `127.0.0.1:${basePorts.redis}`], ['localhost:8080', `localhost:${basePorts.web}`]]);
  if (opts.sharedPostgres === false) {
    // Without the shared Postgres (a remote engine's test: its port is not forwarded here).
    edit('devslot.yaml', [[/^# One Postgres for every slot[\s\S]*?(?=^ports:)/m, ''], [/^ {6}DATABASE_URL: .*\n/m, ''], [/^hooks:[\s\S]*$/m, '']]);
    edit('compose/compose.yml', [[/^ {2}postgres:\n(?: {4}.*\n| {6}.*\n)*/m, ''], [/^ {2}pgdata:\n/m, '']]);
  }
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
