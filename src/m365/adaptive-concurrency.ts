// How many Exchange requests the bot keeps in flight for a tenant, found at run time under a
// ceiling. Microsoft publishes no concurrency or rate figure for the admin REST gateway
// (graph2otel: "There is no published req/min figure for adminapi
// InvokeCommand"), and Exchange answers too much with 429 — for the whole request, or for single
// items inside a $batch answer. So the limit is found the way TCP finds a path's capacity (AIMD):
// start at one; while answers are clean, double per round trip until the first throttling ("slow
// start"), then grow by one per round trip; on a 429 shrink to three quarters, once per round trip
// (429s of requests sent before the last cut are the same event). The throttled request itself
// waits its Retry-After (retry-policy.ts, batch-retry.ts).
//
// The budget is the tenant's, not the bot's: Exchange counts concurrent requests per tenant ("You
// have reached the maximum number of concurrent requests per tenant", GreyCorbel/ExoHelper
// Invoke-ExoCommand.ps1) and shares them with every admin's PowerShell session and every other
// tool. Every public client sends one request (or one $batch of 10) at a time — the module,
// ScubaGear EXORestHelper.psm1, CIPP-API New-ExoBulkRequest.ps1 (a foreach over batches) — and
// the only published figure is remote PowerShell's 3 concurrent per user (its throttling policy's
// PowerShellMaxConcurrency). So the search never goes above DEFAULT_EXCHANGE_CEILING = 3 unless the operator
// raises it (EXCHANGE_MAX_IN_FLIGHT, docs/exchange-online.md §5).
//
// One limit per tenant per bot process: every report, alert cycle and lookup of that tenant queues
// here, first come first served, so fifty admins asking at once share one budget instead of each
// assuming the whole of it.
import type { PipelinePolicy, PipelineResponse } from '@azure/core-rest-pipeline';
import { abortReason } from './retry-delay';
import { waitInLine } from './wait-in-line';
import { isThrottlingAnswer } from './service-error';

export interface AdaptiveSettings {
  /** Where the search starts (the module's one). */
  initial: number;
  /** Never more than this many in flight, however clean the answers (a report holds this many batches). */
  max: number;
  /** The cut on throttling: the new limit is this share of the old one. */
  decrease: number;
}

/** Requests in flight per tenant the bot allows itself by default (see the top of this file). */
export const DEFAULT_EXCHANGE_CEILING = 3;
/** The most EXCHANGE_MAX_IN_FLIGHT may ask for: the legacy remote PowerShell policy's 9 per tenant. */
export const MAX_EXCHANGE_CEILING = 9;

/**
 * After a 429 at n in flight, the limit stays below n this long before it tries n again: the
 * refused requests were other admins' budget too, and a tenant whose limit is below the ceiling
 * would otherwise be probed (and refuse) every other round trip. [ASSUMED]: half the module's minute.
 */
export const PROBE_AGAIN_AFTER_MS = 30_000;

export const EXCHANGE_CONCURRENCY: AdaptiveSettings = { initial: 1, max: DEFAULT_EXCHANGE_CEILING, decrease: 0.75 };

export type Outcome = 'clean' | 'throttled' | 'other';

interface Ticket {
  epoch: number;
}

export class AdaptiveConcurrency {
  private limit: number;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Bumped at every cut: answers to requests sent before it say nothing new. */
  private epoch = 0;
  private slowStart = true;
  private lastProgress = 0;
  /** For benches and logs. */
  readonly counts = { clean: 0, throttled: 0, cuts: 0, peakInFlight: 0 };

  private ceiling: number;
  /** Until holdUntil, the limit stays below holdBelow (the number in flight when the tenant refused). */
  private holdBelow = Infinity;
  private holdUntil = 0;

  constructor(
    readonly settings: AdaptiveSettings = EXCHANGE_CONCURRENCY,
    private readonly now: () => number = Date.now,
  ) {
    this.limit = settings.initial;
    this.ceiling = settings.max;
  }

  /** A new ceiling (the operator's setting); the limit found so far never exceeds it. */
  setCeiling(ceiling: number): void {
    this.ceiling = ceiling;
    this.limit = Math.min(this.limit, ceiling);
    this.wake();
  }

  /** Requests that may be in flight now. */
  get current(): number {
    return Math.max(1, Math.floor(this.limit));
  }

  get inFlight(): number {
    return this.active;
  }

  get max(): number {
    return this.ceiling;
  }

