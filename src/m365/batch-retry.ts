// A $batch answers 200 even when requests inside it were throttled; those come back one by one as
// 429 (or 503, or an error naming a transient Exchange exception) with their own Retry-After. This
// sends only those again, in a new batch, after the longest wait any of them asked for, within the
// same rules as a single call (retry-policy.ts): throttling is bounded by time without progress,
// other failures also by the retry count.
import { parseRetryAfter, retryDelay, sleep } from './retry-delay';
import { stalledFor, type RetryInfo, type RetrySettings } from './retry-policy';
import { isThrottlingAnswer, isTransientAnswer, lowerKeys, type ServiceName } from './service-error';

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
  /** When the service last answered anyone cleanly (see retry-policy.ts). */
  progress?: () => number;
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
  let failures = 0;
  for (let attempt = 0; ; attempt++) {
    const got = await send(pending.map((i) => items[i]));
    const again: number[] = [];
    let wait: number | null = null;
    let onlyThrottled = true;
    pending.forEach((itemIndex, k) => {
      const answer = got[k];
      answers[itemIndex] = answer;
      const bodyText = typeof answer.body === 'string' ? answer.body : answer.body == null ? '' : JSON.stringify(answer.body);
      if (isTransientAnswer(answer.status, bodyText)) {
        again.push(itemIndex);
        if (!isThrottlingAnswer(answer.status, bodyText)) onlyThrottled = false;
        const headers = lowerKeys(answer.headers);
        const asked = parseRetryAfter((n) => headers[n]);
        if (asked !== null) wait = Math.max(wait ?? 0, asked);
      }
    });
    if (again.length === 0) break;
    if (!onlyThrottled) failures++;
    const delayMs = retryDelay(Math.min(attempt, failures), wait, options.retry, options.random);
    const outOfTime = stalledFor(started, Date.now(), options.progress) + delayMs > options.retry.budgetMs;
    if (failures > options.retry.maxRetries || outOfTime) break;
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
