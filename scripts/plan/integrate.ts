/**
 * `devslot integrate RUNNER`: the `dev` entry each task runner needs so that `… dev 2 "a b"` reaches
 * devslot as exactly those words, and the new text of the runner's file with that entry between
 * marker comments. Pure: the file's current text in, the next text (or why not) out.
 */
export type Runner = 'just' | 'npm' | 'task' | 'mise' | 'make';

export const RUNNER_FILE: Record<Runner, string> = { just: 'justfile', npm: 'package.json', task: 'Taskfile.yml', mise: 'mise.toml', make: 'Makefile' };
const BIN = 'node_modules/.bin/devslot';
export const BEGIN = (r: Runner) => `# >>> devslot: written by \`devslot integrate ${r}\`; a second run replaces only this block >>>`;
export const END = '# <<< devslot <<<';

/** The block for each runner (npm has no comments: its `dev` script is the whole of it). */
export function snippet(r: Runner): string {
  switch (r) {
    case 'just':
      return [BEGIN(r), '# `just dev 2`, `just dev 1 logs`: each argument reaches devslot as its own word, unsplit.', '[positional-arguments]', '[no-exit-message]', 'dev *args:', `    @DEVSLOT_RUNNER=just {{quote(justfile_directory() / "${BIN}")}} "$@"`, END].join('\n');
    case 'make':
      // $(value …) is the text as typed: make would otherwise expand `$(id)` in ARGS to an empty make variable.
      return [BEGIN(r), "# `make dev SLOT=2 ARGS='logs --json'`: devslot splits ARGS as a shell would (quotes kept), expanding nothing.", '.PHONY: dev', 'dev:', `\t@DEVSLOT_RUNNER=make ./${BIN} __words '$(subst ','\\'',$(value SLOT))' '$(subst ','\\'',$(value ARGS))'`, END].join('\n');
    case 'task':
      return ['  ' + BEGIN(r), '  # `task dev -- 2 logs`: Task quotes each word after -- in {{.CLI_ARGS}}, so each reaches devslot unsplit.', '  dev:', '    cmds:', `      - DEVSLOT_RUNNER=task ./${BIN} {{.CLI_ARGS}}`, '    interactive: true', '  ' + END].join('\n');
    case 'mise':
      // raw: devslot gets the terminal (logs -f, shell); quiet: mise does not echo the command line first.
      return [BEGIN(r), '# `mise run dev 2 logs`: mise appends the words, quoted, to run. It keeps the first `--` and `--help` for itself:', '# start with `mise run dev -- …` when devslot\'s words hold them.', '[tasks.dev]', `run = "${BIN}"`, 'env = { DEVSLOT_RUNNER = "mise" }', 'raw = true', 'quiet = true', END].join('\n');
    case 'npm':
      return 'devslot';
  }
}

export type Integration = { next: string; changed: boolean } | { refused: string };

/** The file's next text with the block in place of the old one (or appended), or why it is left alone. */
export function integrate(r: Runner, current: string | undefined): Integration {
  if (r === 'npm') return integrateNpm(current);
  const block = snippet(r);
  const text = current ?? (r === 'task' ? "version: '3'\n\ntasks:\n" : '');
  const begin = text.indexOf(BEGIN(r).trimStart().slice(0, 14));
  if (begin >= 0) {
    const lineStart = text.lastIndexOf('\n', begin) + 1;
    const endAt = text.indexOf(END, begin);
    if (endAt < 0) return { refused: `${RUNNER_FILE[r]} has devslot's start marker but not its end marker (${END}); restore it or remove the block, then run again` };
    const next = text.slice(0, lineStart) + block + text.slice(endAt + END.length);
    return { next, changed: next !== text };
  }
  const existing = r === 'just' ? /^@?dev(\s[^:=]*)?:(?!=)/m : r === 'make' ? /^dev\s*:(?!=)/m : r === 'task' ? /^ {2}dev:/m : /^\[tasks\.dev\]/m;
  if (existing.test(text)) return { refused: `${RUNNER_FILE[r]} already has a dev ${r === 'mise' ? 'task' : r === 'task' ? 'task' : 'recipe'}; rename or remove it, then run again (devslot never replaces what you wrote)` };
  if (r === 'task') {
    const m = /^tasks:[ \t]*\n/m.exec(text);
    if (!m) return { refused: `${RUNNER_FILE[r]} has no top-level \`tasks:\` map to add the dev task to` };
    const at = m.index + m[0].length;
    return { next: `${text.slice(0, at)}${block}\n${text.slice(at)}`, changed: true };
  }
  const sep = text === '' ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return { next: `${text}${sep}${block}\n`, changed: true };
}

function integrateNpm(current: string | undefined): Integration {
  if (current === undefined) return { refused: 'no package.json here; run `npm init` first (devslot is installed as a dev dependency)' };
  let pkg: { scripts?: Record<string, unknown> };
  try {
    pkg = JSON.parse(current) as typeof pkg;
  } catch {
    return { refused: 'package.json is not valid JSON; fix it, then run again' };
  }
  const dev = pkg.scripts?.dev;
  if (dev === 'devslot') return { next: current, changed: false };
  if (dev !== undefined) return { refused: `package.json already has a dev script (${JSON.stringify(dev)}); add "devslot": "devslot" under scripts instead, and run \`npm run devslot -- 2\`` };
  const indent = /^[ \t]+(?=")/m.exec(current)?.[0] ?? '  ';
  const next = { ...pkg, scripts: { ...(pkg.scripts ?? {}), dev: 'devslot' } };
  return { next: `${JSON.stringify(next, null, indent)}${current.endsWith('\n') ? '\n' : ''}`, changed: true };
}

/** What to say besides the block: how to call it, and for Turborepo the env it must pass through. */
export function usageLines(r: Runner, turbo: boolean): string[] {
  const use: Record<Runner, string> = {
    just: 'just dev 2   just dev 1 logs   just dev stop all',
    npm: 'npm run dev -- 2   npm run dev -- 1 logs   (npm needs -- before devslot\'s options)',
    task: 'task dev -- 2   task dev -- 1 logs',
    mise: 'mise run dev 2   mise run dev 1 logs   mise run dev -- 2 exec -- CMD   (mise keeps a first -- and --help for itself)',
    make: "make dev SLOT=2   make dev SLOT=1 ARGS='logs --no-follow'",
  };
  const out = [`then: ${use[r]}`];
  if (turbo) out.push('turbo.json: strict env mode drops DEVSLOT_SLOT and DEVSLOT_PORT_*; in each task that runs a slot\'s app add  "passThroughEnv": ["DEVSLOT_*"]');
  return out;
}
