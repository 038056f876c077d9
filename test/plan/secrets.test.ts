import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSecretKey, MASK, maskEnv, maskValue } from '../../scripts/plan/secrets.js';
import { describeOp } from '../../scripts/plan/operations.js';
import { devslot, tempProject } from '../helpers/project.js';

/**
 * DESIGN §8: values of secret-looking keys (*SECRET*, *TOKEN*, *PASSWORD*, *KEY*), and a URL's
 * password anywhere, are masked unless --show-secrets. The pure tier must fail when masking is
 * turned off: the e2e masking tests skip without an engine or compose.
 */
describe('which keys are secret', () => {
  it.each([
    ['API_SECRET', true],
    ['client_secret', true],
    ['SecretSauce', true],
    ['GITHUB_TOKEN', true],
    ['auth_token', true],
    ['DB_PASSWORD', true],
    ['password', true],
    ['MYSQL_PASSWD', true],
    ['API_KEY', true],
    ['SigningKey', true],
    ['key', true],
    ['AWS_CREDENTIALS', true],
    // *KEY* is a substring rule, as DESIGN writes it: a false positive costs a masked value, a
    // false negative a leaked one.
    ['KEYBOARD_LAYOUT', true],
    ['PORT', false],
    ['DATABASE_URL', false],
    ['USER', false],
    ['HOST', false],
    ['LOG_LEVEL', false],
    ['DEVSLOT_SLOT', false],
    ['TOKE', false],
    ['PASS', false],
    ['', false],
  ])('%j → %s', (key, secret) => expect(isSecretKey(key)).toBe(secret));
});

describe('maskValue', () => {
  it.each([
    // the whole value under a secret key, whatever its length or content
    ['API_SECRET', 'hunter2', MASK],
    ['api_token', 'x', MASK],
    ['DB_PASSWORD', 'postgres://u:pw@h/db', MASK],
    // nothing to hide in an empty value: showing it empty says it is unset
    ['API_SECRET', '', ''],
    // a URL's password under any key, and only the password
    ['DATABASE_URL', 'postgres://app:s3cr3t@localhost:5432/app', `postgres://app:${MASK}@localhost:5432/app`],
    ['REDIS_URL', 'redis://:onlypass@127.0.0.1:6379/0', `redis://:${MASK}@127.0.0.1:6379/0`],
    ['URLS', 'a=http://u:p1@x/ b=https://v:p2@y/', `a=http://u:${MASK}@x/ b=https://v:${MASK}@y/`],
    // no password: unchanged
    ['DATABASE_URL', 'postgres://app@localhost:5432/app', 'postgres://app@localhost:5432/app'],
    ['HOME_URL', 'http://localhost:8080/a:b@c', 'http://localhost:8080/a:b@c'],
    ['PORT', '3211', '3211'],
  ])('%s=%j → %j', (key, value, shown) => expect(maskValue(key, value)).toBe(shown));

  it('uses a fixed mask that tells nothing of the length', () => {
    expect(MASK).toBe('********');
    expect(maskValue('TOKEN', 'a')).toBe(maskValue('TOKEN', 'a'.repeat(200)));
  });
});

describe('maskEnv', () => {
  const env = { API_SECRET: 'hunter2', PORT: '3211', DATABASE_URL: 'postgres://u:pw@h/db', EMPTY_TOKEN: '' };
  it('masks every secret value and keeps the rest', () => {
    expect(maskEnv(env, false)).toEqual({ API_SECRET: MASK, PORT: '3211', DATABASE_URL: `postgres://u:${MASK}@h/db`, EMPTY_TOKEN: '' });
  });
  it('shows everything with --show-secrets, as a copy', () => {
    const shown = maskEnv(env, true);
    expect(shown).toEqual(env);
    expect(shown).not.toBe(env);
  });
  it('leaves its input as it was', () => {
    maskEnv(env, false);
    expect(env.API_SECRET).toBe('hunter2');
  });
});

describe('describeOp of a pm2-start', () => {
  const op = { slot: 1, cause: 'api-1 is not running', kind: 'pm2-start' as const, app: 'api-1', namespace: 'shop-dev-1', options: { name: 'api-1', script: 'api.js', env: { API_KEY: 'k-123', DB: 'mysql://root:rootpw@db/x', PORT: '3311' } } };
  it('masks secret values and URL passwords', () => {
    const text = describeOp(op, { showSecrets: false, values: true });
    expect(text).toContain(`    env API_KEY="${MASK}"`);
    expect(text).toContain(`    env DB="mysql://root:${MASK}@db/x"`);
    expect(text).toContain('    env PORT="3311"');
    expect(text.join('\n')).not.toMatch(/k-123|rootpw/);
  });
  it('shows them on request', () => {
    const text = describeOp(op, { showSecrets: true, values: true });
    expect(text).toContain('    env API_KEY="k-123"');
    expect(text).toContain('    env DB="mysql://root:rootpw@db/x"');
  });
  it('without values, names the keys only', () => {
    const text = describeOp(op, { showSecrets: true, values: false });
    expect(text).toContain('    env API_KEY DB PORT');
    expect(text.join('\n')).not.toMatch(/k-123|rootpw/);
  });
  it('does not mask the operation it describes', () => {
    describeOp(op, { showSecrets: false, values: true });
    expect(op.options.env.API_KEY).toBe('k-123');
  });
});

