// How long to wait before sending a request again: what the service asked for (Retry-After), or
// exponential backoff with full jitter so many waiting callers do not come back at the same instant.

export interface BackoffSettings {
  /** First backoff step. */
  baseDelayMs: number;
  /** No backoff step is longer than this. A Retry-After is obeyed as given; the retry budget bounds it. */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * Reads Retry-After: seconds (Exchange sends fractions, e.g. "0.5") or an HTTP date.
 * Also reads the millisecond variants some Azure services send. Returns milliseconds, or null.
 */
export function parseRetryAfter(header: (name: string) => string | undefined | null, nowMs: number = Date.now()): number | null {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(header(name));
    if (header(name) && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const raw = header('retry-after')?.trim();
  if (!raw) return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  // An HTTP date names a weekday and a month; anything else (e.g. "-3") is nonsense, not a date.
  if (!/[a-z]/i.test(raw)) return null;
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

/** Full jitter: a uniform pick in [0, min(max, base·2^attempt)]. `attempt` counts from 0. */
export function backoffDelay(attempt: number, settings: BackoffSettings = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** The wait before retry number `attempt` (from 0): the service's Retry-After wins. */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | null,
  settings: BackoffSettings = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== null) return retryAfterMs;
  return backoffDelay(attempt, settings, random);
}

/** Waits, unless the caller gives up first (then rejects with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  if (r instanceof Error) return r;
  const e = new Error('The operation was aborted.');
  e.name = 'AbortError';
  return e;
}
