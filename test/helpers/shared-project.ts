/**
 * The shared Postgres + Redis test project (issue 12, DESIGN §9): compose.yml declares `postgres`
 * and `redis`, devslot.yaml makes them shared services and gives each slot its own database and
 * role (`db`) and Redis DB (`cache`) on them. One text for the engine tests that need it, each
 * with its own name and ports.
 */
export interface SharedProject {
  name: string;
  slots: number;
  /** devslot.yaml's `stride:`, when the test sets one. */
  stride?: number;
  /**
   * `infra`: devslot runs real Postgres and Redis as the infra project, published on these host
   * ports. `outside`: the test runs the servers itself (at these URLs); the compose services are
   * busybox placeholders that the resources name with `service:`.
   */
  servers: { infra: { postgres: number; redis: number } } | { outside: { admin: string; redis: string } };
  /** devslot.yaml after `resources:` (ports, env, health, hooks), each line ending in a newline. */
  yaml?: string;
  /** compose.yml's slot-only services after the shared ones (e.g. `  web:\n    image: …\n`). */
  services?: string;
}

/** The admin password of the infra's Postgres (`infra` servers); the tests connect as postgres with it. */
const SHARED_PG_PASSWORD = 'admin-pw';

export function sharedProjectFiles(p: SharedProject): { 'devslot.yaml': string; 'compose.yml': string } {
  return { 'devslot.yaml': devslotYaml(p), 'compose.yml': composeYaml(p) };
}

function devslotYaml(p: SharedProject): string {
  const head = `name: ${p.name}\n${p.stride !== undefined ? `stride: ${p.stride}\n` : ''}slots: ${p.slots}\ncompose:\n  files: [compose.yml]\nshared:\n  services: [postgres, redis]\n`;
  const resources =
    'infra' in p.servers
      ? `resources:
  db:
    postgres: { admin: "postgres://postgres:${SHARED_PG_PASSWORD}@127.0.0.1:{{ports.postgres}}/postgres" }
  cache:
    redis: { url: "redis://127.0.0.1:{{ports.redis}}" }
`
      : `resources:
  db:
    service: postgres
    postgres: { admin: "${p.servers.outside.admin}" }
  cache:
    service: redis
    redis: { url: "${p.servers.outside.redis}" }
`;
  return head + resources + (p.yaml ?? '');
}

function composeYaml(p: SharedProject): string {
  if (!('infra' in p.servers)) {
    return `services:
  postgres:
    image: busybox:1.35
    command: [sleep, "86400"]
  redis:
    image: busybox:1.35
    command: [sleep, "86400"]
${p.services ?? ''}`;
  }
  const ports = p.servers.infra;
  return `services:
  postgres:
    image: postgres:15
    environment: { POSTGRES_PASSWORD: ${SHARED_PG_PASSWORD}, POSTGRES_USER: postgres }
    ports: ["127.0.0.1:${ports.postgres}:5432"]
    volumes: [pgdata:/var/lib/postgresql/data]
    healthcheck: { test: [CMD, pg_isready, -U, postgres, -h, 127.0.0.1], interval: 1s, timeout: 3s, retries: 60 }
  redis:
    image: redis:7
    ports: ["127.0.0.1:${ports.redis}:6379"]
    healthcheck: { test: [CMD, redis-cli, ping], interval: 1s, timeout: 3s, retries: 30 }
${p.services ?? ''}volumes:
  pgdata:
`;
}
