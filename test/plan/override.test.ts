import { parse, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ComposeModel } from '../../scripts/plan/compose-model.js';
import { buildOverride } from '../../scripts/plan/override.js';

const model: ComposeModel = {
  services: {
    db: {
      container_name: 'postgres',
      ports: [{ mode: 'ingress', host_ip: '127.0.0.1', target: 5432, published: '5432', protocol: 'tcp' }],
    },
    web: {
      ports: [
        { mode: 'ingress', host_ip: '::1', target: 80, published: '8080', protocol: 'tcp' },
        { mode: 'host', target: 443, published: '8443', protocol: 'tcp', app_protocol: 'https', name: 'tls' },
        { mode: 'ingress', target: 80, published: '9000-9010', protocol: 'tcp' },
        { mode: 'ingress', target: 53, published: '5353', protocol: 'udp' },
        { mode: 'ingress', target: 9229, protocol: 'tcp' },
      ],
    },
    worker: {},
  },
  networks: {
    default: { name: 'app-dev-3_default' },
    backend: { name: 'backend-net' },
    shared: { name: 'traefik', external: true },
  },
  volumes: {
    data: { name: 'app-dev-3_data' },
    pgdata: { name: 'pgdata' },
    certs: { name: 'certs', external: true },
  },
};

const build = (slot = 3, extra: Partial<Parameters<typeof buildOverride>[0]> = {}) =>
  buildOverride({ model, resolvedProject: 'app-dev-3', slot, stride: 100, root: '/home/me/app', hostNetworkSlotAware: new Set(), header: '# header\n', ...extra });

describe('compose override', () => {
  const { text, shared, renamed } = build();
  const doc = parse(text, { customTags: [{ tag: '!override', collection: 'seq', resolve: (v: unknown) => v }] }) as {
    services: Record<string, { ports?: Record<string, unknown>[]; container_name?: string; labels: Record<string, string> }>;
    networks: Record<string, { name?: string; labels: Record<string, string> }>;
    volumes: Record<string, { name?: string; labels: Record<string, string> }>;
  };

  it('tags every shifted ports list with !override', () => {
    const tagged = parseDocument(text, { customTags: [{ tag: '!override', collection: 'seq', resolve: (v: unknown) => v }] });
    for (const svc of ['db', 'web']) {
      expect((tagged.getIn(['services', svc, 'ports'], true) as { tag?: string }).tag).toBe('!override');
    }
    expect(text.match(/ports: !override/g)).toHaveLength(2);
    expect(doc.services.worker!.ports).toBeUndefined();
  });

  it('shifts published ports and keeps host IPs, protocols, ranges, long syntax and ephemeral ports', () => {
    expect(doc.services.db!.ports).toEqual([{ mode: 'ingress', host_ip: '127.0.0.1', target: 5432, published: '5732', protocol: 'tcp' }]);
    expect(doc.services.web!.ports).toEqual([
      { mode: 'ingress', host_ip: '::1', target: 80, published: '8380', protocol: 'tcp' },
      { mode: 'host', target: 443, published: '8743', protocol: 'tcp', app_protocol: 'https', name: 'tls' },
      { mode: 'ingress', target: 80, published: '9300-9310', protocol: 'tcp' },
      { mode: 'ingress', target: 53, published: '5653', protocol: 'udp' },
      { mode: 'ingress', target: 9229, protocol: 'tcp' },
    ]);
  });

  it('renames fixed container, network and volume names and leaves external ones shared', () => {
    expect(doc.services.db!.container_name).toBe('postgres-3');
    expect(doc.services.web!.container_name).toBeUndefined();
    const labels = { 'dev.devslot.slot': '3', 'dev.devslot.root': '/home/me/app' };
    expect(doc.networks).toEqual({ default: { labels }, backend: { name: 'backend-net-3', labels } });
    expect(doc.volumes).toEqual({ data: { labels }, pgdata: { name: 'pgdata-3', labels } });
    expect(shared).toEqual({ networks: ['traefik'], volumes: ['certs'] });
    expect(renamed.containers).toEqual({ db: 'postgres-3' });
  });

  it('labels every service with the slot and the project root', () => {
    for (const svc of ['db', 'web', 'worker']) {
      expect(doc.services[svc]!.labels).toEqual({ 'dev.devslot.slot': '3', 'dev.devslot.root': '/home/me/app' });
    }
  });

  it('escapes $ so compose does not interpolate a root path', () => {
    const out = build(1, { root: '/home/$USER/app' }).text;
    expect(out).toContain('/home/$$USER/app');
  });

  it('starts with the generated-file header', () => {
    expect(text.startsWith('# header\n')).toBe(true);
  });

  it('refuses network_mode: host unless its settings follow the slot', () => {
    const host: ComposeModel = { services: { agent: { network_mode: 'host', environment: { PORT: '9000' } } } };
    expect(() => build(1, { model: host })).toThrow(/service agent uses network_mode: host/);
    expect(() => build(1, { model: host, hostNetworkSlotAware: new Set(['agent']) })).not.toThrow();
  });

  it('follows a renamed container in network_mode and volumes_from', () => {
    const refs: ComposeModel = {
      services: {
        web: { container_name: 'web' },
        side: { network_mode: 'container:web' },
        vf: { volumes_from: ['container:web', 'other'] },
        other: {},
      },
    };
    const out = build(1, { model: refs }).text;
    const parsed = parse(out, { customTags: [{ tag: '!override', collection: 'seq', resolve: (v: unknown) => v }] });
    expect(parsed.services.side.network_mode).toBe('container:web-1');
    expect(parsed.services.vf.volumes_from).toEqual(['container:web-1', 'other']);
    expect(out).toContain('volumes_from: !override');
    expect(parsed.services.other.network_mode).toBeUndefined();
  });

  it('refuses fixed subnets and fixed container addresses, which every slot would claim', () => {
    const subnet: ComposeModel = { services: {}, networks: { proxy: { name: 'x_proxy', ipam: { config: [{ subnet: '192.168.90.0/24' }] } } } };
    expect(() => build(1, { model: subnet })).toThrow(/network proxy has a fixed subnet 192\.168\.90\.0\/24/);
    const ext: ComposeModel = { services: {}, networks: { proxy: { name: 'p', external: true, ipam: { config: [{ subnet: '10.0.0.0/24' }] } } } };
    expect(() => build(1, { model: ext })).not.toThrow();
    const fixedIp: ComposeModel = { services: { proxy: { networks: { front: { ipv4_address: '192.168.91.254' } } } } };
    expect(() => build(1, { model: fixedIp })).toThrow(/service proxy has a fixed address 192\.168\.91\.254 on network front/);
  });
});
