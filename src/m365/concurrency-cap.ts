// At most N things of one kind at a time; the rest wait their turn, first come first served.
// Exchange publishes no rate limits, so a small fixed number of requests in flight per service is
// the only throttling we control ourselves.
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { abortReason } from './retry-delay';
import { waitInLine } from './wait-in-line';

export class ConcurrencyCap {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`a concurrency cap must be a whole number ≥ 1, got ${limit}`);
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal | null): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal | null): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return waitInLine(this.waiting, signal, () => {
      this.active++;
    });
  }

  private release(): void {
    this.active--;
    const next = this.waiting.shift();
    if (next) next();
  }
}

export const concurrencyCapPolicyName = 'concurrencyCapPolicy';

/** Holds one slot of the cap for each attempt on the wire (not while a retry waits). */
export function concurrencyCapPolicy(cap: ConcurrencyCap): PipelinePolicy {
  return {
    name: concurrencyCapPolicyName,
    sendRequest: (request, next) => cap.run(() => next(request), request.abortSignal as AbortSignal | undefined),
  };
}
