// The control API, injected faults, the request counters and the throttling model.
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { simulatorForFile } from '../../support/simulator';
import { ALICE, smallTenant } from './small-tenant';
import { control, freshTokenCredential, SimClient } from './sim-client';

let sim: RunningSimulator;
let client: SimClient;

simulatorForFile(smallTenant(), {}, (s) => ({ sim, client } = s));
afterEach(async () => {
  await control(sim.info, 'PUT', '/_sim/faults', { rules: [] });
});

describe('control API', () => {
  it('tells where everything is', async () => {
    const { status, json } = await control(sim.info, 'GET', '/_sim/info');
    expect(status).toBe(200);
    expect(json).toMatchObject({
      graph: sim.info.graph,
      exchange: sim.info.exchange,
      identityEndpoint: sim.info.identityEndpoint,
      identityHeader: sim.info.identityHeader,
      tenantId: sim.info.tenantId,
    });
    expect(json.caCertPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('PATCHes a user so that Exchange and Graph see the change', async () => {
    const patched = await control(sim.info, 'PATCH', '/_sim/users/alice@contoso.example', {
      displayName: 'Alice Zed',
      mailbox: { totalItemSizeBytes: 60000000000 },
    });
    expect(patched.status).toBe(200);
    const stats = (await client.exchange('Get-MailboxStatistics', { Identity: ALICE })).json().value[0];
    expect(stats.TotalItemSize).toBe('55.88 GB (60,000,000,000 bytes)');
    expect(stats.ItemCount).toBe(4321); // untouched fields stay
    expect((await client.graph(`/users/${ALICE}?$select=displayName`)).json().displayName).toBe('Alice Zed');
    expect((await control(sim.info, 'PATCH', '/_sim/users/ghost@contoso.example', { displayName: 'x' })).status).toBe(404);
    const bad = await fetch(`${sim.info.controlUrl}/_sim/users/${ALICE}`, { method: 'PATCH', body: '{not json' });
    expect(bad.status).toBe(400);
  });

  it('counts requests per API, path, status and cmdlet, and resets the counts', async () => {
    await control(sim.info, 'DELETE', '/_sim/requests');
    await client.graph('/users/ghost@contoso.example');
    await client.exchange('Get-Mailbox', { Identity: ALICE });
    await client.exchangeBatch(
      [1, 2].map((id) => ({
        id: String(id),
        method: 'POST',
        url: `${sim.info.exchange}/adminapi/beta/${sim.info.tenantId}/InvokeCommand`,
        body: { CmdletInput: { CmdletName: 'Get-MailboxStatistics', Parameters: { Identity: ALICE } } },
      })),
    );
    await freshTokenCredential(sim.info).getToken('https://graph.microsoft.com/.default');
    const { json } = await control(sim.info, 'GET', '/_sim/requests?reset=1');
    expect(json.apis.graph.paths['GET /v1.0/users/ghost@contoso.example']).toBe(1);
    expect(json.apis.graph.statuses['404']).toBe(1);
    expect(json.apis.exchange.cmdlets).toEqual({ 'Get-Mailbox': 1, 'Get-MailboxStatistics': 2 });
    expect(json.apis.exchange.paths[`POST /adminapi/beta/${sim.info.tenantId}/$batch`]).toBe(1);
    expect(json.apis.identity.paths).toEqual({ 'GET /msi/token': 1 });
    expect((await control(sim.info, 'GET', '/_sim/requests')).json.total).toBe(0);
  });

  it('refuses malformed fault rules', async () => {
    expect((await control(sim.info, 'PUT', '/_sim/faults', { rules: [{ api: 'teams' }] })).status).toBe(400);
    expect((await control(sim.info, 'PUT', '/_sim/faults', { rules: [{ api: 'graph', path: '(' }] })).status).toBe(400);
    expect((await control(sim.info, 'PUT', '/_sim/faults', { rules: [{ api: 'graph', rate: 2 }] })).status).toBe(400);
  });
});

describe('faults', () => {
  it('injects a 429 at about the configured rate, in the service shape with Retry-After', async () => {
    await control(sim.info, 'PUT', '/_sim/faults', {
      rules: [{ api: 'graph', path: '^/v1\\.0/subscribedSkus', status: 429, retryAfterSeconds: 3, rate: 0.2 }],
    });
    let faults = 0;
    for (let i = 0; i < 200; i++) {
      const res = await client.graph('/subscribedSkus');
      if (res.status === 429) {
        faults++;
        expect(res.headers['retry-after']).toBe('3');
        expect(res.json().error.code).toBe('TooManyRequests');
      } else expect(res.status).toBe(200);
    }
    expect(faults).toBeGreaterThanOrEqual(20);
    expect(faults).toBeLessThanOrEqual(60);
  });

  it("gives Exchange's 503 body and leaves other paths alone", async () => {
    await control(sim.info, 'PUT', '/_sim/faults', {
      rules: [
        { api: 'exchange', status: 503 },
        { api: 'graph', path: 'nothing-matches-this', status: 500 },
      ],
    });
    const res = await client.exchange('Get-Mailbox');
    expect(res.status).toBe(503);
    expect(res.json().error.details[0].message).toContain('|');
    expect((await client.graph('/subscribedSkus')).status).toBe(200);
  });

  it('drops the connection for reset:true', async () => {
    await control(sim.info, 'PUT', '/_sim/faults', { rules: [{ api: 'graph', path: 'subscribedSkus', reset: true }] });
    await expect(client.graph('/subscribedSkus')).rejects.toThrow();
  });

  it('fails a single request inside a Graph $batch', async () => {
    await control(sim.info, 'PUT', '/_sim/faults', {
      rules: [{ api: 'graph', path: 'subscribedSkus', status: 429, retryAfterSeconds: 5 }],
    });
    const res = await client.graph('/$batch', 'POST', {
      requests: [
        { id: 'a', method: 'GET', url: '/subscribedSkus' },
        { id: 'b', method: 'GET', url: `/users/${ALICE}` },
      ],
    });
    expect(res.status).toBe(200);
    const statuses = Object.fromEntries(
      res
        .json()
        .responses.map((r: { id: string; status: number; headers: Record<string, string> }) => [
          r.id,
          [r.status, r.headers['Retry-After']],
        ]),
    );
    expect(statuses).toEqual({ a: [429, '5'], b: [200, undefined] });
  });

  it('refuses identity requests when told to', async () => {
    await control(sim.info, 'PUT', '/_sim/faults', { rules: [{ api: 'identity', status: 500 }] });
    const res = await fetch(`${sim.info.identityEndpoint}?api-version=2019-08-01&resource=https://graph.microsoft.com`, {
      headers: { 'X-IDENTITY-HEADER': sim.info.identityHeader },
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ statusCode: 500 });
  });
});

describe('throttling', () => {
  it('answers 429 with Retry-After beyond the Exchange requests in flight, and limits report downloads', async () => {
    const throttled = await startSimulator({
      tenant: smallTenant(),
      quiet: true,
      model: { exchange: { pageMs: 150, maxInFlight: 2, retryAfterSeconds: 2 }, graph: { reportRequestsPer10Min: 2 } },
    });
    const c = new SimClient(throttled.info, freshTokenCredential(throttled.info));
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => c.exchange('Get-Mailbox', { Identity: ALICE })));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 429, 429, 429]);
      const refused = results.find((r) => r.status === 429)!;
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.json().error.code).toBe('TooManyRequests');
      const reports = [];
      for (let i = 0; i < 3; i++) reports.push((await c.graph("/reports/getMailboxUsageDetail(period='D7')")).status);
      expect(reports).toEqual([302, 302, 429]);
    } finally {
      c.close();
      await throttled.stop();
    }
  });
});

describe('malformed requests', () => {
  it('answers garbage with the services’ error shapes and keeps serving', async () => {
    const batch = await client.send('https://graph.microsoft.com/.default', `${sim.info.graph}/v1.0/$batch`, 'POST', undefined, {
      'Content-Type': 'application/json',
    });
    expect(batch.status).toBe(400);
    expect(batch.json().error.code).toBe('BadRequest');
    const unknown = await client.graph('/nothing/here');
    expect(unknown.status).toBe(400);
    expect(unknown.json().error.message).toContain("segment 'nothing'");
    const odd = await client.graph('/users/%E0%A4%A');
    expect([400, 404]).toContain(odd.status);
    const exchangeGarbage = await client.send(
      'https://outlook.office365.com/.default',
      `${sim.info.exchange}/adminapi/beta/${sim.info.tenantId}/InvokeCommand`,
      'POST',
      { CmdletInput: { CmdletName: 'Get-Mailbox', Parameters: 'nope' } },
    );
    expect(exchangeGarbage.status).toBe(400);
    expect((await client.graph('/subscribedSkus')).status).toBe(200);
  });
});
