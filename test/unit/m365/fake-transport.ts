// A fake transport for client tests: answers by a function of the request, records every request.
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createServicePipeline, type ServicePipeline } from '../../../src/m365/pipeline';
import type { RetryInfo } from '../../../src/m365/retry-policy';

export type FakeAnswer = { status: number; headers?: Record<string, string>; body?: unknown };

/** A cmdlet's failure as the Exchange admin REST API words it: the exception in the first detail's message. */
export function cmdletError(status: number, code: string, detail: string): FakeAnswer & { body: unknown } {
  return { status, body: { error: { code, message: 'Error executing cmdlet', details: [{ message: detail }] } } };
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 'tok', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

export function fakePipeline(
  service: 'graph' | 'exchange',
  answer: (req: SeenRequest, n: number) => FakeAnswer | Promise<FakeAnswer>,
  maxInFlight = 2,
): { pipeline: ServicePipeline; seen: SeenRequest[]; retries: RetryInfo[] } {
  const seen: SeenRequest[] = [];
  const retries: RetryInfo[] = [];
  const client: HttpClient = {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const headers: Record<string, string> = {};
      for (const [k, v] of request.headers) headers[k.toLowerCase()] = v;
      const req = {
        method: request.method,
        url: request.url,
        headers,
        body: typeof request.body === 'string' ? JSON.parse(request.body) : undefined,
      };
      seen.push(req);
      const a = await answer(req, seen.length - 1);
      const body = typeof a.body === 'string' ? a.body : a.body === undefined ? '' : JSON.stringify(a.body);
      return { request, status: a.status, headers: createHttpHeaders(a.headers), bodyAsText: body };
    },
  };
  const pipeline = createServicePipeline({
    service,
    credential,
    scope: 'https://example/.default',
    maxInFlight,
    timeoutMs: 5000,
    maxRetries: 3,
    baseDelayMs: 1,
    maxDelayMs: 5,
    onRetry: (i) => retries.push(i),
    httpClient: client,
  });
  return { pipeline, seen, retries };
}
