import { describe, expect, it } from 'vitest';
import { engineOfSlot } from '../../scripts/config/engines.js';
import { parseConfigYaml } from '../../scripts/config/parse-yaml.js';
import { validateConfig } from '../../scripts/config/validate.js';
import { ConfigError } from '../../scripts/errors.js';

const load = (engines: string, slots = 10) => {
  const text = `name: app\nslots: ${slots}\ncompose:\n  files: [c.yml]\nengines:\n${engines}`;
  const { data, locate } = parseConfigYaml(text, 'devslot.yaml');
  return validateConfig(data, { path: '/p/devslot.yaml', display: 'devslot.yaml', locate });
};

describe('engines: which engine each slot runs on (issue 19)', () => {
  it('no engines key: every slot on the default engine, and no key in the config', () => {
    const { data, locate } = parseConfigYaml('name: app\n', 'devslot.yaml');
    const c = validateConfig(data, { path: '/p/devslot.yaml', display: 'devslot.yaml', locate });
    expect(c.engines).toBeUndefined();
    expect(engineOfSlot(c.engines, 3)).toBeUndefined();
  });

  // [engines YAML, slot → the engine it names (undefined: the default engine)]
  const resolved: [string, Record<number, string | undefined>][] = [
    ['  "2-5": ssh://builder\n', { 0: undefined, 1: undefined, 2: 'ssh://builder', 5: 'ssh://builder', 6: undefined }],
    ['  2: ssh://root@box:2222\n', { 1: undefined, 2: 'ssh://root@box:2222', 3: undefined }],
    ['  "0": builder-ctx\n  "1-1": tcp://10.0.0.5:2376\n', { 0: 'builder-ctx', 1: 'tcp://10.0.0.5:2376', 2: undefined }],
    ['  "02-03": unix:///run/podman/podman.sock\n', { 1: undefined, 2: 'unix:///run/podman/podman.sock', 3: 'unix:///run/podman/podman.sock' }],
    ['  "0-9": ssh://all\n', { 0: 'ssh://all', 9: 'ssh://all' }],
    // `default` is the docker CLI's name for the default engine: the same as no entry.
    ['  "0-4": default\n  "5-9": ssh://b\n', { 0: undefined, 4: undefined, 5: 'ssh://b' }],
    ['  " 3 - 4 ": ssh://b\n', { 2: undefined, 3: 'ssh://b', 4: 'ssh://b' }],
  ];
  it.each(resolved)('%j', (yaml, want) => {
    const c = load(yaml);
    for (const [slot, engine] of Object.entries(want)) expect([slot, engineOfSlot(c.engines, Number(slot))]).toEqual([slot, engine]);
  });

  it('keeps the ranges sorted as data for the planner', () => {
    expect(load('  "6": ctx\n  "2-5": ssh://b\n').engines).toEqual([{ from: 2, to: 5, engine: 'ssh://b' }, { from: 6, to: 6, engine: 'ctx' }]);
  });

  // [engines YAML, slots, the one line it fails with]
  const refused: [string, number, RegExp][] = [
    ['  "5-2": ssh://b\n', 10, /^devslot.yaml:6: engines.5-2: the range 5-2 runs backwards; write it low-high \(e.g. "2-5"\)$/],
    ['  "8-12": ssh://b\n', 10, /engines.8-12: slot 12 is outside the slots of this file \(0..9\); raise `slots` or narrow the range$/],
    ['  "4": ssh://b\n', 4, /engines.4: slot 4 is outside the slots of this file \(0..3\)/],
    ['  "2-5": ssh://b\n  "5-6": ssh://c\n', 10, /^devslot.yaml:7: engines.5-6: slots 5-6 overlap "2-5" \(both name slot 5\); give each slot one engine$/],
    // A mapping's integer keys come first in JS: the clash is reported at the range, naming both.
    ['  "1-8": ssh://b\n  "3": ctx\n', 10, /^devslot.yaml:6: engines.1-8: slots 1-8 overlap "3" \(both name slot 3\)/],
    ['  "a-b": ssh://b\n', 10, /engines.a-b: expected a slot or a range of slots as the key \(e.g. "2" or "2-5"\), got "a-b"$/],
    ['  "-1": ssh://b\n', 10, /expected a slot or a range of slots/],
    ['  "1.5": ssh://b\n', 10, /expected a slot or a range of slots/],
    ['  "1-2-3": ssh://b\n', 10, /expected a slot or a range of slots/],
    ['  "2": ""\n', 10, /engines.2: expected a non-empty string, got ""/],
    ['  "2": 7\n', 10, /engines.2: expected a non-empty string, got number 7/],
    ['  "2": "ssh://"\n', 10, /engines.2: expected a DOCKER_HOST value .* or a Docker context name, got "ssh:\/\/"/],
    ['  "2": "http://box"\n', 10, /expected a DOCKER_HOST value/],
    ['  "2": "my box"\n', 10, /expected a DOCKER_HOST value .* got "my box"/],
    ['  "2": "-ctx"\n', 10, /expected a DOCKER_HOST value/],
  ];
  it.each(refused)('%j (slots %i) is refused', (yaml, slots, message) => {
    let err: unknown;
    try {
      load(yaml, slots);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(1);
    expect((err as Error).message).not.toContain('\n');
    expect((err as Error).message).toMatch(message);
  });

  it('a list instead of a mapping is refused', () => {
    expect(() => load('  - ssh://b\n')).toThrow(/engines: expected a mapping, got a list/);
  });
});
