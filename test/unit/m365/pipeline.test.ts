// The retry policy, the per-attempt deadline and the concurrency cap, exercised through a real
// core-rest-pipeline whose transport is a small fake function.
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createServicePipeline, type ServicePipelineOptions } from '../../../src/m365/pipeline';
import type { RetryInfo } from '../../../src/m365/retry-policy';
import { ServiceError } from '../../../src/m365/service-error';

const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 'tok', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

type Answer = { status: number; headers?: Record<string, string>; body?: string } | Error;

function fakeService(answers: Answer[] | ((req: PipelineRequest, n: number) => Promise<Answer> | Answer)) {
  const seen: PipelineRequest[] = [];
  const client: HttpClient = {
    async sendRequest(request): Promise<PipelineResponse> {
      seen.push(request);
      const n = seen.length - 1;
      const a = typeof answers === 'function' ? await answers(request, n) : answers[Math.min(n, answers.length - 1)];
      if (a instanceof Error) throw a;
      return { request, status: a.status, headers: createHttpHeaders(a.headers), bodyAsText: a.body ?? '' };
    },
  };
  return { client, seen };
}

function pipelineWith(client: HttpClient, extra: Partial<ServicePipelineOptions> = {}) {
  const retries: RetryInfo[] = [];
  const pipeline = createServicePipeline({
    service: 'exchange',
    credential,
    scope: 'https://outlook.office365.com/.default',
    maxInFlight: 4,
    timeoutMs: 2000,
    maxRetries: 4,
    baseDelayMs: 1,
    maxDelayMs: 5,
    onRetry: (i) => retries.push(i),
    httpClient: client,
    ...extra,
  });
  return { pipeline, retries };
}

