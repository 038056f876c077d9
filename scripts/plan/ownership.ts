import { ForeignError, RuntimeError } from '../errors.js';
import { LABEL_ROOT, slotOfProject } from '../names.js';
import type { ContainerView, NetworkView, Pm2Proc, VolumeView } from './observed.js';

/**
 * devslot acts only on what it can prove is its own (DESIGN §8): one rule for start, stop, clean,
 * prune, release, takeover and undo. A compose project's containers, networks and (when they would
 * be removed) volumes must all carry this checkout's root label.
 */
export function foreignIn(root: string, project: string, objects: { containers: ContainerView[]; networks: NetworkView[]; volumes?: VolumeView[] }): string | undefined {
  const c = objects.containers.find((x) => x.root !== root);
  if (c) return `container ${c.name} of ${c.root ?? 'a compose project devslot did not create'}`;
  const n = objects.networks.find((x) => x.labels[LABEL_ROOT] !== root);
  if (n) return `network ${n.name} of ${n.labels[LABEL_ROOT] ?? 'another tool'}`;
  const v = objects.volumes?.find((x) => x.labels[LABEL_ROOT] !== root);
  if (v) return `volume ${v.name} of ${v.labels[LABEL_ROOT] ?? 'another tool'}`;
  void project;
  return undefined;
}

export function refuseForeign(root: string, project: string, objects: Parameters<typeof foreignIn>[2], hint: string): void {
  const what = foreignIn(root, project, objects);
  if (what) throw new ForeignError(`compose project ${project} holds ${what}, not of this checkout (${root}); left it alone — ${hint}`);
}

/**
 * A start must not recreate `<name>-dev-N` of another checkout under this one (same name, other
 * root: a second clone or worktree): refuse while any of its containers or volumes carries another root.
 */
export function refuseForeignProject(root: string, project: string, containers: ContainerView[], volumes: VolumeView[]): void {
  const c = containers.find((x) => x.root !== root);
  const v = volumes.find((x) => x.labels[LABEL_ROOT] !== undefined && x.labels[LABEL_ROOT] !== root);
  const owner = c ? c.root ?? 'a compose project devslot did not create' : v?.labels[LABEL_ROOT];
  if (!owner) return;
  throw new RuntimeError(`compose project ${project} belongs to ${owner} (${c ? `container ${c.name}` : `volume ${v!.name}`}), not to this checkout; use another slot here, or stop it there`);
}

/**
 * This root's PM2 apps: in a `<name>-dev-N` namespace (or only in `namespace`, one slot's) and
 * carrying DEVSLOT_ROOT=root.
 */
export function ownApps(procs: Pm2Proc[], name: string, root: string, namespace?: string): Pm2Proc[] {
  return procs.filter((p) => (namespace === undefined ? slotOfProject(name, p.namespace) !== undefined : p.namespace === namespace) && p.env.DEVSLOT_ROOT === root);
}
