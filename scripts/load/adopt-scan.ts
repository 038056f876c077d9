import fs from 'node:fs';
import path from 'node:path';
import { composeChildEnv, detectCompose, resolveModel } from '../adapters/compose.js';
import { readText } from '../adapters/fs.js';
import { CONFIG_FILE } from '../config/load.js';
import type { Config } from '../config/types.js';
import { projectName } from '../names.js';
import type { ComposeModel } from '../plan/compose-model.js';
import { composeDefaultEnvFile } from './plan-fresh.js';
import type { AdoptFacts, AppFolder } from '../plan/adopt.js';

/**
 * What `devslot adopt` reads of a repository that has no devslot.yaml yet: compose files, the
 * files compose interpolates from, env templates per app folder, PM2 ecosystem files and
 * package.json dev scripts. Read-only; deciding is plan/adopt.ts's.
 */

/** Compose's own default names, in the order `docker compose` tries them. */
export const COMPOSE_DEFAULTS = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const COMPOSE_OVERRIDES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];
/** Templates people commit instead of `.env` (`.env` itself is git-ignored in most repos). */
export const ENV_TEMPLATES = ['.env.example', '.env.sample', '.env.template', '.env.dist', '.env.defaults', 'env.example', 'example.env', '.env.local.example'];
const PM2_FILE = /^(ecosystem|pm2)\.config(\.[\w-]+)?\.(js|cjs|mjs|ts|cts|mts|json)$/;
const APP_PARENTS = ['apps', 'packages', 'services'];
const DEV_SCRIPTS = ['dev', 'start:dev', 'develop', 'serve'];

