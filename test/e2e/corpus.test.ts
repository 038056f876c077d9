/**
 * Acceptance over the real-world compose corpus (../shared/corpus, see INVOCATIONS.txt): for every
 * project, `devslot N init` for N = 0..3 either
 *   - writes overrides that `docker compose … config` accepts, whose four resolved slots share no
 *     host port, container name, or explicitly named network or volume, with every published port
 *     moved by exactly N × stride and ephemeral ports left ephemeral; or
 *   - refuses with exit 1 and one line naming a collision that really is in the project.
 * Prints a table of which projects pass and which are refused, and why.
 *
 * Needs the built CLI (`npx tsc -p .`) and Docker Compose ≥ 2.24 (only `config`; nothing runs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { cleanEnv, runCli } from '../helpers/cli.js';
import {
  bindingKey,
  bindings,
  canClash,
  checkRefusal,
  composeConfig,
  composeError,
  containerNames,
  copyProject,
  corpusCases,
  corpusDir,
  fmtBinding,
  published,
  resourceNames,
  snapshot,
  type Binding,
  type ComposeArgs,
  type CorpusCase,
  type Model,
} from '../helpers/corpus.js';
import { hasCompose, inCI } from '../helpers/tools.js';

const SLOTS = 4;
const STRIDE = 100;
const CASE_TIMEOUT_MS = 120_000;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const corpusPresent = fs.existsSync(path.join(corpusDir, 'compose'));
const composePresent = corpusPresent && hasCompose;
const missing = !corpusPresent ? `corpus not found at ${corpusDir}` : !composePresent ? '`docker compose` is not available' : undefined;

interface Row {
  id: string;
  outcome: 'passed' | 'refused' | 'FAILED' | 'skipped';
  detail: string;
  ms: number;
}
const rows = new Map<string, Row>();
const cases = corpusPresent ? corpusCases() : [];

if (missing) {
  describe('corpus e2e', () => {
    if (inCI) {
      it('has its prerequisites', () => {
        throw new Error(`${missing}; the corpus e2e test cannot be skipped when CI=true`);
      });
    } else {
      it.skip(`skipped: ${missing} (this fails instead when CI=true)`, () => {});
    }
  });
}

describe.skipIf(missing !== undefined)('corpus e2e: devslot N init for N = 0..3', () => {
  afterAll(() => printSummary());

  it.concurrent.for(cases)('$id', { timeout: CASE_TIMEOUT_MS }, async (c, ctx) => {
    const started = Date.now();
    const { root, tmp } = copyProject(c);
    const env = cleanEnv(c.env);
    const problems: string[] = [];
    let row: Omit<Row, 'id' | 'ms'> = { outcome: 'FAILED', detail: '' };
    try {
      // The project as INVOCATIONS.txt resolves it, independently of devslot (slot 0's -p).
      const baseArgs = (slot: number): ComposeArgs => ({ project: `${c.name}-dev-${slot}`, envFiles: c.envFiles, files: c.files, profiles: c.profiles });
      const base0 = await composeConfig(baseArgs(0), root, env);
      if (!base0.ok) {
        if (c.optional) {
          row = { outcome: 'skipped', detail: `does not resolve: ${composeError(base0.run)}` };
          ctx.skip();
        }
        throw new Error(`the corpus invocation itself does not resolve: ${composeError(base0.run)}`);
      }

      // devslot N init, one slot after another; .instances/ must not change on a refusal.
      const inits = [];
      for (let n = 0; n < SLOTS; n++) {
        const before = snapshot(path.join(root, '.instances'));
        const r = await runCli([String(n), 'init'], { cwd: root, env });
        const after = snapshot(path.join(root, '.instances'));
        inits.push({ n, r, before, after });
      }
      const codes = inits.map((i) => i.r.code);

      if (codes.every((x) => x === 0)) {
        row = await verifyPassing(c, root, env, problems);
      } else if (codes.every((x) => x !== 0)) {
        const messages = new Set<string>();
        for (const { n, r, before, after } of inits) {
          const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
          if (r.code !== 1) problems.push(`slot ${n}: exit ${r.code}, expected 1 for a refusal: ${r.stderr.trim()}`);
          if (lines.length !== 1) problems.push(`slot ${n}: stderr has ${lines.length} lines, expected one: ${JSON.stringify(r.stderr)}`);
          if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`slot ${n}: refused, but .instances/ changed`);
          if (fs.existsSync(path.join(root, '.instances', `instance-${n}`))) problems.push(`slot ${n}: refused, but .instances/instance-${n}/ exists`);
          const message = (lines[0] ?? '').replace(/^devslot:\s*/, '');
          messages.add(message);
          // Is it true of the project? Checked against the slot's own base model.
          const model = n === 0 ? base0.model : await modelOrProblem(baseArgs(n), root, env, problems, `base model of slot ${n}`);
          if (!model) continue;
          const verdict = checkRefusal(message, model, { stride: STRIDE, slots: SLOTS, isRoot });
          if (!verdict.real) problems.push(`slot ${n}: refusal is not real — ${verdict.why}; message: ${message}`);
          else if (n === 0) row = { outcome: 'refused', detail: `${message}  [verified: ${verdict.why}]` };
        }
        if (messages.size > 1) problems.push(`the four slots were refused for different reasons: ${[...messages].join(' | ')}`);
      } else {
        problems.push(
          `slots disagree (the collision check covers all slots, so all must pass or all be refused): ` +
            inits.map(({ n, r }) => `slot ${n} exit ${r.code}${r.code ? ` (${r.stderr.trim()})` : ''}`).join('; '),
        );
      }
    } catch (e) {
      if (row.outcome === 'skipped') throw e;
      problems.push(e instanceof Error ? e.message : String(e));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
      if (problems.length) row = { outcome: 'FAILED', detail: problems.join(' ‖ ') };
      rows.set(c.id, { id: c.id, ...row, ms: Date.now() - started });
    }
    ctx.expect(problems).toEqual([]);
  });
});

