// A deadline for each attempt, covering the whole answer (the HTTP client's own timeout stops at the
// headers). A timed-out attempt fails with code ETIMEDOUT so the retry policy sends it again; the
// caller's own abort stays an AbortError and is never retried.
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export const attemptTimeoutPolicyName = 'attemptTimeoutPolicy';

export class AttemptTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(timeoutMs: number, url: string) {
    super(`no answer within ${timeoutMs} ms from ${safeOrigin(url)}`);
    this.name = 'AttemptTimeoutError';
  }
}

export function attemptTimeoutPolicy(timeoutMs: number): PipelinePolicy {
  return {
    name: attemptTimeoutPolicyName,
    async sendRequest(request, next) {
      if (!(timeoutMs > 0)) return next(request);
      const callerSignal = request.abortSignal;
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const onCallerAbort = () => controller.abort();
      if (callerSignal?.aborted) controller.abort();
      callerSignal?.addEventListener('abort', onCallerAbort);
      request.abortSignal = controller.signal;
      try {
        return await next(request);
      } catch (e) {
        if (timedOut && !callerSignal?.aborted) throw new AttemptTimeoutError(timeoutMs, request.url);
        throw e;
      } finally {
        clearTimeout(timer);
        callerSignal?.removeEventListener('abort', onCallerAbort);
        request.abortSignal = callerSignal;
      }
    },
  };
}

function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return u.origin + u.pathname;
  } catch {
    return 'the service';
  }
}
