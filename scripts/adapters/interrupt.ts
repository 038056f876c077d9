import { InterruptedError } from '../errors.js';

/**
 * The command's first Ctrl-C or SIGTERM, for the engine calls, which take no signal parameter: a
 * call under way when it comes ends at once instead of holding the interrupt for its whole bound
 * (15 s on a frozen engine). Calls begun after it run as usual: the undo that follows needs them.
 */
let current: AbortSignal | undefined;

export function setCommandInterrupt(signal: AbortSignal | undefined): void {
  current = signal;
}

/** Whether the command's Ctrl-C (or SIGTERM) has come: a failure seen after it is the interrupt's. */
export function interruptedNow(): boolean {
  return !!current?.aborted;
}

export function endsOnInterrupt<T>(work: Promise<T>, what: string): Promise<T> {
  const s = current;
  if (!s || s.aborted) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new InterruptedError(`interrupted while waiting for the engine to ${what}`));
    s.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        s.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        s.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
