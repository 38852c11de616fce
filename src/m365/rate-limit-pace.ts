// Pacing on what Exchange says is left of the tenant's budget, before a 429 arrives. Exchange may
// answer with `Rate-Limit-Limit`, `Rate-Limit-Remaining` and `Rate-Limit-Reset` (GreyCorbel/ExoHelper
// Invoke-ExoCommand.ps1 reads Rate-Limit-Remaining and Rate-Limit-Reset for -ShowRateLimits; a Go
// client's parseRateLimit; shared/reference/notes/exo.md §1.8). graph2otel saw none at ≤ 1 request
// a second, so their absence changes nothing. The unit of Reset is published nowhere: a small number
// is read as seconds from now (the IETF RateLimit fields' delta-seconds, fractions allowed), a large
// one as a Unix time, anything else as an HTTP date.
//
// One pace per tenant per process, like the in-flight limit (adaptive-concurrency.ts): a request that
// would spend more cmdlets than are left waits for the reset instead of being refused.
import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';
import { sleep } from './retry-delay';

/** Above this, Rate-Limit-Reset is a Unix time in seconds rather than seconds from now. */
const UNIX_TIME_FROM = 1_000_000_000;
/** Never wait longer than this on a header's word (a wrong clock must not stall a report). */
const LONGEST_WAIT_MS = 60_000;

export class RateLimitPace {
  private remaining: number | null = null;
  private resetAt = 0;
  /** For benches and logs. */
  readonly counts = { waits: 0, waitedMs: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  /** Reads the budget headers of an answer; an answer without them leaves what is known. */
  observe(header: (name: string) => string | undefined | null): void {
    const remaining = Number(header('rate-limit-remaining'));
    const reset = readReset(header('rate-limit-reset'), this.now());
    if (header('rate-limit-remaining') == null || !Number.isFinite(remaining) || reset === null) return;
    this.remaining = Math.max(0, Math.floor(remaining));
    this.resetAt = reset;
  }

  /** Waits until `cost` cmdlets may be spent, then counts them as spent. */
  async spend(cost: number, signal?: AbortSignal | null): Promise<void> {
    const now = this.now();
    if (this.remaining === null || now >= this.resetAt) {
      // Nothing known, or the window has passed: send, and learn again from the answer.
      this.remaining = null;
      return;
    }
    if (this.remaining >= cost) {
      this.remaining -= cost;
      return;
    }
    const waitMs = Math.min(LONGEST_WAIT_MS, this.resetAt - now);
    this.counts.waits++;
    this.counts.waitedMs += waitMs;
    await sleep(waitMs, signal);
    // The window has reset (a timer may fire a millisecond early): send, and learn again.
    this.remaining = null;
  }
}

function readReset(raw: string | undefined | null, now: number): number | null {
  const text = raw?.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    return n >= UNIX_TIME_FROM ? n * 1000 : now + n * 1000;
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : date;
}

const byTenant = new Map<string, RateLimitPace>();

/** The one pace of this tenant's Exchange in this process. */
export function exchangePaceFor(endpoint: string, tenantId: string): RateLimitPace {
  const key = `${new URL(endpoint).origin}|${tenantId.toLowerCase()}`;
  let found = byTenant.get(key);
  if (!found) {
    found = new RateLimitPace();
    byTenant.set(key, found);
  }
  return found;
}

/** Cmdlets a request spends: one, or one per item of a $batch. */
export function cmdletsIn(request: PipelineRequest): number {
  if (!/\/\$batch$/i.test(new URL(request.url).pathname) || typeof request.body !== 'string') return 1;
  try {
    const items = (JSON.parse(request.body) as { requests?: unknown[] }).requests;
    return Array.isArray(items) && items.length > 0 ? items.length : 1;
  } catch {
    return 1;
  }
}

export const rateLimitPacePolicyName = 'rateLimitPacePolicy';

/** Waits for the budget before each attempt goes on the wire, and reads what the answer says is left. */
export function rateLimitPacePolicy(pace: RateLimitPace): PipelinePolicy {
  return {
    name: rateLimitPacePolicyName,
    async sendRequest(request, next) {
      await pace.spend(cmdletsIn(request), request.abortSignal as AbortSignal | undefined);
      const response = await next(request);
      pace.observe((n) => response.headers.get(n));
      return response;
    },
  };
}
