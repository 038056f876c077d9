import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../scripts/config/load.js';
import { bareNames, composeInputFiles, expandVars } from '../../scripts/load/compose-inputs.js';
import { currentModelKey, findSavedModel, MODEL_CACHE, modelCacheText, modelFor, SENTINEL, substituteProject } from '../../scripts/load/model-cache.js';
import { composeDefaultEnvFile } from '../../scripts/load/plan-fresh.js';

/**
 * The saved compose model (load/model-cache.ts) on a real file system, without compose: a model
 * saved under slot 1's key, with contents no compose would print, is found for slot 2 while every
 * input holds, and not once any one of them changes. "Found" is shown by that forged content.
 */
const S = SENTINEL;

describe('substituteProject', () => {
  it('renames the sentinel in values, keys and nested arrays, and leaves everything else', () => {
    const model = {
      name: S,
      networks: { default: { name: `${S}_default` }, ext: { name: 'other', external: true } },
      services: { web: { environment: { P: S, Q: `a-${S}-b-${S}` }, command: [['x', S], 7, null, true], labels: { [`${S}.role`]: 'web' } } },
    };
    expect(substituteProject(model, S, 'app-dev-1')).toEqual({
      name: 'app-dev-1',
      networks: { default: { name: 'app-dev-1_default' }, ext: { name: 'other', external: true } },
      services: { web: { environment: { P: 'app-dev-1', Q: 'a-app-dev-1-b-app-dev-1' }, command: [['x', 'app-dev-1'], 7, null, true], labels: { 'app-dev-1.role': 'web' } } },
    });
  });

  it('gives slot 10 its own name from a model slot 1 saved (app-dev-1 is a prefix of app-dev-10)', () => {
    const saved = { name: S, volumes: { data: { name: `${S}_data` } } };
    const one = substituteProject(saved, S, 'app-dev-1');
    const ten = substituteProject(saved, S, 'app-dev-10');
    expect(ten).toEqual({ name: 'app-dev-10', volumes: { data: { name: 'app-dev-10_data' } } });
    expect(JSON.stringify(one)).not.toContain('app-dev-10');
  });

  it('puts a renamed key where compose, which sorts map keys, prints it', () => {
    const out = substituteProject({ labels: { m: '1', [`${S}`]: '2' } }, S, 'a-dev-1') as { labels: object };
    expect(Object.keys(out.labels)).toEqual(['a-dev-1', 'm']);
  });
});

describe('modelFor', () => {
  it('sorts extra_hosts after the name goes in, as compose prints them (checked: -p zzz and -p aaa order them differently)', () => {
    const saved = { services: { a: { extra_hosts: ['b-h=1.2.3.6', 'c-h=1.2.3.5', `${SENTINEL}-h=1.2.3.4`] } } };
    expect(modelFor(saved, 'aaa').services.a!.extra_hosts).toEqual(['aaa-h=1.2.3.4', 'b-h=1.2.3.6', 'c-h=1.2.3.5']);
    expect(modelFor(saved, 'zzz').services.a!.extra_hosts).toEqual(['b-h=1.2.3.6', 'c-h=1.2.3.5', 'zzz-h=1.2.3.4']);
  });
});

