import type { Io } from '../io.js';
import { paint } from '../io.js';

/**
 * Per-service progress while `start` runs: redrawn in place on a TTY, one plain line per change
 * otherwise (and always on stderr, so stdout stays the summary or JSON).
 */
export class Progress {
  private readonly rows = new Map<string, string>();
  private drawn = 0;

  constructor(private readonly io: Io, private readonly live: boolean) {}

  /** A line of output (a hook step's) above the live picture, which is drawn again below it. */
  line(text: string): void {
    if (!this.live) return this.io.err(`${text}\n`);
    const up = this.drawn ? `\u001b[${this.drawn}A\u001b[J` : '';
    this.io.err(`${up}${text}\n`);
    this.drawn = 0;
    this.redraw();
  }

  update(name: string, kind: 'container' | 'process' | 'hook', state: string, detail = ''): void {
    const line = `${name.padEnd(18)} ${kind.padEnd(9)} ${this.color(state)}${detail && detail !== state ? ` ${paint(this.io, 'dim', `(${detail})`)}` : ''}`;
    if (this.rows.get(name) === line) return;
    this.rows.set(name, line);
    if (this.live) this.redraw();
    else this.io.err(`  ${name}: ${state}${detail && detail !== state ? ` (${detail})` : ''}\n`);
  }

  /** Leave the last picture on screen. */
  finish(): void {
    if (this.live) this.redraw();
    this.drawn = 0;
  }

  private redraw(): void {
    const up = this.drawn ? `\u001b[${this.drawn}A` : '';
    const body = [...this.rows.values()].map((l) => `\u001b[2K  ${l}\n`).join('');
    this.io.err(up + body);
    this.drawn = this.rows.size;
  }

  private color(state: string): string {
    if (state === 'healthy' || state === 'ready' || state === 'done' || state === 'online') return paint(this.io, 'green', state);
    if (state === 'failed' || state === 'timeout') return paint(this.io, 'red', state);
    return paint(this.io, 'yellow', state);
  }
}
