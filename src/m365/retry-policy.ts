// The one retry policy for Graph and Exchange: throttling (429) and transient failures (502, 503,
// 504, Exchange's named transient exceptions, dropped connections, timeouts) are sent again after
// Retry-After or a jittered backoff, until a retry count or a time budget runs out; then the call
// fails with a ServiceError. The budget is time without progress: while other requests to the same
// tenant get answers (`progress`), a throttled one keeps its place instead of giving up, so a
// report's deadline follows its progress; a service that answers nobody is given up on in budgetMs.
// Throttling is bounded by that budget alone, not by the retry count. A timed-out attempt is sent
// once more whatever the budget: its deadline is longer than the budget, and one slow answer is
// no proof the next will be.
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { DEFAULT_BACKOFF, parseRetryAfter, retryDelay, sleep, type BackoffSettings } from './retry-delay';
import { AttemptTimeoutError } from './attempt-timeout';
import { isThrottlingAnswer, isTransientAnswer, ServiceError, serviceErrorFromResponse, type ServiceName } from './service-error';

export interface RetrySettings extends BackoffSettings {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** No retry is started that would end after this long since the first attempt began. */
  budgetMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { ...DEFAULT_BACKOFF, maxRetries: 5, budgetMs: 120_000 };

export interface RetryInfo {
  service: ServiceName;
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  status?: number;
  code?: string;
  method: string;
  /** Path only: queries may carry page tokens. */
  path: string;
  /** True for a retry of requests inside a $batch. */
  inner?: boolean;
}

export interface RetryPolicyOptions extends RetrySettings {
  service: ServiceName;
  /** How many times a 401 is sent again (default 0: the bearer policy's own fresh-token resend only). */
  unauthorizedRetries?: number;
  onRetry?: (info: RetryInfo) => void;
  /** When the service last answered anyone cleanly (epoch ms); the budget counts from then if later. */
  progress?: () => number;
  random?: () => number;
  now?: () => number;
}

export const serviceRetryPolicyName = 'serviceRetryPolicy';

/** A last try at the budget's end is made only if at least this much of it is left. */
const LAST_TRY_MIN_MS = 250;

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AggregateAuthenticationError',
  'AuthenticationRequiredError',
]);

/** A failure with no HTTP answer that is worth another try. */
export function isTransientNetworkError(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof err.code === 'string' && TRANSIENT_CODES.has(err.code)) return true;
  return typeof err.message === 'string' && /socket hang up|ECONNRESET|network socket disconnected/i.test(err.message);
}

/** Token failures from @azure/identity become ServiceErrors of the 'identity' service. */
export function identityError(e: unknown): ServiceError | null {
  if (!e || typeof e !== 'object') return null;
  const err = e as { name?: string; message?: string; statusCode?: number };
  if (!err.name || !CREDENTIAL_ERRORS.has(err.name)) return null;
  return new ServiceError(
    {
      service: 'identity',
      status: typeof err.statusCode === 'number' ? err.statusCode : 0,
      code: err.name,
      serviceMessage: err.message ?? '',
    },
    { cause: e },
  );
}

export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0];
  }
}

/** Time spent without progress, since `started`. */
export function stalledFor(started: number, now: number, progress?: () => number): number {
  return now - Math.max(started, progress?.() ?? 0);
}

export function serviceRetryPolicy(options: RetryPolicyOptions): PipelinePolicy {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  return {
    name: serviceRetryPolicyName,
    async sendRequest(request: PipelineRequest, next) {
      const started = now();
      let failures = 0;
      let throttles = 0;
      let timeouts = 0;
      let unauthorized = 0;
      for (let attempt = 0; ; attempt++) {
        let response: PipelineResponse | undefined;
        let failure: unknown;
        try {
          response = await next(request);
        } catch (e) {
          if (request.abortSignal?.aborted) throw e;
          const identity = identityError(e);
          if (identity) throw identity;
          if (!isTransientNetworkError(e)) throw e;
          failure = e;
        }
        const retryUnauthorized = response?.status === 401 && unauthorized++ < (options.unauthorizedRetries ?? 0);
        if (response && !retryUnauthorized && !isTransientAnswer(response.status, response.bodyAsText)) return response;

        const throttled = !!response && isThrottlingAnswer(response.status, response.bodyAsText);
        if (!throttled) failures++;
        const timedOut = failure instanceof AttemptTimeoutError && ++timeouts === 1;
        const retryAfter = response ? parseRetryAfter((n) => response!.headers.get(n), now()) : null;
        let delayMs = retryDelay(throttled ? throttles++ : failures - 1, retryAfter, options, random);
        const outOfRetries = failures > options.maxRetries;
        // A backoff of our own that would overshoot the budget is cut to its end, so the last try
        // comes when patience runs out rather than some random while before (the jitter).
        const left = options.budgetMs - stalledFor(started, now(), options.progress);
        if (retryAfter === null && delayMs > left && left >= LAST_TRY_MIN_MS) delayMs = left;
        const outOfTime = options.budgetMs - left + delayMs > options.budgetMs;
        if (!timedOut && (outOfRetries || outOfTime)) throw givingUp(options.service, request, response, failure, attempt);

        options.onRetry?.({
          service: options.service,
          retry: attempt + 1,
          delayMs,
          status: response?.status,
          code: response ? undefined : (failure as { code?: string }).code,
          method: request.method,
          path: pathOf(request.url),
        });
        await sleep(delayMs, request.abortSignal as AbortSignal | undefined);
      }
    },
  };
}

function givingUp(
  service: ServiceName,
  request: PipelineRequest,
  response: PipelineResponse | undefined,
  failure: unknown,
  retries: number,
): ServiceError {
  if (response) {
    const e = serviceErrorFromResponse(
      service,
      { status: response.status, bodyText: response.bodyAsText, header: (n) => response.headers.get(n) },
      request,
    );
    return new ServiceError({
      ...e,
      serviceMessage: `${e.serviceMessage} (gave up after ${retries} retries)`.trim(),
      retryable: response.status !== 401,
    });
  }
  const err = failure as { code?: string; message?: string };
  return new ServiceError(
    {
      service,
      status: 0,
      code: err.code ?? 'NetworkError',
      serviceMessage: `${err.message ?? 'no answer'} (gave up after ${retries} retries)`,
      retryable: true,
      method: request.method,
      path: pathOf(request.url),
    },
    { cause: failure },
  );
}
