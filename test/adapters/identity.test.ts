import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkoutIdentity } from '../../scripts/adapters/identity.js';

/** `.instances/.identity` in a real temp folder: a damaged file must not leave the checkout without a stable id. */
let root: string;
beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-identity-')));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const file = () => path.join(root, '.instances', '.identity');
const write = (text: string) => {
  fs.mkdirSync(path.dirname(file()), { recursive: true });
  fs.writeFileSync(file(), text);
};

describe('checkoutIdentity', () => {
  it('makes one id on first use and keeps it', () => {
    const first = checkoutIdentity(root, true);
    expect(checkoutIdentity(root, true)).toEqual(first);
    expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).toEqual({ id: first.id, root });
  });

  it.each(['garbage', '', '{"id":', 'null', '"a string"', '[]', '{}', '{"id":"x","root":"/elsewhere"}'])(
    'replaces a damaged or foreign file (%j) with one id that stays: every later run matches its own claim',
    (text) => {
      write(text);
      const first = checkoutIdentity(root, true);
      expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).toEqual({ id: first.id, root });
      expect(checkoutIdentity(root, true)).toEqual(first);
      expect(checkoutIdentity(root, false)).toEqual(first);
    },
  );

  it('without create (dry runs, stop) writes nothing, even over a damaged file', () => {
    write('garbage');
    checkoutIdentity(root, false);
    expect(fs.readFileSync(file(), 'utf8')).toBe('garbage');
  });
});
