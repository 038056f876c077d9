import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './cli.js';

/**
 * A temp copy of the repo's example stack (compose/, pm2.config.cts, devslot.yaml) under another
 * name and other base ports, so tests never meet a developer's own slots of the example.
 */
export function exampleCopy(name: string, basePorts = { redis: 16379, web: 18080, api: 13211 }): { root: string; remove: () => void } {
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
  edit('compose/compose.yml', [['127.0.0.1:6379:6379', `127.0.0.1:${basePorts.redis}:6379`], ['127.0.0.1:8080:80', `127.0.0.1:${basePorts.web}:80`]]);
  edit('compose/apps/api.env', [['PORT=3211', `PORT=${basePorts.api}`], ['127.0.0.1:6379', `127.0.0.1:${basePorts.redis}`], ['localhost:8080', `localhost:${basePorts.web}`]]);
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
