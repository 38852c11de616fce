// The ExchangeOnlineManagement module's wire habits the bot copies: 408 retried, a 401 sent again
// with a fresh token as often as the module does, pacing on Rate-Limit headers, per-mailbox routing
// and the tenant's own host found once. Real core-rest-pipeline; the transport is a small fake.
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { ExchangeClient, routingHint } from '../../../src/m365/exchange-client';
import { createServicePipeline, type ServicePipelineOptions } from '../../../src/m365/pipeline';
import { RateLimitPace } from '../../../src/m365/rate-limit-pace';

type Answer = { status: number; headers?: Record<string, string>; body?: string };

function transport(answer: (req: PipelineRequest, n: number) => Answer) {
  const seen: PipelineRequest[] = [];
  /** The Authorization each send carried (the request object is reused across resends). */
  const tokens: (string | undefined)[] = [];
  const client: HttpClient = {
    async sendRequest(request): Promise<PipelineResponse> {
      seen.push(request);
      tokens.push(request.headers.get('authorization'));
      const a = answer(request, seen.length - 1);
      return { request, status: a.status, headers: createHttpHeaders(a.headers), bodyAsText: a.body ?? '' };
    },
  };
  return { client, seen, tokens };
}

function countingCredential() {
  let asked = 0;
  const credential: TokenCredential & { asked: () => number } = {
    asked: () => asked,
    getToken: async (): Promise<AccessToken> => ({ token: `tok${++asked}`, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  return credential;
}

function exchangePipeline(client: HttpClient, extra: Partial<ServicePipelineOptions> = {}) {
  return createServicePipeline({
    service: 'exchange',
    credential: countingCredential(),
    scope: 'https://outlook.office365.com/.default',
    maxInFlight: 2,
    timeoutMs: 2000,
    maxRetries: 4,
    baseDelayMs: 1,
    maxDelayMs: 5,
    httpClient: client,
    ...extra,
  });
}

const url = 'https://outlook.office365.com/adminapi/beta/t/InvokeCommand';
const ok = { status: 200, body: '{"value":[]}' };

it('408 Request Timeout is retried, as ExoHelper does', async () => {
  const { client, seen } = transport((_r, n) => (n === 0 ? { status: 408, body: '' } : ok));
  await exchangePipeline(client).send({ method: 'POST', url, body: {} });
  expect(seen.length).toBe(2);
});

it('a 401 is sent again with a fresh token as often as the module does (6 sends), then is the answer', async () => {
  const credential = countingCredential();
  const { client, seen, tokens } = transport(() => ({ status: 401, headers: { 'WWW-Authenticate': 'Bearer realm=""' }, body: '' }));
  const pipeline = exchangePipeline(client, { credential, retryUnauthorizedOnce: true, unauthorizedRetries: 2 });
  await expect(pipeline.send({ method: 'POST', url, body: {} })).rejects.toMatchObject({ status: 401, retryable: false });
  // 1 + DefaultMaxRetryTimes 5: each of the retry policy's 3 attempts is resent once by the challenge callback.
  expect(seen.length).toBe(6);
  // Every resend carried a token asked of the credential again, not the policy's cached one.
  expect(new Set(tokens).size).toBeGreaterThanOrEqual(4);
  expect(credential.asked()).toBeGreaterThanOrEqual(4);
});

it('a 401 that clears on a fresh token is answered', async () => {
  const { client, seen } = transport((_r, n) => (n < 3 ? { status: 401, headers: { 'WWW-Authenticate': 'Bearer' }, body: '' } : ok));
  const pipeline = exchangePipeline(client, { retryUnauthorizedOnce: true, unauthorizedRetries: 2 });
  await pipeline.send({ method: 'POST', url, body: {} });
  expect(seen.length).toBe(4);
});

describe('pacing on Rate-Limit-Remaining and Rate-Limit-Reset', () => {
  it('waits for the reset when fewer cmdlets are left than a request spends, and not otherwise', async () => {
    let now = 1_000_000;
    const pace = new RateLimitPace(() => now);
    const headers: Record<string, string> = { 'rate-limit-remaining': '4', 'rate-limit-reset': '0.05' };
    pace.observe((n) => headers[n]);
    const started = Date.now();
    await pace.spend(3);
    expect(pace.counts.waits).toBe(0);
    // One left, ten wanted: wait until the reset (50 ms), then send.
    const waiting = pace.spend(10);
    now += 50;
    await waiting;
    expect(pace.counts.waits).toBe(1);
    expect(pace.counts.waitedMs).toBe(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });

  it('reads Reset as seconds, a Unix time or an HTTP date, and ignores answers without the headers', () => {
    const now = Date.parse('2026-12-06T05:00:00Z');
    const pace = new RateLimitPace(() => now);
    pace.observe(() => undefined);
    expect((pace as unknown as { remaining: number | null }).remaining).toBeNull();
    for (const reset of ['2', String(now / 1000 + 2), new Date(now + 2000).toUTCString()]) {
      pace.observe((n) => ({ 'rate-limit-remaining': '0', 'rate-limit-reset': reset })[n]);
      expect((pace as unknown as { resetAt: number }).resetAt).toBe(now + 2000);
    }
  });

  it('the pipeline learns the budget from one answer and holds the next request until the reset', async () => {
    const { client, seen } = transport(() => ({
      status: 200,
      headers: { 'Rate-Limit-Limit': '30', 'Rate-Limit-Remaining': '0', 'Rate-Limit-Reset': '0.2' },
      body: '{"value":[]}',
    }));
    const pace = new RateLimitPace();
    const pipeline = exchangePipeline(client, { pace });
    await pipeline.send({ method: 'POST', url, body: {} });
    const before = Date.now();
    await pipeline.send({ method: 'POST', url, body: {} });
    expect(Date.now() - before).toBeGreaterThanOrEqual(150);
    expect(pace.counts.waits).toBe(1);
    expect(seen.length).toBe(2);
  });
});

it('routes a single-mailbox cmdlet to the mailbox, as the module does', () => {
  expect(routingHint('adele@contoso.com', 'org')).toBe('SMTP:adele@contoso.com');
  expect(routingHint('5b8f1c2e-1111-4222-8333-944455556666', 'contoso.onmicrosoft.com')).toBe(
    'MBX:5b8f1c2e-1111-4222-8333-944455556666@contoso.onmicrosoft.com',
  );
  expect(routingHint('adele', 'org')).toBeNull();
  expect(routingHint(undefined, 'org')).toBeNull();
});

it('sends Get-MailboxStatistics items with their own anchor and parameter-based routing; the $batch keeps the system anchor', async () => {
  const { client, seen } = transport(() => ({
    status: 200,
    body: JSON.stringify({ responses: [{ id: '1', status: 200, body: { value: [] } }] }),
  }));
  const exchange = new ExchangeClient({ endpoint: 'https://outlook.office365.com', tenantId: 't', pipeline: exchangePipeline(client) });
  await exchange.getMailboxStatistics(['adele@contoso.com']);
  expect(seen[0].headers.get('x-anchormailbox')).toMatch(/^APP:SystemMailbox\{/);
  const item = (JSON.parse(String(seen[0].body)) as { requests: { headers: Record<string, string> }[] }).requests[0];
  expect(item.headers['X-AnchorMailbox']).toBe('SMTP:adele@contoso.com');
  expect(item.headers['parameter-based-routing']).toBe('true');
});

it("finds the tenant's own host once (GET EXOModuleFile, redirect not followed) and sends every cmdlet there", async () => {
  const tenant = '0c1d2e3f-4444-4555-8666-777788889999';
  const { client, seen } = transport((req) =>
    /EXOModuleFile$/.test(new URL(req.url).pathname)
      ? { status: 302, headers: { Location: `https://contoso1.outlook.office365.com/AdminApi/v1.0/${tenant}/EXOModuleFile` } }
      : ok,
  );
  const pipeline = exchangePipeline(client, { followRedirectsTo: (u) => u.hostname.endsWith('outlook.office365.com') });
  const options = { endpoint: 'https://outlook.office365.com', tenantId: tenant, pipeline, findHome: true };
  await new ExchangeClient(options).invokeCommandAll('Get-Mailbox', { ResultSize: 1 });
  // A second client of the same tenant (another report) does not ask again.
  await new ExchangeClient(options).invokeCommandAll('Get-Mailbox', { ResultSize: 1 });
  const sent = seen.map((r) => `${r.method} ${new URL(r.url).host}${new URL(r.url).pathname}`);
  expect(sent).toEqual([
    `GET outlook.office365.com/AdminApi/v1.0/${tenant}/EXOModuleFile`,
    `POST contoso1.outlook.office365.com/adminapi/beta/${tenant}/InvokeCommand`,
    `POST contoso1.outlook.office365.com/adminapi/beta/${tenant}/InvokeCommand`,
  ]);
  expect(seen[0].headers.get('x-anchormailbox')).toBe(`UPN:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${tenant}`);
});

it('a probe that fails keeps the configured host', async () => {
  const tenant = '1c1d2e3f-4444-4555-8666-777788889999';
  const { client, seen } = transport((req) => (/EXOModuleFile$/.test(req.url) ? { status: 404, body: '' } : ok));
  const exchange = new ExchangeClient({
    endpoint: 'https://outlook.office365.com',
    tenantId: tenant,
    pipeline: exchangePipeline(client),
    findHome: true,
  });
  await exchange.invokeCommandAll('Get-Mailbox', {});
  expect(new URL(seen[1].url).host).toBe('outlook.office365.com');
});

it('`mailbox <upn>` (Get-Mailbox -Identity) is routed to that mailbox; a query over many keeps the system anchor', async () => {
  const { client, seen } = transport(() => ok);
  const exchange = new ExchangeClient({ endpoint: 'https://outlook.office365.com', tenantId: 't', pipeline: exchangePipeline(client) });
  await exchange.getMailbox('adele@contoso.com');
  await exchange.getMailboxes({ recipientTypeDetails: ['SharedMailbox'] });
  expect(seen[0].headers.get('x-anchormailbox')).toBe('SMTP:adele@contoso.com');
  expect(seen[0].headers.get('parameter-based-routing')).toBe('true');
  expect(seen[1].headers.get('x-anchormailbox')).toBe('APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@t');
  expect(seen[1].headers.has('parameter-based-routing')).toBe(false);
});
