/**
 * What devslot observes of the outside world, as plain data: the planner decides from these, the
 * adapters fill them. Defined here (not in the adapters) so the pure plan can take them as input.
 */

export interface ContainerView {
  id: string;
  name: string;
  project: string;
  service: string;
  slot: number | undefined;
  root: string | undefined;
  /** created, running, exited, restarting, paused, dead. */
  state: string;
  /** healthy, unhealthy, starting, or none when the image/service has no healthcheck. */
  health: 'healthy' | 'unhealthy' | 'starting' | 'none';
  exitCode: number | undefined;
  ports: { hostIp: string; published: number; target: number; protocol: string }[];
  /** The networks it is connected to (absent where the engine's list does not say). */
  networks?: string[];
  /**
   * The volumes it mounts that nobody named (an image's VOLUME, `- /path` in `volumes:`): `compose
   * down` leaves them where nothing can reach them again, so teardown removes them after it.
   * Present only where the observation asked for them (listContainers' `anonymousVolumes`).
   */
  anonymousVolumes?: string[];
}

export interface NetworkView {
  name: string;
  labels: Record<string, string>;
}

export interface VolumeView {
  name: string;
  labels: Record<string, string>;
}

/** A PM2 app as its daemon lists it. */
export interface Pm2Proc {
  id: number;
  name: string;
  namespace: string;
  status: string;
  pid: number;
  restarts: number;
  uptimeSince: number | undefined;
  outLog: string | undefined;
  errLog: string | undefined;
  env: Record<string, string>;
}

/** One slot of one checkout, from one Docker list and one PM2 list. */
export interface SlotState {
  slot: number;
  project: string;
  containers: ContainerView[];
  apps: Pm2Proc[];
}

/** Who holds a slot's claim on the engine: a checkout's root and its identity (.instances/.identity). */
export interface ClaimView {
  name: string;
  root: string;
  id: string;
}
