// The cost model and Exchange's answers as the control API sets them: GET/PUT /_sim/model, costs
// per page and per $batch item, the cmdlets-per-second limit refusing single items inside a $batch,
// the redirect to a tenant-specific host, and transient faults that name Exchange's exceptions.
import type { RunningSimulator } from '../../../src/simulator';
import { simulatorForFile } from '../../support/simulator';
import { ALICE, BOB, smallTenant } from './small-tenant';
import { control, SimClient } from './sim-client';

let sim: RunningSimulator;
let client: SimClient;

simulatorForFile(smallTenant(), {}, (s) => ({ sim, client } = s));
afterEach(async () => {
  await control(sim.info, 'PUT', '/_sim/faults', { rules: [] });
  await control(sim.info, 'PUT', '/_sim/model', {
    exchange: {
      maxInFlight: null,
      cmdletsPerSecond: null,
      pageMs: 0,
      perRecordMs: 0,
      perRecordMsSelected: 0,
      batchMs: 0,
      perItemMs: 0,
      redirectTo: null,
    },
  });
});

const statistics = (identity: string) => ({
  id: identity,
  method: 'POST',
  url: `${sim.info.exchange}/adminapi/beta/${sim.info.tenantId}/InvokeCommand`,
  body: { CmdletInput: { CmdletName: 'Get-MailboxStatistics', Parameters: { Identity: identity } } },
});

describe('GET/PUT /_sim/model', () => {
  it('shows the model, merges what a PUT gives and refuses unknown keys without changing anything', async () => {
    const before = (await control(sim.info, 'GET', '/_sim/model')).json;
    expect(Object.keys(before.exchange).sort()).toEqual(
      [
        'batchMs',
        'cmdletsPerSecond',
        'maxInFlight',
        'pageMs',
        'perItemMs',
        'perRecordMs',
        'perRecordMsSelected',
        'redirectTo',
        'retryAfterSeconds',
      ].sort(),
    );
    expect(before.graph).toMatchObject({ callMs: 0 });
    const put = await control(sim.info, 'PUT', '/_sim/model', { exchange: { maxInFlight: 3, pageMs: 25 }, graph: { callMs: 5 } });
    expect(put.status).toBe(200);
    expect(put.json.exchange).toMatchObject({ ...before.exchange, maxInFlight: 3, pageMs: 25 });
    expect(put.json.graph.callMs).toBe(5);
    for (const bad of [
      { exchange: { maxInflight: 3 } },
      { exchange: { pageMs: -1 } },
      { azure: {} },
      { exchange: { redirectTo: 'http://x' } },
    ]) {
      const refused = await control(sim.info, 'PUT', '/_sim/model', bad);
      expect(refused.status).toBe(400);
    }
    expect((await control(sim.info, 'GET', '/_sim/model')).json.exchange.pageMs).toBe(25);
    await control(sim.info, 'PUT', '/_sim/model', { graph: { callMs: 0 } });
  });
});

describe('costs', () => {
  it('charges a page by its records, less when they are trimmed with $select, and a $batch by its items', async () => {
    await control(sim.info, 'PUT', '/_sim/model', {
      exchange: { pageMs: 50, perRecordMs: 40, perRecordMsSelected: 2, batchMs: 100, perItemMs: 100 },
    });
    const timed = async (call: () => Promise<unknown>) => {
      const start = performance.now();
      await call();
      return performance.now() - start;
    };
    const url = `${sim.info.exchange}/adminapi/beta/${sim.info.tenantId}/InvokeCommand`;
    const full = await timed(() => client.exchange('Get-Mailbox', { ResultSize: 'Unlimited' }, { url }));
    const trimmed = await timed(() => client.exchange('Get-Mailbox', { ResultSize: 'Unlimited' }, { url: `${url}?$select=DisplayName` }));
    const records = (await client.exchange('Get-Mailbox', { ResultSize: 'Unlimited' })).json().value.length;
    expect(records).toBeGreaterThan(3);
    expect(full).toBeGreaterThanOrEqual(50 + records * 40 - 5);
    expect(trimmed).toBeLessThan(full / 2);
    const batch = await timed(() => client.exchangeBatch([ALICE, BOB].map(statistics)));
    expect(batch).toBeGreaterThanOrEqual(300 - 5);
  });
});

describe('throttling', () => {
  it('refuses single $batch items beyond the cmdlets per second, each with its own Retry-After', async () => {
    await control(sim.info, 'PUT', '/_sim/model', { exchange: { cmdletsPerSecond: 3, retryAfterSeconds: 2 } });
    const identities = [ALICE, BOB, ALICE, BOB, ALICE, BOB];
    const res = await client.exchangeBatch(identities.map((id, i) => ({ ...statistics(id), id: String(i) })));
    expect(res.status).toBe(200);
    const responses = res.json().responses as { status: number; headers: Record<string, string>; body: { error?: { code: string } } }[];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429, 429, 429]);
    expect(responses[3].headers['Retry-After']).toBe('2');
    expect(responses[3].body.error?.code).toBe('TooManyRequests');
    // The bucket is empty: a lone InvokeCommand is refused whole.
    const alone = await client.exchange('Get-MailboxStatistics', { Identity: ALICE });
    expect(alone.status).toBe(429);
  });
});

describe('tenant-specific host', () => {
  it('redirects to the host the model names, which answers with links to itself', async () => {
    const home = sim.info.exchangeTenantHost;
    expect(new URL(home).origin).not.toBe(new URL(sim.info.exchange).origin);
    await control(sim.info, 'PUT', '/_sim/model', { exchange: { redirectTo: home } });
    const first = await client.exchange('Get-Mailbox', { ResultSize: 'Unlimited' }, { pageSize: 2 });
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe(`${home}/adminapi/beta/${sim.info.tenantId}/InvokeCommand`);
    const there = await client.exchange('Get-Mailbox', { ResultSize: 'Unlimited' }, { pageSize: 2, url: first.headers.location });
    expect(there.status).toBe(200);
    expect(there.json()['@odata.nextLink']).toMatch(new RegExp(`^${home}/adminapi/beta/`));
  });
});

describe('transient faults', () => {
  it('names the exception a fault asks for, and deals a fault only as many times as told', async () => {
    await control(sim.info, 'PUT', '/_sim/faults', {
      rules: [{ api: 'exchange', status: 500, exception: 'DCOverloadedException', times: 1 }],
    });
    const failed = await client.exchange('Get-Mailbox', { Identity: ALICE });
    expect(failed.status).toBe(500);
    expect(failed.json().error.details[0].message).toContain('|Microsoft.Exchange.Data.Directory.DCOverloadedException|');
    expect((await client.exchange('Get-Mailbox', { Identity: ALICE })).status).toBe(200);
    await control(sim.info, 'PUT', '/_sim/faults', { rules: [{ api: 'exchange', status: 401, times: 2 }] });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await client.exchange('Get-Mailbox', { Identity: ALICE })).status);
    expect(statuses).toEqual([401, 401, 200]);
  });
});