const url = 'https://outlook.office365.com/adminapi/beta/t/InvokeCommand';
const netError = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('service pipeline', () => {
  it('sends the bearer token and a client-request-id', async () => {
    const { client, seen } = fakeService([{ status: 200, body: '{}' }]);
    const { pipeline } = pipelineWith(client);
    await pipeline.send({ method: 'POST', url, body: { a: 1 } });
    expect(seen[0].headers.get('authorization')).toBe('Bearer tok');
    expect(seen[0].headers.get('client-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0].headers.get('content-type')).toBe('application/json');
    expect(seen[0].body).toBe('{"a":1}');
  });

  it('never sends the token over plain http', async () => {
    const { client, seen } = fakeService([{ status: 200 }]);
    const { pipeline } = pipelineWith(client);
    await expect(pipeline.send({ method: 'GET', url: 'http://outlook.office365.com/x' })).rejects.toThrow(/https|TLS/i);
    expect(seen).toHaveLength(0);
  });

  it('retries 429 after Retry-After (fractional seconds) and then succeeds', async () => {
    const { client, seen } = fakeService([
      { status: 429, headers: { 'Retry-After': '0.02' } },
      { status: 200, body: '{"value":[]}' },
    ]);
    const { pipeline, retries } = pipelineWith(client);
    const res = await pipeline.send({ method: 'POST', url });
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(retries).toEqual([
      expect.objectContaining({ service: 'exchange', retry: 1, delayMs: 20, status: 429, path: '/adminapi/beta/t/InvokeCommand' }),
    ]);
  });

  it('retries 502, 503, 504 and dropped connections, with one retry policy only', async () => {
    const { client, seen } = fakeService([
      { status: 502 },
      { status: 503 },
      netError('ECONNRESET', 'socket hang up'),
      { status: 504 },
      { status: 200 },
    ]);
    const { pipeline, retries } = pipelineWith(client);
    await expect(pipeline.send({ method: 'GET', url })).resolves.toMatchObject({ status: 200 });
    expect(seen).toHaveLength(5);
    expect(retries.map((r) => r.status ?? r.code)).toEqual([502, 503, 'ECONNRESET', 504]);
  });

  it('gives up after maxRetries with a retryable ServiceError carrying the last answer', async () => {
    const { client, seen } = fakeService([
      { status: 503, body: JSON.stringify({ error: { code: 'ServiceUnavailable', message: 'busy' } }) },
    ]);
    const { pipeline } = pipelineWith(client, { maxRetries: 2 });
    const err = await pipeline.send({ method: 'GET', url }).catch((e) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ service: 'exchange', status: 503, retryable: true });
    expect(err.serviceMessage).toContain('busy');
    expect(seen).toHaveLength(3);
  });

  it('gives up at once when Retry-After would exceed the time budget', async () => {
    const { client, seen } = fakeService([{ status: 429, headers: { 'Retry-After': '3600' } }]);
    const { pipeline, retries } = pipelineWith(client, { retryBudgetMs: 10_000 });
    await expect(pipeline.send({ method: 'GET', url })).rejects.toMatchObject({ status: 429 });
    expect(seen).toHaveLength(1);
    expect(retries).toHaveLength(0);
  });

  it('does not retry client errors and reports them as ServiceError', async () => {
    const { client, seen } = fakeService([{ status: 401, body: '' }]);
    const { pipeline } = pipelineWith(client);
    await expect(pipeline.send({ method: 'GET', url })).rejects.toMatchObject({ status: 401, code: 'Unauthorized' });
    expect(seen).toHaveLength(1);
  });

  it('gives a network failure that persists a status of 0 and its code', async () => {
    const { client } = fakeService([netError('ECONNRESET')]);
    const { pipeline } = pipelineWith(client, { maxRetries: 1 });
    await expect(pipeline.send({ method: 'GET', url })).rejects.toMatchObject({ status: 0, code: 'ECONNRESET', retryable: true });
  });

  it('does not retry errors that are not transient (a refused connection is a setup problem)', async () => {
    const { client, seen } = fakeService([netError('ECONNREFUSED')]);
    const { pipeline } = pipelineWith(client);
    await expect(pipeline.send({ method: 'GET', url })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(seen).toHaveLength(1);
  });

  it('times out a silent attempt and retries it', async () => {
    const { client, seen } = fakeService((req, n) =>
      n === 0
        ? new Promise<Answer>((_, reject) =>
            req.abortSignal!.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))),
          )
        : { status: 200 },
    );
    const { pipeline, retries } = pipelineWith(client, { timeoutMs: 30 });
    await expect(pipeline.send({ method: 'GET', url })).resolves.toMatchObject({ status: 200 });
    expect(seen).toHaveLength(2);
    expect(retries[0].code).toBe('ETIMEDOUT');
  });

  it('stops when the caller aborts, without retrying', async () => {
    const controller = new AbortController();
    const { client, seen } = fakeService((req) => {
      controller.abort();
      // Like the real transport: an already aborted signal fails the request at once.
      if (req.abortSignal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      return { status: 200 };
    });
    const { pipeline, retries } = pipelineWith(client);
    await expect(pipeline.send({ method: 'GET', url, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(1);
    expect(retries).toHaveLength(0);
  });

  it('keeps at most maxInFlight requests on the wire; the rest wait', async () => {
    let inFlight = 0;
    let peak = 0;
    const { client, seen } = fakeService(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return { status: 200 };
    });
    const { pipeline } = pipelineWith(client, { maxInFlight: 3 });
    await Promise.all(Array.from({ length: 12 }, () => pipeline.send({ method: 'GET', url })));
    expect(seen).toHaveLength(12);
    expect(peak).toBe(3);
  });

  it('sends without the token when asked (pre-signed downloads)', async () => {
    const { client, seen } = fakeService([{ status: 200, body: 'a,b' }]);
    const { pipeline } = pipelineWith(client);
    await pipeline.sendWithoutToken({ method: 'GET', url: 'https://reports.office.com/data/download/x' });
    expect(seen[0].headers.has('authorization')).toBe(false);
  });

  it('turns a token failure into an identity ServiceError, not retried', async () => {
    const failing: TokenCredential = {
      getToken: async () => {
        throw Object.assign(
          new Error('ManagedIdentityCredential: Authentication failed. Message Unable to load the proper Managed Identity.'),
          { name: 'CredentialUnavailableError' },
        );
      },
    };
    const { client, seen } = fakeService([{ status: 200 }]);
    const { pipeline } = pipelineWith(client, { credential: failing });
    await expect(pipeline.send({ method: 'GET', url })).rejects.toMatchObject({ service: 'identity', code: 'CredentialUnavailableError' });
    expect(seen).toHaveLength(0);
  });
});
