import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfigYaml } from '../../scripts/config/parse-yaml.js';
import { CHECK_KEYS, COMPOSE_KEYS, ENV_KEYS, HEALTH_KEYS, PM2_KEYS, TOP_KEYS, validateConfig } from '../../scripts/config/validate.js';
import { ConfigError } from '../../scripts/errors.js';

const load = (text: string) => {
  const { data, locate } = parseConfigYaml(text, 'devslot.yaml');
  return validateConfig(data, { path: '/p/devslot.yaml', display: 'devslot.yaml', locate });
};

describe('devslot.yaml', () => {
  it('needs only name and compose.files; everything else has a default', () => {
    const c = load('name: app\ncompose:\n  files: [compose.yml]\n');
    expect(c).toMatchObject({ name: 'app', stride: 100, slots: 10, root: '/p', ports: {}, env: {}, health: {} });
    expect(c.compose).toEqual({ files: ['/p/compose.yml'], envFiles: [], profiles: [], perSlotMounts: [], sharedMounts: [] });
    expect(c.pm2).toEqual({ config: '/p/pm2.config.cts', explicit: false });
    expect(c.check).toEqual({ strict: false });
  });

  it('reads per-slot and shared bind mounts and check.strict (DESIGN §11)', () => {
    const c = load('name: app\ncompose:\n  files: [c.yml]\n  perSlotMounts: [./pgdata]\n  sharedMounts: [src]\ncheck:\n  strict: true\n');
    expect(c.compose.perSlotMounts).toEqual(['/p/pgdata']);
    expect(c.compose.sharedMounts).toEqual(['/p/src']);
    expect(c.check).toEqual({ strict: true });
    expect(() => load('name: app\ncompose:\n  perSlotMounts: [../elsewhere]\n')).toThrow(/devslot.yaml:3: compose.perSlotMounts\[0\]: "..\/elsewhere" must be a folder or file inside the project/);
    expect(() => load('name: app\ncompose:\n  perSlotMounts: [.]\n')).toThrow(/inside the project/);
    expect(() => load('name: app\ncompose:\n  perSlotMounts: [d]\n  sharedMounts: [./d]\n')).toThrow(/listed in both perSlotMounts and sharedMounts/);
    expect(() => load('name: app\ncheck:\n  strict: yes please\n')).toThrow(/check.strict: expected true or false/);
    expect(() => load('name: app\ncheck:\n  strickt: true\n')).toThrow(/did you mean `strict`/);
  });

  it('reads the DESIGN §3 example', () => {
    const c = load(`name: app
stride: 100
slots: 10
compose:
  files: [compose/compose.yml]
  envFiles: []
  profiles: []
ports:
  web: 5173
  api: 3211
env:
  api:
    from: apps/api/.env
    set:
      PORT: "{{ports.api}}"
      REDIS_URL: "redis://127.0.0.1:{{ports.redis}}"
    apps: [api]
pm2:
  config: pm2.config.cts
health:
  api: { http: "http://127.0.0.1:{{ports.api}}/health" }
  web: { tcp: "{{ports.web}}" }
`);
    expect(c.env.api).toEqual({ from: ['/p/apps/api/.env'], set: { PORT: '{{ports.api}}', REDIS_URL: 'redis://127.0.0.1:{{ports.redis}}' }, apps: ['api'] });
    expect(c.health).toEqual({ api: { http: 'http://127.0.0.1:{{ports.api}}/health' }, web: { tcp: '{{ports.web}}' } });
  });

  it('takes env.<key>.from as one file or a list of fallbacks, in order', () => {
    expect(load('name: app\nenv:\n  api:\n    from: backend/.env\n').env.api!.from).toEqual(['/p/backend/.env']);
    expect(load('name: app\nenv:\n  api:\n    from: [backend/.env, backend/.env.example]\n').env.api!.from).toEqual(['/p/backend/.env', '/p/backend/.env.example']);
  });

  it('takes a URL path per named port, service or app, and false for no URL (issue 15)', () => {
    expect(load('name: app\nurls:\n  backend: /docs\n  redis: false\n  web: /\n').urls).toEqual({ backend: '/docs', redis: false, web: '/' });
    expect(load('name: app\n').urls).toEqual({});
  });

  it.each([
    ['name: app\nurls:\n  backend: docs\n', /devslot\.yaml:3: urls\.backend: expected a URL path starting with "\/" \(e\.g\. \/docs\), or false for no URL, got "docs"/],
    ['name: app\nurls:\n  backend: true\n', /urls\.backend: expected a URL path starting with "\/".*got boolean true/],
    ['name: app\nurls:\n  backend: "http://localhost:8000/docs"\n', /urls\.backend: expected a URL path starting with "\/"/],
    ['name: app\nurls:\n  backend: "/a b"\n', /urls\.backend: expected a URL path/],
    ['name: app\nurls:\n  9lives: /x\n', /urls\.9lives: a named port, a compose service or an app/],
    ['name: app\nurls: [/docs]\n', /urls: expected a mapping, got a list/],
    ['name: app\nstrid: 100\n', /devslot\.yaml:2: strid: unknown key \(did you mean `stride`\?\)/],
    ['name: app\ncompose:\n  file: [a.yml]\n', /devslot\.yaml:3: compose\.file: unknown key \(did you mean `files`\?\)/],
    ['name: app\nslots: ten\n', /devslot\.yaml:2: slots: expected the number of slots \(a whole number 1–1000\), got "ten"/],
    ['name: app\nstride: 0\n', /stride: expected a port offset per slot/],
    ['name: app\nports:\n  web: 70000\n', /devslot\.yaml:3: ports\.web: expected a port number/],
    ['name: app\nports:\n  web: 5173\n  web: 5174\n', /devslot\.yaml:4: invalid YAML: Map keys must be unique/],
    ['name: app\nports:\n  web-ui: 1\n  web_ui: 2\n', /duplicate port name: `web_ui` and `web-ui` both become DEVSLOT_PORT_WEB_UI/],
    ['name: My App\n', /devslot\.yaml:1: name: "My App" is not a valid compose project name/],
    ['name: app\ncompose: [a.yml]\n', /compose: expected a mapping, got a list/],
    ['name: app\nenv:\n  api:\n    set:\n      URL: "{{port.api}}"\n', /env\.api\.set\.URL: unknown placeholder \{\{port\.api\}\}/],
    ['name: app\nhealth:\n  api: { http: "x", tcp: "1" }\n', /health\.api: give exactly one of/],
    ['name: app\nhealth:\n  api: { http: "localhost:3000" }\n', /expected an http:\/\/ or https:\/\/ URL/],
    ['compose:\n  files: [a.yml]\n', /missing key `name`/],
    ['', /the file is empty/],
    ['name: app\n  bad: indent\n', /devslot\.yaml:\d+: invalid YAML/],
    ['name: [app\n', /devslot\.yaml:\d+: invalid YAML/],
    ['name: app\nenv:\n  api:\n    from: []\n', /devslot\.yaml:4: env\.api\.from: expected a file or a list of files/],
    ['name: app\nenv:\n  api:\n    from: [a.env, ""]\n', /env\.api\.from\[1\]: expected a non-empty string/],
    ['name: app\nenv:\n  api:\n    from: { file: a.env }\n', /env\.api\.from: expected a non-empty string, got a mapping/],
  ])('rejects %j', (text, message) => {
    expect(() => load(text)).toThrow(ConfigError);
    expect(() => load(text)).toThrow(message);
  });

  it('ships a JSON Schema that knows exactly the keys the validator accepts', () => {
    const schema = JSON.parse(fs.readFileSync(new URL('../../scripts/config/devslot.schema.json', import.meta.url), 'utf8'));
    const keys = (o: { properties: Record<string, unknown> }) => Object.keys(o.properties).sort();
    expect(keys(schema)).toEqual([...TOP_KEYS].sort());
    expect(keys(schema.properties.compose)).toEqual([...COMPOSE_KEYS].sort());
    expect(keys(schema.properties.env.additionalProperties)).toEqual([...ENV_KEYS].sort());
    expect(keys(schema.properties.pm2)).toEqual([...PM2_KEYS].sort());
    expect(keys(schema.properties.check)).toEqual([...CHECK_KEYS].sort());
    expect(keys(schema.properties.health.additionalProperties)).toEqual([...HEALTH_KEYS].sort());
    expect(schema.additionalProperties).toBe(false);
  });
});
