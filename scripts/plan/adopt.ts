import { PortPlanError } from '../errors.js';
import { checkPortTable, type NamedPort, type PortTable } from './ports.js';

/**
 * `devslot adopt`, the deciding half: what was found in a repository (load/adopt-scan.ts) → the
 * devslot.yaml to write, with what it chose, why, and what it could not decide. Pure.
 */

export interface AppFolder {
  /** Relative to the root, POSIX separators; '' is the root. */
  dir: string;
  /** `.env` and the templates found in the folder, relative to the root. */
  templates: string[];
  /** package.json dev scripts by name (dev, start:dev, …). */
  scripts: Record<string, string>;
  packageName?: string;
  packageJson?: boolean;
}

export interface AdoptFacts {
  root: string;
  folderName: string;
  composeFileVar?: { value: string; separator: string; from: 'environment' | '.env' };
  /** Compose's default file names (and overrides) that exist, at the root or in docker/. */
  composeDefaults: string[];
  /** Every YAML file named like a compose file with `services:` or `include:` (root, docker/, compose/, .devcontainer/). */
  composeCandidates: string[];
  /** Candidates another candidate includes or extends: never top-level. */
  composeReferenced: string[];
  /** Compose files that interpolate variables. */
  interpolating: string[];
  /** Per folder: which of `.env` and the env templates exist there. */
  envBeside: Record<string, string[]>;
  pm2Files: string[];
  apps: AppFolder[];
  turbo: boolean;
}

export interface AdoptDraft {
  name: string;
  stride: number;
  slots: number;
  composeFiles: string[];
  composeEnvFiles: string[];
  ports: Record<string, { port: number; why: string }>;
  env: Record<string, { from: string[]; why: string }>;
  pm2?: { config: string; why: string };
  /** What was found and used, one line each. */
  found: string[];
  /** What adopt could not decide: the user's to settle. */
  undecided: string[];
}

export const ADOPT_DEFAULTS = { stride: 100, slots: 10 };

/** A compose project name from a folder name: lowercase, `[a-z0-9_-]`, starting with a letter or digit. */
export function projectNameFrom(folder: string): string {
  const n = folder.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/-+/g, '-').replace(/^[-_]+|[-_]+$/g, '');
  return n || 'app';
}

const envKeyFrom = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').replace(/\.local$/, '-local') || 'app';

