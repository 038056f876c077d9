import path from 'node:path';
import { Document, isMap, type Node } from 'yaml';
import { INSTANCES_DIR, infraProject, LABEL_INFRA, portEnvName } from '../names.js';
import type { ComposeModel } from './compose-model.js';
import { GENERATED_MARK } from './headers.js';
import type { PlannedFile } from './slot-plan.js';

/** `.instances/infra/`: the infra project's generated files (one set per checkout; the project is shared). */
export const INFRA_DIR = path.join(INSTANCES_DIR, 'infra');

/**
 * The shared services (DESIGN §9), run once for every slot as compose project `<name>-infra`, from
 * the same compose files, on their base ports. Slots reach them by service name: start connects
 * each infra container to the slot's networks under its service name (infra-ops.ts), so a slot
 * never shares a network with another slot (where `redis` could resolve to slot 2's Redis).
 */
export interface InfraPlan {
  project: string;
  /** The shared services, in the model's order. */
  services: string[];
  /** Relative to the root: the compose files, then the infra override. */
  files: string[];
  envFiles: string[];
  profiles: string[];
  /** `.instances/infra/docker-compose.override.yml` and `compose.env`. */
  written: PlannedFile[];
  /** The shared services' named ports (the same in every slot). */
  ports: Record<string, number>;
}

export interface InfraInput {
  name: string;
  model: ComposeModel;
  shared: readonly string[];
  /** Relative to the root, as the slot uses them (without the slot's own files). */
  composeFiles: string[];
  envFiles: string[];
  profiles: string[];
  ports: Record<string, number>;
  configFile: string;
}

export function planInfra(input: InfraInput): InfraPlan | undefined {
  if (!input.shared.length) return undefined;
  const shared = new Set(input.shared);
  const project = infraProject(input.name);
  const services: Record<string, Record<string, unknown>> = {};
  const overrides: string[][] = [];
  const resets: string[][] = [];
  for (const [name, svc] of Object.entries(input.model.services)) {
    if (!shared.has(name)) {
      // Not the infra's to run: no container, nothing published.
      services[name] = { scale: 0 };
      continue;
    }
    const out: Record<string, unknown> = { labels: { [LABEL_INFRA]: input.name } };
    const deps = svc.depends_on && !Array.isArray(svc.depends_on) ? (svc.depends_on as Record<string, unknown>) : undefined;
    if (deps && Object.keys(deps).some((d) => !shared.has(d))) {
      out.depends_on = Object.fromEntries(Object.entries(deps).filter(([d]) => shared.has(d)));
      (Object.keys(out.depends_on as object).length ? overrides : resets).push(['services', name, 'depends_on']);
    }
    services[name] = out;
  }
  const doc = new Document({ services });
  for (const [at, tag] of [...overrides.map((a) => [a, '!override'] as const), ...resets.map((a) => [a, '!reset'] as const)]) {
    const node = doc.getIn(at, true) as Node;
    if (isMap(node)) node.tag = tag;
  }
  const header = (c: string) => `${c} ${GENERATED_MARK} for the shared services (${project}) from ${input.configFile}.\n${c} Do not edit: it is rewritten on every start that uses them.\n`;
  const overridePath = path.join(INFRA_DIR, 'docker-compose.override.yml');
  const envPath = path.join(INFRA_DIR, 'compose.env');
  const env = { COMPOSE_PROJECT_NAME: project, ...Object.fromEntries(Object.entries(input.ports).map(([n, p]) => [`DEVSLOT_PORT_${portEnvName(n)}`, String(p)])) };
  return {
    project,
    services: Object.keys(input.model.services).filter((s) => shared.has(s)),
    files: [...input.composeFiles, overridePath],
    envFiles: [...input.envFiles, envPath],
    profiles: input.profiles,
    written: [
      { path: overridePath, content: header('#') + doc.toString({ lineWidth: 0 }), mode: 0o644 },
      { path: envPath, content: header('#') + Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(''), mode: 0o644 },
    ],
    ports: input.ports,
  };
}