export function scanRepo(root: string, env: NodeJS.ProcessEnv): AdoptFacts {
  const exists = (rel: string) => fs.existsSync(path.join(root, rel));
  const rootEnv = readText(path.join(root, '.env'));
  const composeFileVar = env.COMPOSE_FILE ?? (rootEnv !== undefined ? dotenvValue(rootEnv, 'COMPOSE_FILE') : undefined);
  const separator = env.COMPOSE_PATH_SEPARATOR ?? (rootEnv !== undefined ? dotenvValue(rootEnv, 'COMPOSE_PATH_SEPARATOR') : undefined) ?? (process.platform === 'win32' ? ';' : ':');

  const candidates: string[] = [];
  for (const dir of ['', 'docker', 'compose', '.devcontainer']) {
    for (const name of listFiles(path.join(root, dir))) {
      if (/\.ya?ml$/.test(name) && /compose/i.test(name) && isComposeFile(path.join(root, dir, name))) candidates.push(path.posix.join(dir, name));
    }
  }
  const referenced = new Set<string>();
  for (const c of candidates) for (const r of composeReferences(root, c)) referenced.add(r);

  const apps: AppFolder[] = [];
  const folders = [''];
  for (const parent of APP_PARENTS) for (const d of listDirs(path.join(root, parent))) folders.push(path.posix.join(parent, d));
  for (const d of listDirs(root)) if (!APP_PARENTS.includes(d) && !d.startsWith('.') && d !== 'node_modules' && exists(path.join(d, 'package.json'))) folders.push(d);
  for (const dir of folders) {
    const pkgText = readText(path.join(root, dir, 'package.json'));
    const templates = ['.env', ...ENV_TEMPLATES].filter((t) => exists(path.join(dir, t))).map((t) => path.posix.join(dir, t));
    if (pkgText === undefined) {
      if (dir !== '' && templates.length) apps.push({ dir, templates, scripts: {} });
      continue;
    }
    let scripts: Record<string, string> = {};
    let pkgName: string | undefined;
    try {
      const pkg = JSON.parse(pkgText) as { name?: unknown; scripts?: Record<string, unknown> };
      if (typeof pkg.name === 'string') pkgName = pkg.name;
      for (const s of DEV_SCRIPTS) if (typeof pkg.scripts?.[s] === 'string') scripts[s] = pkg.scripts[s] as string;
    } catch {
      scripts = {};
    }
    apps.push({ dir, templates, scripts, ...(pkgName ? { packageName: pkgName } : {}), packageJson: true });
  }

  return {
    root,
    folderName: path.basename(root),
    composeFileVar: composeFileVar ? { value: composeFileVar, separator, from: env.COMPOSE_FILE !== undefined ? 'environment' : '.env' } : undefined,
    composeDefaults: [...COMPOSE_DEFAULTS, ...COMPOSE_OVERRIDES].flatMap((n) => ['', 'docker'].map((d) => path.posix.join(d, n))).filter(exists),
    composeCandidates: candidates,
    composeReferenced: [...referenced],
    interpolating: [...candidates, ...composeVarFiles(composeFileVar, separator)].filter((f) => /\$\{?[A-Za-z_]/.test(readText(path.join(root, f)) ?? '')),
    envBeside: Object.fromEntries(['', 'docker', 'compose', '.devcontainer'].map((d) => [d, ['.env', ...ENV_TEMPLATES].filter((t) => exists(path.posix.join(d, t)))])),
    pm2Files: listFiles(root).filter((n) => PM2_FILE.test(n)).sort(),
    apps,
    turbo: exists('turbo.json'),
  };
}

function composeVarFiles(value: string | undefined, separator: string): string[] {
  return value ? value.split(separator).filter(Boolean).map((f) => path.posix.normalize(f)) : [];
}

function listFiles(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

function listDirs(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

/** A YAML file whose top level has `services` or `include` (a compose file, not a CI workflow). */
function isComposeFile(abs: string): boolean {
  const text = readText(abs);
  return text !== undefined && /^(services|include):/m.test(text);
}

/** Files a compose file pulls in (`include`, `extends.file`), relative to the root: they are not top-level files. */
function composeReferences(root: string, rel: string): string[] {
  const text = readText(path.join(root, rel)) ?? '';
  const out: string[] = [];
  const dir = path.posix.dirname(rel);
  for (const m of text.matchAll(/^\s*(?:-\s+(?:path:\s*)?|file:\s*|path:\s*)["']?([\w./-]+\.ya?ml)["']?\s*$/gm)) {
    out.push(path.posix.normalize(path.posix.join(dir, m[1]!)));
  }
  return out;
}

/** One key of a dotenv text, quotes removed (enough for COMPOSE_FILE; the real parse is dotenv's). */
function dotenvValue(text: string, key: string): string | undefined {
  const m = new RegExp(`^\\s*(?:export\\s+)?${key}\\s*=\\s*(.*)$`, 'm').exec(text);
  if (!m) return undefined;
  const v = m[1]!.trim();
  return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v.replace(/\s+#.*$/, '');
}

/** The resolved compose model of a drafted config, as init would resolve it (no engine needed). */
export async function resolveDraftModel(config: Config, env: NodeJS.ProcessEnv): Promise<ComposeModel> {
  if (!config.compose.files.length) return { services: {} };
  const defaultEnvFile = composeDefaultEnvFile(config);
  const cli = await detectCompose(env);
  return resolveModel(cli, {
    project: projectName(config.name, 0),
    files: config.compose.files,
    envFiles: config.compose.envFiles.length ? config.compose.envFiles : defaultEnvFile ? [defaultEnvFile] : [],
    profiles: config.compose.profiles,
    cwd: config.root,
    env: composeChildEnv(env),
  });
}

/** The draft's text → Config, as `loadConfig` would validate it from `<root>/devslot.yaml`. */
export async function validateDraft(text: string, root: string): Promise<Config> {
  const { parseConfigYaml } = await import('../config/parse-yaml.js');
  const { validateConfig } = await import('../config/validate.js');
  const file = path.join(root, CONFIG_FILE);
  const { data, locate } = parseConfigYaml(text, CONFIG_FILE);
  return validateConfig(data, { path: file, display: CONFIG_FILE, locate });
}