export function draftConfig(facts: AdoptFacts): AdoptDraft {
  const found: string[] = [];
  const undecided: string[] = [];
  const name = projectNameFrom(facts.folderName);

  const composeFiles = chooseCompose(facts, found, undecided);
  const composeEnvFiles: string[] = [];
  if (composeFiles.length) {
    const dir = posixDir(composeFiles[0]!);
    const beside = facts.envBeside[dir] ?? [];
    const interpolates = composeFiles.some((f) => facts.interpolating.includes(f));
    const template = beside.find((t) => t !== '.env');
    if (beside.includes('.env')) {
      if (interpolates) found.push(`${join(dir, '.env')}: compose reads it for interpolation (devslot passes it on)`);
    } else if (interpolates && template) {
      composeEnvFiles.push(join(dir, template));
      found.push(`${join(dir, template)}: compose interpolates variables and there is no ${join(dir, '.env')}, so it is compose.envFiles`);
      undecided.push(`compose.envFiles uses the template ${join(dir, template)}; if people keep their own ${join(dir, '.env')}, list that instead`);
    } else if (interpolates) {
      undecided.push(`${composeFiles.join(', ')} interpolate variables and no .env or template was found beside them; set them in the environment or list a file under compose.envFiles`);
    }
  }

  const env: AdoptDraft['env'] = {};
  const ports: AdoptDraft['ports'] = {};
  for (const app of facts.apps) {
    if (!app.templates.length && !Object.keys(app.scripts).length) continue;
    if (app.dir === '' && !app.packageJson) continue; // a compose-only root: its .env is compose's
    let key = envKeyFrom(app.dir === '' ? name : app.dir.split('/').pop()!);
    if (env[key] || ports[key]) key = envKeyFrom(app.dir.replace(/\//g, '-'));
    const where = app.dir || '.';
    if (app.templates.length) {
      const dotenv = join(app.dir, '.env');
      const template = app.templates.find((t) => t !== dotenv);
      // `.env` first: a developer's own file wins; a fresh worktree has only the template.
      const from = template ? [dotenv, template] : [dotenv];
      env[key] = { from, why: `env template of ${where}` };
      found.push(`${from.filter((f) => app.templates.includes(f)).join(', ')}: env template of ${where} → env.${key}`);
    }
    for (const [script, command] of Object.entries(app.scripts)) {
      const port = portIn(command);
      if (port !== undefined && !ports[key]) {
        ports[key] = { port, why: `${join(app.dir, 'package.json')} script ${script}: ${command}` };
        found.push(`${join(app.dir, 'package.json')} script \`${script}\` listens on ${port} → ports.${key}`);
      } else if (port === undefined) {
        const guess = DEFAULT_PORTS.find(([re]) => re.test(command));
        undecided.push(`${join(app.dir, 'package.json')} script \`${script}\` (${command}) names no port; add it under ports: as ${key}${guess ? ` (${guess[2]}'s default is ${guess[1]})` : ''} and pass {{ports.${key}}} to it`);
      }
    }
    if (env[key] && facts.pm2Files.length) undecided.push(`env.${key}.apps: list the PM2 apps that read ${where}'s environment`);
  }

  let pm2: AdoptDraft['pm2'];
  if (facts.pm2Files.length) {
    const dev = facts.pm2Files.find((f) => /dev|local/i.test(f)) ?? facts.pm2Files.find((f) => !/prod|qa|stag/i.test(f)) ?? facts.pm2Files[0]!;
    pm2 = { config: dev, why: 'the PM2 ecosystem file' };
    found.push(`${dev}: PM2 ecosystem file → pm2.config (its apps become <app>-N in each slot)`);
    const others = facts.pm2Files.filter((f) => f !== dev);
    if (others.length) undecided.push(`also found ${others.join(', ')}; pm2.config takes one file`);
  }
  if (!composeFiles.length && !pm2 && !Object.keys(ports).length) {
    undecided.push('found no compose file, PM2 ecosystem file or dev script with a port: devslot.yaml has only a name; add compose.files or ports');
  }
  return { name, stride: ADOPT_DEFAULTS.stride, slots: ADOPT_DEFAULTS.slots, composeFiles, composeEnvFiles, ports, env, ...(pm2 ? { pm2 } : {}), found, undecided };
}

const DEFAULT_PORTS: [RegExp, number, string][] = [
  [/\bvite\b/, 5173, 'vite'],
  [/\bnext\b/, 3000, 'next dev'],
  [/\bnuxt\b/, 3000, 'nuxt'],
  [/\bastro\b/, 4321, 'astro'],
  [/\bng serve\b/, 4200, 'ng serve'],
];

/** An explicit port in a dev command: `--port 5173`, `--port=5173`, `-p 3000`, `PORT=3000`. */
export function portIn(command: string): number | undefined {
  const m = /(?:--port[= ]|(?:^|\s)-p\s+|\bPORT=)(\d{2,5})\b/.exec(command);
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= 65535 ? n : undefined;
}

function chooseCompose(facts: AdoptFacts, found: string[], undecided: string[]): string[] {
  let files: string[];
  if (facts.composeFileVar) {
    files = facts.composeFileVar.value.split(facts.composeFileVar.separator).filter(Boolean);
    found.push(`COMPOSE_FILE (${facts.composeFileVar.from}): ${files.join(', ')} → compose.files`);
  } else {
    files = [];
    for (const dir of ['', 'docker']) {
      const inDir = facts.composeDefaults.filter((f) => posixDir(f) === dir);
      const base = inDir.find((f) => !/override/.test(f));
      if (!base) continue;
      files = [base, ...inDir.filter((f) => /override/.test(f))];
      found.push(`${files.join(', ')}: compose's default file${files.length > 1 ? 's' : ''} → compose.files`);
      break;
    }
    if (!files.length) {
      const top = facts.composeCandidates.filter((c) => !facts.composeReferenced.includes(c));
      const pick = top.find((c) => /dev|local/i.test(c) && !/prod/i.test(c)) ?? top.find((c) => !/prod/i.test(c)) ?? top[0];
      if (pick) {
        files = [pick];
        found.push(`${pick}: the compose file${top.length > 1 ? ' that looks meant for development' : ''} → compose.files`);
      }
    }
  }
  const others = facts.composeCandidates.filter((c) => !files.includes(c) && !facts.composeReferenced.includes(c));
  if (others.length) undecided.push(`also found ${others.join(', ')}; add any that belong to the dev stack to compose.files (in -f order)`);
  return files;
}

/**
 * The stride for `slots` slots: the default when its ports fit, else the first that does
 * (round numbers first, then steps of 10, then of 1), or the default's own error when none does
 * (a port used twice within a slot, a privileged port: no stride fixes those).
 */
export function chooseStride(table: PortTable, slots: number, privilegedOk: boolean): { stride: number; collision?: string } {
  const first = tryStride(table, ADOPT_DEFAULTS.stride, slots, privilegedOk);
  if (!first) return { stride: ADOPT_DEFAULTS.stride };
  const candidates = [200, 250, 500, 1000];
  for (let s = 110; s <= 2000; s += 10) candidates.push(s);
  for (let s = 101; s <= 2000; s++) candidates.push(s);
  for (const s of candidates) if (!tryStride(table, s, slots, privilegedOk)) return { stride: s, collision: first.message };
  throw first;
}

function tryStride(table: PortTable, stride: number, slots: number, privilegedOk: boolean): PortPlanError | undefined {
  try {
    checkPortTable(table, { stride, slots, privilegedOk });
    return undefined;
  } catch (e) {
    if (e instanceof PortPlanError) return e;
    throw e;
  }
}

/**
 * The port names, one line per service: its first name with DEVSLOT_PORT_<NAME> and base, then
 * its other ports' names (a long range cut short), so a person learns the names without `info`.
 */
export function portNameLines(named: NamedPort[], envName: (n: string) => string): string[] {
  const groups = new Map<string, NamedPort[]>();
  for (const p of named) {
    const owner = p.source.kind === 'compose' ? `service ${p.source.service}` : `ports.${p.name}`;
    groups.set(owner, [...(groups.get(owner) ?? []), p]);
  }
  return [...groups].map(([owner, ps]) => {
    const [first, ...rest] = ps;
    const others = rest.filter((p) => p.base !== first!.base || p.source.kind !== 'compose' || first!.source.kind !== 'compose' || p.source.target !== first!.source.target);
    const shown = others.slice(0, 3).map((p) => `${p.name}=${p.base}`);
    const more = others.length > 3 ? ` … ${others.length - 3} more` : '';
    return `${owner}: DEVSLOT_PORT_${envName(first!.name)}=${first!.base}${shown.length ? `; also ${shown.join(', ')}${more}` : ''}`;
  });
}

export interface RenderOptions {
  /** The `$schema` path, relative to devslot.yaml. */
  schema: string;
  /** Why the stride is not the default (the collision it avoids). */
  strideWhy?: string;
  /** Port names the compose files publish, for the comment that lists them. */
  composePorts?: string[];
}

/** devslot.yaml as text: every choice commented with where it came from. */
export function renderConfig(d: AdoptDraft, o: RenderOptions): string {
  const q = (s: string) => JSON.stringify(s);
  const list = (xs: string[]) => `[${xs.map(q).join(', ')}]`;
  const out = [
    '# Written by `devslot adopt`: each choice says where it came from; the schema below describes every key.',
    `# yaml-language-server: $schema=${o.schema}`,
    `name: ${d.name}                # compose project ${d.name}-dev-N, PM2 namespace ${d.name}-dev-N`,
  ];
  if (o.strideWhy) out.push(`# stride ${ADOPT_DEFAULTS.stride} would collide: ${o.strideWhy}`);
  out.push(`stride: ${d.stride}                # slot N gets every port at base + N × stride`);
  out.push(`slots: ${d.slots}                  # valid slots: 0..${d.slots - 1}; the collision check covers all of them`);
  if (d.composeFiles.length) {
    out.push('compose:');
    out.push(`  files: ${list(d.composeFiles)}`);
    if (d.composeEnvFiles.length) out.push(`  envFiles: ${list(d.composeEnvFiles)}   # compose --env-file, before the slot's compose.env`);
    if (o.composePorts?.length) {
      out.push(`  # ports compose publishes; each slot shifts them and sets DEVSLOT_PORT_<NAME> (env files, compose interpolation):`);
      for (const line of o.composePorts) out.push(`  #   ${line}`);
    }
  }
  const ports = Object.entries(d.ports);
  if (ports.length) {
    out.push('ports:                    # base ports compose does not publish (dev servers, PM2 apps)');
    for (const [k, p] of ports) out.push(`  ${k}: ${p.port}   # ${p.why.replace(/\n/g, ' ')}`);
  }
  const env = Object.entries(d.env);
  if (env.length) {
    out.push('env:                      # one file per entry: .instances/instance-N/<key>.env, ports rewritten for the slot');
    for (const [k, e] of env) {
      out.push(`  ${k}:`);
      out.push(`    from: ${list(e.from)}   # the first that exists`);
      out.push('    apps: []              # the PM2 apps that get this environment');
    }
  }
  if (d.pm2) {
    out.push('pm2:');
    out.push(`  config: ${q(d.pm2.config)}`);
  }
  return `${out.join('\n')}\n`;
}

const posixDir = (f: string) => {
  const i = f.lastIndexOf('/');
  return i < 0 ? '' : f.slice(0, i);
};
const join = (dir: string, f: string) => (dir ? `${dir}/${f}` : f);