async function modelOrProblem(a: ComposeArgs, cwd: string, env: NodeJS.ProcessEnv, problems: string[], what: string): Promise<Model | undefined> {
  const r = await composeConfig(a, cwd, env);
  if (r.ok) return r.model;
  problems.push(`${what}: \`docker compose ${a.files.map((f) => `-f ${f}`).join(' ')} config\` failed: ${composeError(r.run)}`);
  return undefined;
}

interface SlotJson {
  slot: number;
  project: string;
  compose: { project: string; files: string[]; envFiles: string[]; profiles: string[] };
}

interface Resolved {
  n: number;
  project: string;
  final: Model;
  base: Model;
}

/** All four inits succeeded: compose must accept each slot, and the slots must not meet. */
async function verifyPassing(c: CorpusCase, root: string, env: NodeJS.ProcessEnv, problems: string[]): Promise<Omit<Row, 'id' | 'ms'>> {
  const overrideRel = (n: number) => path.join('.instances', `instance-${n}`, 'docker-compose.override.yml');
  const composeEnvRel = (n: number) => path.join('.instances', `instance-${n}`, 'compose.env');
  const expectedEnvFiles = c.envFiles.length ? c.envFiles : fs.existsSync(path.join(root, path.dirname(c.files[0]!), '.env')) ? [path.join(path.dirname(c.files[0]!), '.env')] : [];

  const resolved = await Promise.all(
    Array.from({ length: SLOTS }, async (_, n): Promise<Resolved | undefined> => {
      const slotJsonPath = path.join(root, '.instances', `instance-${n}`, 'slot.json');
      for (const f of [overrideRel(n), composeEnvRel(n), path.relative(root, slotJsonPath)]) {
        if (!fs.existsSync(path.join(root, f))) problems.push(`slot ${n}: init exited 0 but did not write ${f}`);
      }
      if (!fs.existsSync(slotJsonPath)) return undefined;
      const sj = JSON.parse(fs.readFileSync(slotJsonPath, 'utf8')) as SlotJson;
      const cp = sj.compose;
      const project = `${c.name}-dev-${n}`;
      // slot.json must describe exactly this invocation plus the slot's own files.
      const same = (a: unknown, b: unknown, what: string) => {
        if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`slot ${n}: slot.json compose.${what} is ${JSON.stringify(a)}, expected ${JSON.stringify(b)}`);
      };
      same(cp.project, project, 'project');
      same(cp.files.map(path.normalize), [...c.files.map(path.normalize), overrideRel(n)], 'files');
      same(cp.envFiles.map(path.normalize), [...expectedEnvFiles.map(path.normalize), composeEnvRel(n)], 'envFiles');
      same(cp.profiles, c.profiles, 'profiles');

      const withoutOverride = cp.files.filter((f) => path.normalize(f) !== overrideRel(n));
      const [final, base] = await Promise.all([
        modelOrProblem({ project: cp.project, envFiles: cp.envFiles, files: cp.files, profiles: cp.profiles }, root, env, problems, `slot ${n} with its override`),
        modelOrProblem({ project: cp.project, envFiles: cp.envFiles, files: withoutOverride, profiles: cp.profiles }, root, env, problems, `slot ${n} without its override`),
      ]);
      if (!final || !base) return undefined;
      return { n, project: cp.project, final, base };
    }),
  );
  const slots = resolved.filter((r): r is Resolved => r !== undefined);
  if (slots.length !== SLOTS) return { outcome: 'FAILED', detail: '' };

  for (const { n, final, base, project } of slots) {
    // Same services; every published port moved by exactly n × stride, every other field kept.
    const fs1 = Object.keys(final.services).sort();
    const bs1 = Object.keys(base.services).sort();
    if (JSON.stringify(fs1) !== JSON.stringify(bs1)) problems.push(`slot ${n}: the override changes the service set: ${bs1.join(',')} → ${fs1.join(',')}`);
    const want = bindings(base).map((b) => bindingKey(b, b.range ? n * STRIDE : 0)).sort();
    const got = bindings(final).map((b) => bindingKey(b)).sort();
    const missingPorts = want.filter((k) => !got.includes(k));
    const extraPorts = got.filter((k) => !want.includes(k));
    if (missingPorts.length || extraPorts.length) {
      problems.push(`slot ${n}: published ports are not the base's + ${n * STRIDE}: expected but absent [${missingPorts.join(', ')}]; present but unexpected [${extraPorts.join(', ')}]`);
    }
    for (const b of bindings(final)) {
      if (!b.range && bindings(base).every((x) => bindingKey(x) !== bindingKey(b))) problems.push(`slot ${n}: ephemeral port ${fmtBinding(b)} is not in the base model`);
    }
    for (const b of bindings(base)) {
      if (!b.range && !bindings(final).some((x) => bindingKey(x) === bindingKey(b))) problems.push(`slot ${n}: ephemeral port ${fmtBinding(b)} did not stay ephemeral`);
    }
    for (const [s, svc] of Object.entries(final.services)) {
      if (svc.labels?.['dev.devslot.slot'] !== String(n)) problems.push(`slot ${n}: service ${s} lacks label dev.devslot.slot=${n}`);
      if (svc.network_mode === 'host' && (svc.ports ?? []).length) problems.push(`slot ${n}: service ${s} publishes ports with network_mode: host`);
    }
    // Resource names a slot owns must be its own.
    for (const kind of ['networks', 'volumes'] as const) {
      const b = resourceNames(base, project, kind).explicit;
      const f = resourceNames(final, project, kind).explicit;
      for (const [key, name] of Object.entries(f)) {
        if (b[key] !== undefined && name === b[key]) problems.push(`slot ${n}: ${kind} ${key} keeps its fixed name ${name}`);
      }
    }
  }

  // Across the four slots: no host port, container name or explicit network/volume name twice.
  const perSlotPorts = slots.map((s) => ({ n: s.n, bs: published(bindings(s.final)) }));
  for (let i = 0; i < perSlotPorts.length; i++) {
    for (let j = i + 1; j < perSlotPorts.length; j++) {
      for (const a of perSlotPorts[i]!.bs) {
        for (const b of perSlotPorts[j]!.bs) {
          if (canClash(a, b) && a.range.lo <= b.range.hi && b.range.lo <= a.range.hi) {
            problems.push(`host port ${Math.max(a.range.lo, b.range.lo)} is published by slot ${perSlotPorts[i]!.n} (${fmtBinding(a)}) and slot ${perSlotPorts[j]!.n} (${fmtBinding(b)})`);
          }
        }
      }
    }
  }
  const owners = new Map<string, string[]>();
  const claim = (what: string, who: string) => owners.set(what, [...(owners.get(what) ?? []), who]);
  const shared = new Set<string>();
  for (const s of slots) {
    for (const [svc, name] of Object.entries(containerNames(s.final))) claim(`container_name ${name}`, `slot ${s.n} ${svc}`);
    for (const kind of ['networks', 'volumes'] as const) {
      const { explicit, external } = resourceNames(s.final, s.project, kind);
      for (const [key, name] of Object.entries(explicit)) claim(`${kind.slice(0, -1)} name ${name}`, `slot ${s.n} ${key}`);
      for (const name of external) shared.add(`${kind.slice(0, -1)} ${name}`);
    }
  }
  for (const [what, who] of owners) if (who.length > 1) problems.push(`${what} is used by ${who.join(' and ')}`);

  const s0 = slots[0]!;
  const ports = published(bindings(s0.final)).reduce((t, b: Binding & { range: { lo: number; hi: number } }) => t + b.range.hi - b.range.lo + 1, 0);
  const eph = bindings(s0.final).filter((b) => !b.range).length;
  const renamedNames = Object.keys(containerNames(s0.final)).length;
  const explicitRes = (['networks', 'volumes'] as const).reduce((t, k) => t + Object.keys(resourceNames(s0.final, s0.project, k).explicit).length, 0);
  const parts = [
    `${Object.keys(s0.final.services).length} services`,
    `${ports} host ports/slot${eph ? ` (+${eph} ephemeral)` : ''}`,
    `${renamedNames} container_name`,
    `${explicitRes} named net/vol`,
  ];
  if (shared.size) parts.push(`shared external: ${[...shared].join(', ')}`);
  return { outcome: 'passed', detail: parts.join(', ') };
}

function printSummary(): void {
  const list = cases.map((c) => rows.get(c.id) ?? { id: c.id, outcome: 'skipped' as const, detail: 'did not run', ms: 0 });
  const w = Math.max(...list.map((r) => r.id.length), 7);
  const lines = [
    '',
    `devslot corpus e2e — ${SLOTS} slots, stride ${STRIDE}, corpus ${corpusDir}`,
    `${'project'.padEnd(w)}  ${'result'.padEnd(7)}  ${'time'.padStart(6)}  why`,
    `${'-'.repeat(w)}  -------  ------  ${'-'.repeat(40)}`,
    ...list.map((r) => `${r.id.padEnd(w)}  ${r.outcome.padEnd(7)}  ${`${(r.ms / 1000).toFixed(1)}s`.padStart(6)}  ${clip(r.detail, 700)}`),
    '',
    `passed ${list.filter((r) => r.outcome === 'passed').length}, refused ${list.filter((r) => r.outcome === 'refused').length}, ` +
      `failed ${list.filter((r) => r.outcome === 'FAILED').length}, skipped ${list.filter((r) => r.outcome === 'skipped').length}`,
    '',
  ];
  console.log(lines.join('\n'));
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters in the assertion below)`;
}
