import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devslot, tempProject } from '../helpers/project.js';

/** `env --explain` when one app is named by two env entries (no compose files: no engine needed). */
describe('env --explain with an app in two env entries', () => {
  let p: ReturnType<typeof tempProject>;
  beforeAll(() => {
    p = tempProject({
      'devslot.yaml': 'name: explain\nenv:\n  one:\n    set: { X: "1" }\n    apps: [api]\n  two:\n    set: { X: "2" }\n    apps: [api]\n',
      'pm2.config.cts': "export default { apps: [{ name: 'api', script: 'a.js' }] };\n",
    });
  });
  afterAll(() => p.remove());

  it('names the entry of each set, warns only for a real double setting, and DEVSLOT_* once', async () => {
    const r = await devslot(p.root, ['1', 'env', '--app', 'api', '--explain']);
    expect(r.code, r.stderr).toBe(0);
    const block = (key: string) => {
      const lines = r.stdout.split('\n');
      const at = lines.findIndex((l) => l.startsWith(`${key}=`));
      const end = lines.findIndex((l, i) => i > at && !l.startsWith('    '));
      return lines.slice(at, end);
    };
    expect(block('X')).toEqual([
      'X=2',
      '    set in devslot.yaml (env.one): 1',
      '    set in devslot.yaml (env.two): 2',
      '    ! set in 2 places; the last one wins',
    ]);
    expect(block('DEVSLOT_SLOT')).toEqual(['DEVSLOT_SLOT=1', '    set by devslot']);
  });
});
