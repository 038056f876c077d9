import { paint, type Io } from '../io.js';
import { KIND_TITLE, type Finding } from '../plan/check.js';

/** `devslot check`: one block per finding, where it is, what is wrong, and the fix. */
export function checkLines(io: Io, findings: readonly Finding[], slots: readonly number[]): string[] {
  const which = slots.length === 1 ? `slot ${slots[0]}` : `slots ${slots[0]}–${slots[slots.length - 1]}`;
  if (!findings.length) return [`check ${which}: nothing found; every port devslot sees moves with the slot and nothing is shared`];
  const lines = [`check ${which}: ${findings.length} finding${findings.length === 1 ? '' : 's'}`];
  for (const f of findings) {
    lines.push(`${paint(io, 'yellow', KIND_TITLE[f.kind])}${f.slot !== undefined && slots.length > 1 ? ` (slot ${f.slot})` : ''}: ${f.file}: ${f.key} = ${clip(f.value)}`);
    lines.push(`  ${f.message}`);
    lines.push(`  ${paint(io, 'dim', `fix: ${f.fix}`)}`);
  }
  return lines;
}

/** What init and start print: a few lines, then they go on. */
export function checkWarning(io: Io, findings: readonly Finding[], slot: number, max = 3): string[] {
  if (!findings.length) return [];
  const lines = [`warning: ${findings.length} thing${findings.length === 1 ? '' : 's'} devslot cannot move or that every slot shares (see \`devslot check ${slot}\`):`];
  for (const f of findings.slice(0, max)) lines.push(`  ${KIND_TITLE[f.kind]}: ${f.file}: ${f.key}`);
  if (findings.length > max) lines.push(`  … and ${findings.length - max} more`);
  return lines.map((l, i) => (i === 0 ? paint(io, 'yellow', l) : l));
}

function clip(v: string): string {
  const one = v.replace(/\s+/g, ' ');
  return one.length > 120 ? `${one.slice(0, 117)}…` : one;
}
