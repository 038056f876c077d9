import { describe, expect, it } from 'vitest';
import { portUrls } from '../../scripts/plan/urls.js';

/** Which named port or app gets a URL, and which path it shows (issue 15: declared in devslot.yaml). */
describe('portUrls', () => {
  const plan = {
    ports: { web: 30180, backend: 30100, redis: 30179, admin: 30190 },
    portTargets: { web: 80, backend: 8000, redis: 6379, admin: 9000 },
    health: { api: { http: 'http://127.0.0.1:30211/health' } },
  };

  it.each([
    ['nothing declared: web targets and health origins only; a published database port gets none', {}, { web: 'http://localhost:30180', backend: 'http://localhost:30100', api: 'http://127.0.0.1:30211/' }],
    ['a declared path replaces the `/` that 404s', { backend: '/docs', api: '/swagger' }, { web: 'http://localhost:30180', backend: 'http://localhost:30100/docs', api: 'http://127.0.0.1:30211/swagger' }],
    ['a declared path makes an unusual target a URL', { admin: '/ui' }, { web: 'http://localhost:30180', backend: 'http://localhost:30100', admin: 'http://localhost:30190/ui', api: 'http://127.0.0.1:30211/' }],
    ['false takes a URL away', { web: false, api: false } as Record<string, string | false>, { backend: 'http://localhost:30100' }],
    ['a name that is not a port or an app adds nothing', { nothing: '/x' }, { web: 'http://localhost:30180', backend: 'http://localhost:30100', api: 'http://127.0.0.1:30211/' }],
  ])('%s', (_why, paths, want) => {
    expect(portUrls(plan, paths)).toEqual(want);
  });

  it('keeps https for a 443 target, with the path', () => {
    expect(portUrls({ ports: { proxy: 30443 }, portTargets: { proxy: 443 }, health: {} }, { proxy: '/app' })).toEqual({ proxy: 'https://localhost:30443/app' });
  });
});
