// A $batch answers 200 even when requests inside it were throttled; those come back one by one as
// 429 (or 503) with their own Retry-After. This sends only those again, in a new batch, after the
// longest wait any of them asked for, within the same retry count and time budget as a single call.
import { parseRetryAfter, retryDelay, sleep } from './retry-delay';
import type { RetryInfo, RetrySettings } from './retry-policy';
import { lowerKeys, RETRYABLE_STATUSES, type ServiceName } from './service-error';

export interface BatchItemAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface InnerRetryOptions {
  service: ServiceName;
  retry: RetrySettings;
  onRetry?: (info: RetryInfo) => void;
  signal?: AbortSignal;
  /** Path of the $batch endpoint, for onRetry. */
  path: string;
  random?: () => number;
}

/** `send` answers for the items given, in their order. Returns one answer per item. */
export async function sendWithInnerRetries<T>(
  items: T[],
  send: (items: T[]) => Promise<BatchItemAnswer[]>,
  options: InnerRetryOptions,
): Promise<BatchItemAnswer[]> {
  const answers: (BatchItemAnswer | undefined)[] = new Array(items.length);
  let pending = items.map((_, i) => i);
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const got = await send(pending.map((i) => items[i]));
    const again: number[] = [];
    let wait: number | null = null;
    pending.forEach((itemIndex, k) => {
      const answer = got[k];
      answers[itemIndex] = answer;
      if (RETRYABLE_STATUSES.has(answer.status)) {
        again.push(itemIndex);
        const headers = lowerKeys(answer.headers);
        const asked = parseRetryAfter((n) => headers[n]);
        if (asked !== null) wait = Math.max(wait ?? 0, asked);
      }
    });
    if (again.length === 0) break;
    const delayMs = retryDelay(attempt, wait, options.retry, options.random);
    const outOfTime = Date.now() - started + delayMs > options.retry.budgetMs;
    if (attempt >= options.retry.maxRetries || outOfTime) break;
    options.onRetry?.({
      service: options.service,
      retry: attempt + 1,
      delayMs,
      status: answers[again[0]]!.status,
      method: 'POST',
      path: options.path,
      inner: true,
    });
    await sleep(delayMs, options.signal);
    pending = again;
  }
  return answers as BatchItemAnswer[];
}
