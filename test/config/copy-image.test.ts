import { describe, expect, it } from 'vitest';
import { COPY_KEYS, validateConfig } from '../../scripts/config/validate.js';
import { ConfigError } from '../../scripts/errors.js';
import schema from '../../scripts/config/devslot.schema.json' with { type: 'json' };

const v = (data: unknown) => validateConfig(data, { path: '/p/devslot.yaml', display: 'devslot.yaml', locate: () => undefined });

describe('copy.image (issue 16)', () => {
  it('is absent unless set, and kept as given', () => {
    expect(v({ name: 'app' }).copy).toBeUndefined();
    expect(v({ name: 'app', copy: { image: 'registry.local/tar:1' } }).copy).toEqual({ image: 'registry.local/tar:1' });
  });

  it('refuses what is not an image name, or an unknown key', () => {
    expect(() => v({ name: 'app', copy: { image: 3 } })).toThrow(ConfigError);
    expect(() => v({ name: 'app', copy: { imgae: 'x' } })).toThrow(/imgae/);
  });

  it('the schema names the same keys', () => {
    expect(Object.keys((schema as { properties: { copy: { properties: object } } }).properties.copy.properties).sort()).toEqual([...COPY_KEYS].sort());
  });
});
