import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeInputFiles } from '../../scripts/load/compose-inputs.js';

/**
 * What compose reads, as compose 2.26 reads it (each checked with `docker compose config`): the
 * saved compose model and the saved plan are keyed on these files and variables, so a file missed
 * here is an edit that never reaches a slot.
 */
describe('compose inputs', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-inputs-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const w = (rel: string, text: string) => {
    const f = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };

  it('an env_file under ~ is the file in HOME (compose expands ~ there)', async () => {
    const home = path.join(tmp, 'home');
    w('home/x.env', 'A=1\n');
    const f = w('p1/compose.yml', 'services:\n  app:\n    image: busybox\n    env_file: ~/x.env\n');
    const r = await composeInputFiles([f], [], { HOME: home });
    expect(r.files).toContain(path.join(home, 'x.env'));
    expect(r.volatile).toBe(false);
  });

  it('include and extends.file of a second -f file in another folder are looked for in the project folder too', async () => {
    w('p2/a/inc.yml', 'services:\n  i:\n    image: busybox\n');
    w('p2/a/base.yml', 'services:\n  s:\n    image: busybox\n');
    const a = w('p2/a/compose.yml', 'services:\n  x:\n    image: busybox\n');
    const b = w('p2/b/over.yml', 'include:\n  - inc.yml\nservices:\n  e:\n    extends:\n      file: base.yml\n      service: s\n');
    const r = await composeInputFiles([a, b], [], {});
    expect(r.files).toContain(path.join(tmp, 'p2/a/inc.yml'));
    expect(r.files).toContain(path.join(tmp, 'p2/a/base.yml'));
  });

  it('HOME is always an input: a ~ may come from any interpolated value', async () => {
    const f = w('p3/compose.yml', 'services:\n  app:\n    image: busybox\n    volumes: ["${DATA}:/d"]\n');
    const r = await composeInputFiles([f], [], { DATA: '~/d', HOME: '/h1' });
    expect(r.vars).toContain('HOME');
  });

  it('a path built from COMPOSE_PROJECT_NAME names another file for every slot: nothing can be keyed, even when the shell exports it', async () => {
    const f = w('p4/compose.yml', 'services:\n  app:\n    image: busybox\n    env_file: ./${COMPOSE_PROJECT_NAME}.env\n');
    w('p4/app-dev-1.env', 'A=1\n');
    for (const env of [{}, { COMPOSE_PROJECT_NAME: 'app-dev-1' }]) expect((await composeInputFiles([f], [], env)).volatile).toBe(true);
  });

  it('a variable devslot does not pass to compose (DEVSLOT_*) does not resolve a path, whatever the shell says', async () => {
    const f = w('p5/compose.yml', 'services:\n  app:\n    image: busybox\n    env_file: ./${DEVSLOT_SLOT}.env\n');
    expect((await composeInputFiles([f], [], { DEVSLOT_SLOT: '1' })).volatile).toBe(true);
  });
});
