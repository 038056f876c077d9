/**
 * "next: …" hints in the words of the runner devslot was started from: the snippets `devslot
 * integrate` writes set DEVSLOT_RUNNER (just, task, mise and make set nothing a child could read);
 * npm, pnpm, yarn and bun set npm_lifecycle_event and npm_config_user_agent themselves.
 */
export function runnerHint(env: NodeJS.ProcessEnv, args: string[]): string {
  const words = args.map(shellWord).join(' ');
  switch (env.DEVSLOT_RUNNER) {
    case 'just': return `just dev ${words}`;
    case 'task': return `task dev -- ${words}`;
    // mise keeps a first `--` and `--help`/`-h` among a task's words for itself; a leading `--` passes them on.
    case 'mise': return `mise run dev ${args.some((w) => w === '--' || w === '--help' || w === '-h') ? '-- ' : ''}${words}`;
    case 'make': {
      const [first, ...rest] = args;
      const slot = first !== undefined && /^\d+$/.test(first) ? first : undefined;
      const tail = slot === undefined ? args : rest;
      // ARGS is split by devslot (cli/tools.ts splitWords): double quotes inside, single outside for the shell.
      const inner = tail.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `"${w.replace(/["\\$`]/g, '\\$&')}"`)).join(' ');
      return `make dev${slot !== undefined ? ` SLOT=${slot}` : ''}${tail.length ? ` ARGS=${shellWord(inner)}` : ''}`;
    }
  }
  const script = env.npm_lifecycle_event;
  if (script) {
    const agent = (env.npm_config_user_agent ?? 'npm').split('/')[0];
    if (agent === 'pnpm' || agent === 'yarn' || agent === 'bun') return `${agent} run ${script} ${words}`;
    return `npm run ${script} -- ${words}`;
  }
  return `devslot ${words}`;
}

/** A word as a POSIX shell reads it back: bare when safe, else single-quoted. */
export function shellWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}
