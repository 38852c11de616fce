// Exchange Online as it really answers (docs/exchange-online.md), through the real credential, pipeline and
// Exchange client: a 401 that passes, transient exceptions, a tenant served from its own host,
// single items throttled inside a $batch, and a tenant whose concurrency the bot must find.
import { loadTenant } from '../../../src/simulator/tenant/load';
import type { TenantFixture } from '../../../src/simulator/tenant/fixture';
import { readMailboxes } from '../../../src/m365/mailbox-inventory';
import { explainServiceError } from '../../../src/m365/permissions';
import { ServiceError } from '../../../src/m365/service-error';
import { countOf, startSimulatedTenant, type SimulatedTenant } from './simulated-tenant';

jest.setTimeout(60_000);

let fixture: TenantFixture;
let tenant: SimulatedTenant;

beforeAll(async () => {
  fixture = loadTenant('generate:120:3');
  tenant = await startSimulatedTenant(fixture, { exchangePageSize: 50 });
});
afterAll(async () => {
  await tenant?.stop();
});
afterEach(async () => {
  await tenant.setFaults([]);
  await model({ exchange: { maxInFlight: null, cmdletsPerSecond: null, batchMs: 0, perItemMs: 0, redirectTo: null } });
});

const mailboxCount = () => fixture.users.filter((u) => u.mailbox).length;

async function model(patch: unknown): Promise<void> {
  const res = await fetch(`${tenant.sim.controlUrl}/_sim/model`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  });
  if (!res.ok) throw new Error(`PUT /_sim/model: ${res.status} ${await res.text()}`);
}

it('rides out a 401 that passes: the report completes, with no permission advice', async () => {
  await tenant.setFaults([{ api: 'exchange', path: 'InvokeCommand', status: 401, times: 1 }]);
  await tenant.requests(true);
  const inventory = await readMailboxes(tenant.connect(), { types: 'all' });
  expect(inventory.complete).toBe(true);
  expect(inventory.mailboxes).toHaveLength(mailboxCount());
  expect((await tenant.requests()).apis.exchange.statuses['401']).toBe(1);
});

it('still explains a 401 that persists with a token asked for again', async () => {
  await tenant.setFaults([{ api: 'exchange', status: 401 }]);
  const err = await readMailboxes(tenant.connect(), { types: 'all' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ServiceError);
  expect(err).toMatchObject({ service: 'exchange', status: 401 });
  expect(explainServiceError(err as ServiceError).missing).toContain('Exchange.ManageAsApp');
});

it('retries the transient exceptions the module retries, whole requests and $batch items alike', async () => {
  await tenant.setFaults([
    { api: 'exchange', path: 'InvokeCommand$', status: 500, exception: 'DCOverloadedException', times: 1 },
    { api: 'exchange', path: 'InvokeCommand$', status: 500, exception: 'StorageTransientException', times: 3 },
  ]);
  await tenant.requests(true);
  const inventory = await readMailboxes(tenant.connect(), { types: 'all' });
  expect(inventory.complete).toBe(true);
  expect((await tenant.requests()).apis.exchange.statuses['500']).toBe(4);
});

it('does not retry a 500 that names no transient exception', async () => {
  await tenant.setFaults([{ api: 'exchange', path: 'InvokeCommand\\?', status: 500 }]);
  const err = await readMailboxes(tenant.connect(), { types: 'all' }).catch((e: unknown) => e);
  expect(err).toMatchObject({ service: 'exchange', status: 500 });
});

it("follows Exchange to the tenant's own host, once, and pages and batches there", async () => {
  await model({ exchange: { redirectTo: tenant.sim.info.exchangeTenantHost } });
  await tenant.requests(true);
  const inventory = await readMailboxes(tenant.connect(), { types: 'all' });
  expect(inventory.complete).toBe(true);
  expect(inventory.mailboxes).toHaveLength(mailboxCount());
  const counts = (await tenant.requests()).apis.exchange;
  // One redirect: every later page and $batch went straight to the host that answered.
  expect(counts.statuses['302']).toBe(1);
  expect(countOf(counts.paths, /\$batch$/)).toBe(Math.ceil(mailboxCount() / 10));
});

it('does not follow a redirect to a host that is not Exchange, so the token stays home', async () => {
  const foreign = tenant.sim.info.exchangeTenantHost.replace('localhost', '127.0.0.1');
  await model({ exchange: { redirectTo: foreign } });
  await tenant.requests(true);
  const err = await readMailboxes(tenant.connect(), { types: 'all' }).catch((e: unknown) => e);
  expect(err).toMatchObject({ service: 'exchange', code: 'ForeignRedirect' });
  const counts = (await tenant.requests()).apis.exchange;
  expect(counts.total).toBe(counts.statuses['302']);
});

it('sends again only the $batch items Exchange throttled, after their Retry-After, until every statistic is read', async () => {
  await model({ exchange: { cmdletsPerSecond: 25, retryAfterSeconds: 0.2 } });
  await tenant.requests(true);
  const inventory = await readMailboxes(tenant.connect(), { types: 'all' });
  expect(inventory.complete).toBe(true);
  expect(inventory.mailboxes.every((m) => m.statistics !== null)).toBe(true);
  const counts = (await tenant.requests()).apis.exchange;
  expect(counts.innerStatuses['429']).toBeGreaterThan(0);
  expect(counts.cmdlets['Get-MailboxStatistics']).toBe(mailboxCount());
});

it('finds a tenant that allows two requests in flight without being told, and reads everything', async () => {
  await model({ exchange: { maxInFlight: 2, retryAfterSeconds: 0.1, batchMs: 40, perItemMs: 2 } });
  await tenant.requests(true);
  const inventory = await readMailboxes(tenant.connect(), { types: 'all' });
  expect(inventory.complete).toBe(true);
  const counts = (await tenant.requests()).apis.exchange;
  const batches = countOf(counts.paths, /\$batch$/);
  // Refusals happen (that is how the limit is found) but stay a minority of the traffic.
  expect(counts.statuses['429'] ?? 0).toBeLessThan(batches / 2);
});
