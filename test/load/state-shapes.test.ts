import { describe, expect, it } from 'vitest';
import { parseRegistry } from '../../scripts/leases/registry-shape.js';
import { savedSlotProblem } from '../../scripts/load/saved-slot.js';
import { planCacheProblem } from '../../scripts/load/plan-cache.js';

/** The pure validators of the state files: each names the first thing that is wrong. */
describe('state file shapes', () => {
  const lease = { slot: 0, worktree: '/w', branch: null, commit: 'c', created: 't', used: 't' };

  it.each([
    ['{"version":1,"projects":{"a":[', 'not valid JSON (truncated?)'],
    ['', 'empty'],
    ['null', 'not a JSON object'],
    ['[]', 'not a JSON object'],
    ['{}', 'version: not 1'],
    ['{"version":1}', 'projects: missing'],
    ['{"version":1,"projects":[]}', 'projects: not an object'],
    ['{"version":1,"projects":{"a":{}}}', 'projects.a: not a list'],
    [JSON.stringify({ version: 1, projects: { a: [{ ...lease, slot: '0' }] } }), 'projects.a[0].slot: not a whole number'],
    [JSON.stringify({ version: 1, projects: { a: [{ ...lease, slot: -1 }] } }), 'projects.a[0].slot: not a whole number'],
    [JSON.stringify({ version: 1, projects: { a: [{ ...lease, branch: 3 }] } }), 'projects.a[0].branch: not a string'],
  ])('leases.json %s → %s', (text, problem) => {
    expect(parseRegistry(text)).toEqual({ ok: false, problem });
  });

  it('accepts a registry, and tells a newer version from a broken one', () => {
    const reg = { version: 1, projects: { a: [lease, { ...lease, slot: 2, branch: 'b' }] } };
    expect(parseRegistry(JSON.stringify(reg))).toEqual({ ok: true, registry: reg });
    expect(parseRegistry('{"version":2}')).toMatchObject({ ok: false, newer: true });
  });

  const saved = { slot: 2, project: 'p-dev-2', namespace: 'p-dev-2', root: '/r', ports: { api: 3211 }, health: {}, compose: { project: 'p-dev-2', files: [], envFiles: [], profiles: [], services: [] }, apps: [] };
  it.each([
    [null, 'not an object'],
    [[], 'not an object'],
    [{}, 'slot: missing'],
    [{ ...saved, ports: { api: '3211' } }, 'ports.api: not a number'],
    [{ ...saved, compose: { ...saved.compose, files: 'a' } }, 'compose.files: not a list'],
    [{ ...saved, apps: [{ name: 'a' }] }, 'apps[0].base: missing'],
    [{ ...saved, slot: 3 }, 'slot: 3, not 2'],
    [saved, undefined],
  ])('slot.json %j → %s', (value, problem) => {
    expect(savedSlotProblem(value, 2)).toBe(problem);
  });

  it('names what is wrong in a saved plan', () => {
    expect(planCacheProblem({}, 2)).toBe('key: missing');
    expect(planCacheProblem({ key: { version: '1', isRoot: 'no', files: {}, vars: {} }, plan: {} }, 2)).toBe('key.isRoot: not true or false');
    expect(planCacheProblem({ key: { version: '1', isRoot: true, files: { a: 1 }, vars: {} }, plan: {} }, 2)).toBe('key.files.a: not a string');
    expect(planCacheProblem({ key: { version: '1', isRoot: true, files: {}, vars: {} }, plan: null }, 2)).toBe('plan: not an object');
  });
});
