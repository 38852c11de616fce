// A place in a first-come-first-served line that an abort signal can take back: both concurrency
// limits (the fixed cap and the adaptive window) queue the same way and differ only in when a
// waiter may go.
import { abortReason } from './retry-delay';

/** Waits in `line` until the owner calls the waiter; `enter` runs at that moment and gives the result. */
export function waitInLine<T>(line: (() => void)[], signal: AbortSignal | null | undefined, enter: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    const grant = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(enter());
    };
    const onAbort = () => {
      const i = line.indexOf(grant);
      if (i >= 0) line.splice(i, 1);
      reject(abortReason(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    line.push(grant);
  });
}
