/** The compose command lines devslot runs, as argv arrays (pure; the compose adapter runs them). */

/** The global flags that select a slot's project: -p, --env-file, -f, --profile (in that order). */
export function projectArgs(p: { project: string; envFiles: readonly string[]; files: readonly string[]; profiles: readonly string[] }): string[] {
  return [
    '-p', p.project,
    ...p.envFiles.flatMap((f) => ['--env-file', f]),
    ...p.files.flatMap((f) => ['-f', f]),
    ...p.profiles.flatMap((f) => ['--profile', f]),
  ];
}

/**
 * No --wait: devslot polls container health itself (one Docker call per round) to show per-service
 * progress, and `up --wait` fails or hangs on one-shot services (compose#9273, #10200).
 */
export function upArgv(composeArgv: readonly string[], p: Parameters<typeof projectArgs>[0]): string[] {
  return [...composeArgv, ...projectArgs(p), 'up', '--detach', '--remove-orphans'];
}

/**
 * `down` takes only `-p`: compose finds the project's containers, networks and volumes by label,
 * so stop works even after the config changed or broke.
 */
export function downArgv(composeArgv: readonly string[], project: string, volumes: boolean): string[] {
  return [...composeArgv, '-p', project, 'down', '--remove-orphans', ...(volumes ? ['--volumes'] : [])];
}

export function restartArgv(composeArgv: readonly string[], p: Parameters<typeof projectArgs>[0] | { project: string }): string[] {
  return [...composeArgv, ...('files' in p ? projectArgs(p) : ['-p', p.project]), 'restart'];
}

/** The compose project a planned compose argv acts on (its `-p`), so operations need not repeat it. */
export function projectOfArgv(argv: readonly string[]): string | undefined {
  const i = argv.indexOf('-p');
  return i >= 0 ? argv[i + 1] : undefined;
}