/**
 * The views that print env values, in-process on a project without compose (no engine needed).
 * Each secret has a value found nowhere else, so any leak shows by its text alone.
 */
const SECRETS = {
  templatePassword: 'tpl-pw-91',
  urlPassword: 'url-pw-92',
  setSecret: 'set-secret-93',
  lowerToken: 'low-tok-94',
  mixedKey: 'mixed-key-95',
  pm2Token: 'pm2-tok-96',
  localKey: 'local-key-97',
};
const FILES = {
  'devslot.yaml': `name: masks
slots: 4
ports:
  api: 24611
env:
  api:
    from: api.env
    set:
      API_SECRET: ${SECRETS.setSecret}
      auth_token: ${SECRETS.lowerToken}
      SigningKey: ${SECRETS.mixedKey}
      SELF: "http://127.0.0.1:{{ports.api}}"
    apps: [api]
pm2:
  config: pm2.config.cts
`,
  'api.env': `DB_PASSWORD=${SECRETS.templatePassword}\nDATABASE_URL=postgres://app:${SECRETS.urlPassword}@localhost:5432/app\nPLAIN=visible-value\n`,
  'pm2.config.cts': `export default { apps: [{ name: 'api', script: 'api.js', env: { GITHUB_TOKEN: '${SECRETS.pm2Token}', LOG_LEVEL: 'debug' } }] };\n`,
  'api.js': '',
};

describe('every view that prints env values masks them', () => {
  let p: ReturnType<typeof tempProject>;
  beforeAll(async () => {
    p = tempProject(FILES, 'devslot-masks-');
    const init = await devslot(p.root, ['1', 'init']);
    expect(init.code, init.stderr).toBe(0);
    p.write('.instances/instance-1/api.local.env', `LOCAL_API_KEY=${SECRETS.localKey}\n`);
  });
  afterAll(() => p.remove());

  const leaks = (text: string) => Object.values(SECRETS).filter((s) => text.includes(s));

  it.each([
    ['env', ['1', 'env'], 6],
    ['env --explain', ['1', 'env', '--explain'], 6],
    ['env --json --explain', ['1', 'env', '--json', '--explain'], 6],
    ['env --app api', ['1', 'env', '--app', 'api'], 7],
    ['env --app api --explain --json', ['1', 'env', '--app', 'api', '--explain', '--json'], 7],
    ['start --dry-run --explain', ['1', 'start', '--dry-run', '--explain'], 7],
    ['start --dry-run --json', ['1', 'start', '--dry-run', '--json'], 7],
    ['info', ['1', 'info'], 0],
    ['info --json', ['1', 'info', '--json'], 0],
  ])('%s', async (_name, argv, masked) => {
    const r = await devslot(p.root, argv);
    expect(r.code, r.stderr).toBe(0);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
    // Masked, not dropped: the mask stands where each secret was (at least once per secret the
    // view has; --explain repeats some).
    expect(r.stdout.split(MASK).length - 1).toBeGreaterThanOrEqual(masked);
    if (masked) expect(r.stdout).toContain('visible-value');
  });

  it.each([
    ['env --app api --show-secrets', ['1', 'env', '--app', 'api', '--show-secrets']],
    ['start --dry-run --explain --show-secrets', ['1', 'start', '--dry-run', '--explain', '--show-secrets']],
    ['start --dry-run --json --show-secrets', ['1', 'start', '--dry-run', '--json', '--show-secrets']],
  ])('%s shows every one', async (_name, argv) => {
    const r = await devslot(p.root, argv);
    expect(r.code, r.stderr).toBe(0);
    expect(leaks(r.stdout)).toEqual(Object.values(SECRETS));
    expect(r.stdout).not.toContain(MASK);
  });

  it('env shows which key is masked and keeps the URL around a masked password', async () => {
    const r = await devslot(p.root, ['1', 'env', '--app', 'api']);
    const lines = r.stdout.trim().split('\n');
    for (const key of ['DB_PASSWORD', 'API_SECRET', 'auth_token', 'SigningKey', 'GITHUB_TOKEN', 'LOCAL_API_KEY']) expect(lines).toContain(`${key}=${MASK}`);
    expect(lines).toContain(`DATABASE_URL=postgres://app:${MASK}@localhost:5432/app`);
    expect(lines).toContain('PLAIN=visible-value');
    expect(lines).toContain('LOG_LEVEL=debug');
  });
});
