import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../scripts/cli/args.js';
import { UsageError } from '../../scripts/errors.js';

const p = (line: string) => parseArgs(line.split(' ').filter(Boolean), {});

describe('clone / snapshot / restore grammar (DESIGN §13)', () => {
  it('parses each form', () => {
    expect(p('clone 1 3')).toMatchObject({ kind: 'copy', what: 'clone', from: 1, to: 3, stop: false, only: [] });
    expect(p('clone 1 3 --stop --only db --only cache,files --force --dry-run')).toMatchObject({ what: 'clone', stop: true, only: ['db', 'cache', 'files'], options: { force: true, dryRun: true } });
    expect(p('snapshot 2 seeded')).toMatchObject({ what: 'snapshot', slot: 2, name: 'seeded' });
    expect(p('2 snapshot seeded')).toMatchObject({ what: 'snapshot', slot: 2, name: 'seeded' });
    expect(p('restore 2 seeded')).toMatchObject({ what: 'restore', slot: 2, name: 'seeded' });
    expect(p('2 restore seeded')).toMatchObject({ what: 'restore', slot: 2, name: 'seeded' });
    expect(p('snapshot ls --json')).toMatchObject({ what: 'snapshot-ls', options: { json: true } });
    expect(p('snapshot rm seeded')).toMatchObject({ what: 'snapshot-rm', name: 'seeded' });
    expect(p('--config clone.yaml start 2')).toMatchObject({ kind: 'run', action: 'start' });
  });

  it('refuses in one line what does not fit', () => {
    for (const line of ['clone 1', 'clone 1 2 3', 'clone a 2', 'snapshot 2', 'restore seeded', 'snapshot ls extra', 'snapshot rm', 'restore 2 x --stop', 'snapshot ls --dry-run', 'clone 1 2 --follow', 'clone 1 2 --timeout 0']) {
      expect(() => p(line), line).toThrow(UsageError);
    }
  });
});
