import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bufferIo } from '../../scripts/io.js';
import { main } from '../../scripts/cli/main.js';

/** A temp project tree from a map of relative path → content; removed by `remove()`. */
export function tempProject(files: Record<string, string>, prefix = 'devslot-proj-'): { root: string; remove: () => void; write: (rel: string, text: string) => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return { root, write, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** Run devslot in-process with argv as an array, as the bin would. */
export async function devslot(cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}) {
  const io = bufferIo();
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DEVSLOT_')));
  const code = await main(argv, { io, cwd, env: { ...baseEnv, ...env }, isRoot: process.getuid?.() === 0, signal: new AbortController().signal, confirm: async () => false });
  return { code, stdout: io.stdout.join(''), stderr: io.stderr.join('') };
}
