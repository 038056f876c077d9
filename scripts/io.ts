/** Where commands write. Passed in, so tests capture output and the CLI owns the real streams. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: start can redraw its progress there in place. */
  progressTTY: boolean;
  /** A person can answer a question: stdin and stderr are terminals. */
  interactive: boolean;
  color: boolean;
  /** Aborted when whoever reads stdout has gone (`devslot logs | head`): following ends quietly. */
  outputClosed?: AbortSignal;
}

export function bufferIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progressTTY: false, interactive: false, color: false };
}

export function paint(io: Io, code: 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan', text: string): string {
  if (!io.color) return text;
  const codes = { bold: [1, 22], dim: [2, 22], green: [32, 39], red: [31, 39], yellow: [33, 39], cyan: [36, 39] } as const;
  const [a, b] = codes[code];
  return `\u001b[${a}m${text}\u001b[${b}m`;
}