  /** When a request last got a clean answer (0 = never): retries of others wait on while the tenant makes progress. */
  get lastProgressAt(): number {
    return this.lastProgress;
  }

  async run<T>(task: () => Promise<T>, classify: (result: T) => Outcome, signal?: AbortSignal | null): Promise<T> {
    const ticket = await this.acquire(signal);
    let outcome: Outcome = 'other';
    try {
      const result = await task();
      outcome = classify(result);
      return result;
    } finally {
      this.release(ticket, outcome);
    }
  }

  private acquire(signal?: AbortSignal | null): Promise<Ticket> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.active < this.current && this.waiting.length === 0) {
      this.enter();
      return Promise.resolve({ epoch: this.epoch });
    }
    return waitInLine(this.waiting, signal, () => {
      this.enter();
      return { epoch: this.epoch };
    });
  }

  private enter(): void {
    this.active++;
    this.counts.peakInFlight = Math.max(this.counts.peakInFlight, this.active);
  }

  private release(ticket: Ticket, outcome: Outcome): void {
    // The window was full if this request was one of `current` in flight: only then has the limit
    // been tested, so only then may it grow (an idle tenant does not earn a larger burst).
    const wasFull = this.active >= this.current;
    this.active--;
    if (outcome === 'clean') {
      this.counts.clean++;
      this.lastProgress = this.now();
      if (wasFull) {
        const cap = this.now() < this.holdUntil ? Math.max(1, this.holdBelow - 0.001) : this.ceiling;
        this.limit = Math.max(this.limit, Math.min(cap, this.ceiling, this.limit + (this.slowStart ? 1 : 1 / this.limit)));
      }
    } else if (outcome === 'throttled') {
      this.counts.throttled++;
      this.cut(ticket.epoch);
    }
    this.wake();
  }

  private cut(epoch: number): void {
    if (epoch !== this.epoch) return;
    this.epoch++;
    this.slowStart = false;
    this.counts.cuts++;
    this.holdBelow = this.current;
    this.holdUntil = this.now() + PROBE_AGAIN_AFTER_MS;
    this.limit = Math.max(1, this.limit * this.settings.decrease);
  }

  private wake(): void {
    while (this.active < this.current && this.waiting.length > 0) this.waiting.shift()!();
  }
}

const byTenant = new Map<string, AdaptiveConcurrency>();

/** The one limit of this tenant's Exchange in this process; `ceiling` (default 3) caps it. */
export function exchangeConcurrencyFor(endpoint: string, tenantId: string, ceiling = DEFAULT_EXCHANGE_CEILING): AdaptiveConcurrency {
  const key = `${new URL(endpoint).origin}|${tenantId.toLowerCase()}`;
  let found = byTenant.get(key);
  if (!found) {
    found = new AdaptiveConcurrency();
    byTenant.set(key, found);
  }
  if (found.max !== ceiling) found.setCeiling(ceiling);
  return found;
}

export const adaptiveConcurrencyPolicyName = 'adaptiveConcurrencyPolicy';

/** Holds one slot for each attempt on the wire (not while a retry waits) and tells the limit how it went. */
export function adaptiveConcurrencyPolicy(limit: AdaptiveConcurrency): PipelinePolicy {
  return {
    name: adaptiveConcurrencyPolicyName,
    sendRequest: (request, next) => limit.run(() => next(request), outcomeOf, request.abortSignal as AbortSignal | undefined),
  };
}

function outcomeOf(response: PipelineResponse): Outcome {
  if (isThrottlingAnswer(response.status, response.bodyAsText)) return 'throttled';
  if (response.status >= 200 && response.status < 300) {
    // A $batch answers 200 with throttled items inside (each item has its own status, OData JSON
    // batch format); those say the tenant is at its limit just as a whole 429 does. No public
    // client found reads them: CIPP-API New-ExoBulkRequest.ps1 reads only each item's body and
    // turns its `error` into a value, never its status, and retries nothing.
    if (/\/\$batch$/i.test(new URL(response.request.url).pathname) && batchHasThrottledItem(response.bodyAsText)) return 'throttled';
    return 'clean';
  }
  return 'other';
}

function batchHasThrottledItem(body: string | null | undefined): boolean {
  if (!body || !body.includes('429')) return false;
  try {
    const parsed = JSON.parse(body.replace(/^\uFEFF/, '')) as { responses?: { status?: unknown }[] };
    return (parsed.responses ?? []).some((r) => Number(r.status) === 429);
  } catch {
    return false;
  }
}
