import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { importsOf, layerOf, LAYERS, type Layer, violations } from './layers.js';

/**
 * The layers of scripts/ and what each may import (issue 10). A command that imports an adapter,
 * a planner that reaches for the engine, or two folders importing each other fail here, naming
 * the file and the import.
 */
const SRC = path.join(repoRoot, 'scripts');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  const files = sources(SRC);
  const edges = files.flatMap((file) => importsOf(fs.readFileSync(file, 'utf8')).map((spec) => ({ file, target: path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts') })));

  it('every file of scripts/ belongs to a known layer', () => {
    const unknown = files.filter((f) => layerOf(path.relative(SRC, f)) === undefined).map((f) => path.relative(SRC, f));
    expect(unknown).toEqual([]);
  });

  it('no layer imports one it must not', () => {
    const found = violations(edges.map((e) => ({ from: path.relative(SRC, e.file), to: path.relative(SRC, e.target) })));
    expect(found).toEqual([]);
  });

  it('no import cycle between layers', () => {
    const graph = new Map<Layer, Set<Layer>>();
    for (const e of edges) {
      const a = layerOf(path.relative(SRC, e.file));
      const b = layerOf(path.relative(SRC, e.target));
      if (!a || !b || a === b) continue;
      if (!graph.has(a)) graph.set(a, new Set());
      graph.get(a)!.add(b);
    }
    const cycles: string[] = [];
    const visit = (node: Layer, stack: Layer[]) => {
      if (stack.includes(node)) return cycles.push([...stack.slice(stack.indexOf(node)), node].join(' → '));
      for (const next of graph.get(node) ?? []) visit(next, [...stack, node]);
    };
    for (const layer of Object.keys(LAYERS) as Layer[]) visit(layer, []);
    expect([...new Set(cycles)]).toEqual([]);
  });
});

describe('the layer rules themselves', () => {
  // A table test of the checker, so a broken checker cannot pass everything.
  it.each([
    ['commands/start.ts', 'adapters/docker.ts', true],
    ['commands/start.ts', 'apply/executor.ts', false],
    ['plan/operations.ts', 'adapters/compose.ts', true],
    ['plan/operations.ts', 'plan/names.ts', false],
    ['render/summary.ts', 'adapters/pm2.ts', true],
    ['cli/dispatch.ts', 'adapters/lock.ts', true],
    ['cli/dispatch.ts', 'commands/start.ts', false],
    ['adapters/docker.ts', 'commands/status.ts', true],
    ['leases/resolve.ts', 'adapters/git.ts', false],
  ])('%s → %s is a violation: %s', (from, to, bad) => {
    expect(violations([{ from, to }]).length > 0).toBe(bad);
  });

  it('finds static, type-only and dynamic imports', () => {
    const text = "import a from './a.js';\nimport type { B } from '../b.js';\nconst c = await import('../c/c.js');\nexport { d } from './d.js';\nimport fs from 'node:fs';";
    expect(importsOf(text)).toEqual(['./a.js', '../b.js', '../c/c.js', './d.js']);
  });
});