describe('compose inputs', () => {
  it('expands $NAME and ${NAME} in a path from the environment, and gives up on anything else', () => {
    expect(expandVars('$D/app/x.env', { D: '/d' })).toBe('/d/app/x.env');
    expect(expandVars('${D}/x.env', { D: 'rel' })).toBe('rel/x.env');
    expect(expandVars('a$$b', {})).toBe('a$b');
    expect(expandVars('$D/x.env', {})).toBeUndefined();
    expect(expandVars('${D:-d}/x.env', { D: 'z' })).toBeUndefined();
  });

  it('finds names given without a value, in every form compose takes them from the environment', () => {
    const text = ['services:', '  a:', '    environment:', '      - FOO', '      - "QUOTED"', '      - SET=1', '  b:', '    environment:', '      BAZ:', '      NUL: null', '      V: x', '  c:', '    environment: [FLOW, "F2", X=1]', ''].join('\n');
    const names = bareNames(text);
    for (const n of ['FOO', 'QUOTED', 'BAZ', 'NUL', 'FLOW', 'F2']) expect(names).toContain(n);
    for (const n of ['SET', 'V', 'X']) expect(names).not.toContain(n);
  });

  it('names env_file files of services and includes, and their variables; an unknown variable in such a path is volatile', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-mc-inputs-'));
    try {
      const w = (rel: string, text: string) => fs.writeFileSync(path.join(root, rel), text);
      fs.mkdirSync(path.join(root, 'sub'));
      w('compose.yaml', 'include:\n  - path: sub/inc.yaml\n    env_file: inc.env\nservices:\n  a:\n    image: x\n    env_file:\n      - a.env\n      - path: opt.env\n        required: false\n  b:\n    image: x\n    env_file: $DIR/b.env\n');
      w('sub/inc.yaml', 'services:\n  i:\n    image: y\n    env_file: i.env\n');
      w('a.env', 'A=${FROM_A}\nBARE_IN_ENV_FILE\n');
      const env = { DIR: 'd' };
      const r = await composeInputFiles([path.join(root, 'compose.yaml')], [], env);
      for (const f of ['compose.yaml', 'sub/inc.yaml', 'inc.env', 'a.env', 'opt.env', 'd/b.env', 'sub/i.env']) expect(r.files).toContain(path.join(root, f));
      for (const v of ['FROM_A', 'BARE_IN_ENV_FILE', 'DIR']) expect(r.vars).toContain(v);
      expect(r.volatile).toBe(false);
      expect((await composeInputFiles([path.join(root, 'compose.yaml')], [], {})).volatile).toBe(true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the saved compose model', () => {
  let root: string;
  const w = (rel: string, text: string) => fs.writeFileSync(path.join(root, rel), text);
  const baseEnv = { IMG: 'busybox:1.35', HOME: '/home/dev' };
  const forged = { name: S, services: { web: { image: 'forged', environment: { P: `${S}-x` } } }, networks: { default: { name: `${S}_default` } } };
  const cacheFile = (slot: number) => path.join(root, '.instances', `instance-${slot}`, MODEL_CACHE);

  /** Save `forged` under slot 1 with the key of the inputs as they are now. */
  const saveForged = async (env: NodeJS.ProcessEnv = baseEnv) => {
    const config = await loadConfig(root);
    const envFiles = config.compose.envFiles.length ? config.compose.envFiles : [composeDefaultEnvFile(config)].filter((f): f is string => !!f);
    const now = await currentModelKey(config, envFiles, env);
    expect(now.key).toBeDefined();
    fs.mkdirSync(path.dirname(cacheFile(1)), { recursive: true });
    fs.writeFileSync(cacheFile(1), modelCacheText(now.key!, forged, []));
  };
  const found = async (slot: number, env: NodeJS.ProcessEnv = baseEnv) => {
    const config = await loadConfig(root);
    const envFiles = config.compose.envFiles.length ? config.compose.envFiles : [composeDefaultEnvFile(config)].filter((f): f is string => !!f);
    return findSavedModel(config, slot, envFiles, env);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-mc-cache-'));
    w('devslot.yaml', 'name: app\nslots: 12\ncompose:\n  files: [compose.yaml]\n  profiles: [dev]\n');
    w('compose.yaml', 'include: [inc.yaml, sub/inc2.yaml]\nservices:\n  web:\n    image: ${IMG}\n    extends: { file: base.yaml, service: b }\n    env_file: web.env\n    environment: [FOO]\n    volumes: ["~/data:/data"]\n');
    fs.mkdirSync(path.join(root, 'sub'));
    w('sub/inc2.yaml', 'services:\n  other:\n    image: busybox:${SUBTAG}\n');
    w('sub/.env', 'SUBTAG=1.35\n');
    w('inc.yaml', 'services:\n  side:\n    image: busybox:1.35\n');
    w('base.yaml', 'services:\n  b:\n    command: ["true"]\n');
    w('web.env', 'W=1\n');
    w('.env', 'E=1\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("is found for another slot while every input holds, with that slot's project name", async () => {
    await saveForged();
    const hit = await found(10);
    expect(hit?.model).toEqual({ name: 'app-dev-10', services: { web: { image: 'forged', environment: { P: 'app-dev-10-x' } } }, networks: { default: { name: 'app-dev-10_default' } } });
    expect(hit?.save?.path).toBe(path.join('.instances', 'instance-10', MODEL_CACHE));
    expect(hit?.save?.mode).toBe(0o600);
    expect(hit?.inputs.files).toEqual(expect.arrayContaining(['compose.yaml', 'inc.yaml', 'base.yaml', 'web.env', '.env'].map((f) => path.join(root, f))));
  });

  const changes: [string, () => void, NodeJS.ProcessEnv?][] = [
    ['a compose file', () => w('compose.yaml', `${fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8')}# edited\n`)],
    ['an included file', () => w('inc.yaml', 'services:\n  side:\n    image: busybox:1.36\n')],
    ['an extended file', () => w('base.yaml', 'services:\n  b:\n    command: ["false"]\n')],
    ["a service's env_file", () => w('web.env', 'W=2\n')],
    ['the default .env', () => w('.env', 'E=2\n')],
    ["an included project's own .env", () => w('sub/.env', 'SUBTAG=1.36\n')],
    ['HOME, where a ~ is expanded', () => {}, { ...baseEnv, HOME: '/elsewhere' }],
    ['an interpolated variable', () => {}, { ...baseEnv, IMG: 'busybox:1.36' }],
    ['a variable named without a value', () => {}, { ...baseEnv, FOO: 'set' }],
    ['a COMPOSE_* variable compose sees', () => {}, { ...baseEnv, COMPOSE_PATH_SEPARATOR: ';' }],
    ['the profiles in devslot.yaml', () => w('devslot.yaml', 'name: app\nslots: 12\ncompose:\n  files: [compose.yaml]\n  profiles: [dev, extra]\n')],
    ['the slot count (the host-network probe uses the last slot)', () => w('devslot.yaml', 'name: app\nslots: 11\ncompose:\n  files: [compose.yaml]\n  profiles: [dev]\n')],
  ];
  it.each(changes)('is not used after a change of %s', async (_what, change, env) => {
    await saveForged();
    expect(await found(2)).toBeDefined();
    change();
    expect(await found(2, env ?? baseEnv)).toBeUndefined();
  });

  it('is not made when the sentinel occurs in a source or in the environment', async () => {
    const config = await loadConfig(root);
    const envFiles = [path.join(root, '.env')];
    expect((await currentModelKey(config, envFiles, baseEnv)).key).toBeDefined();
    expect((await currentModelKey(config, envFiles, { ...baseEnv, OTHER: `x${S}` })).key).toBeUndefined();
    w('inc.yaml', `services:\n  side:\n    image: busybox:1.35\n    container_name: ${S}\n`);
    expect((await currentModelKey(config, envFiles, baseEnv)).key).toBeUndefined();
  });

  it.each([
    ['empty object', '{}'],
    ['not JSON', '{"key": '],
    ['a model without services', null],
    ['hostAware not a list', 'hostAware'],
  ])('ignores a saved file that is %s', async (_what, text) => {
    await saveForged();
    const saved = JSON.parse(fs.readFileSync(cacheFile(1), 'utf8'));
    if (text === null) saved.model = {};
    else if (text === 'hostAware') saved.hostAware = 'web';
    fs.writeFileSync(cacheFile(1), text === null || text === 'hostAware' ? JSON.stringify(saved) : text);
    expect(await found(2)).toBeUndefined();
  });

  it('never follows a link out of .instances/', async () => {
    await saveForged();
    const outside = path.join(root, 'outside.json');
    fs.renameSync(cacheFile(1), outside);
    fs.symlinkSync(outside, cacheFile(1));
    expect(await found(2)).toBeUndefined();
    // A linked slot folder is not read either.
    fs.rmSync(path.dirname(cacheFile(1)), { recursive: true });
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-mc-elsewhere-'));
    try {
      fs.copyFileSync(outside, path.join(elsewhere, MODEL_CACHE));
      fs.symlinkSync(elsewhere, path.dirname(cacheFile(1)));
      expect(await found(2)).toBeUndefined();
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
