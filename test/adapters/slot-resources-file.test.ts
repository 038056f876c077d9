import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSlotResources } from '../../scripts/load/resource-secrets.js';

/** resources.json in a real temp folder: a damaged record must not read as "this slot made nothing". */
let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'devslot-resfile-'));
  fs.mkdirSync(path.join(root, '.instances', 'instance-1'), { recursive: true });
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const write = (text: string) => fs.writeFileSync(path.join(root, '.instances', 'instance-1', 'resources.json'), text);
const RECORD = { name: 'cache', kind: 'redis', baseUrl: 'redis://127.0.0.1:6379', index: 1, url: 'redis://127.0.0.1:6379/1', slots: 16 };

describe('readSlotResources', () => {
  it('no file: nothing was made', () => {
    expect(readSlotResources(root, 1)).toEqual([]);
  });

  it.each(['{}', 'null', '[]', '"x"', '{"resources":"x"}', 'garbage{{', ''])('%j: undefined (no record to read), never []', (text) => {
    write(text);
    expect(readSlotResources(root, 1)).toBeUndefined();
  });

  it('a record: its entries, those of an unknown shape left out', () => {
    write(JSON.stringify({ resources: [RECORD, { name: 'odd', kind: 'mystery' }] }));
    expect(readSlotResources(root, 1)).toEqual([RECORD]);
    write(JSON.stringify({ resources: [] }));
    expect(readSlotResources(root, 1)).toEqual([]);
  });
});
