// A managed identity without the Exchange app role and without Reports.Read.All: the calls fail
// with ServiceErrors that explainServiceError turns into the exact missing grant. (A separate file
// from the other permission cases: @azure/identity caches tokens per process.)
import { loadTenant } from '../../../src/simulator/tenant/load';
import { createCredential } from '../../../src/m365/credential';
import { readMailboxes } from '../../../src/m365/mailbox-inventory';
import { explainServiceError } from '../../../src/m365/permissions';
import { ServiceError } from '../../../src/m365/service-error';
import { startSimulatedTenant, type SimulatedTenant } from './simulated-tenant';

jest.setTimeout(30_000);

let tenant: SimulatedTenant;

beforeAll(async () => {
  const fixture = loadTenant('generate:20:3');
  fixture.identity = {
    ...fixture.identity,
    exchangeAppRoles: [],
    graphAppRoles: fixture.identity.graphAppRoles.filter((r) => r !== 'Reports.Read.All'),
  };
  tenant = await startSimulatedTenant(fixture);
});

afterAll(async () => {
  await tenant?.stop();
});

it('Exchange 401 without Exchange.ManageAsApp, explained with the grant command', async () => {
  const err = await readMailboxes(tenant.clients, { types: 'all' }).catch((e) => e);
  expect(err).toBeInstanceOf(ServiceError);
  expect(err).toMatchObject({ service: 'exchange', status: 401 });
  const advice = explainServiceError(err);
  expect(advice.missing).toContain('Exchange.ManageAsApp');
  expect(advice.fix).toContain('npm run grant -- --identity');
  // Sent six times, each resend with a token fetched again (the module: 1 + DefaultMaxRetryTimes 5,
  // 401 in RetryableHTTPResponses), then explained: a missing permission does not fix itself. The
  // host probe before it (EXOModuleFile) is one attempt.
  const counts = (await tenant.requests()).apis.exchange;
  expect(counts.statuses['401']).toBe(7);
});

it('Graph 403 on the usage report names Reports.Read.All', async () => {
  const err = await tenant.clients.graph.getMailboxUsageReport().catch((e) => e);
  expect(err).toBeInstanceOf(ServiceError);
  expect(err).toMatchObject({ service: 'graph', status: 403, code: 'Authorization_RequestDenied' });
  expect(explainServiceError(err).missing).toContain('Reports.Read.All');
  // Other Graph calls still work with the roles it has.
  await expect(tenant.clients.graph.listSubscribedSkus()).resolves.not.toHaveLength(0);
});

it('an AZURE_CLIENT_ID that is not attached to the app is named as such', async () => {
  const clients = tenant.connect({ credential: createCredential({ managedIdentityClientId: '0b7e4a6c-1111-4222-8333-944445555666' }) });
  const err = await clients.graph.listSubscribedSkus().catch((e) => e);
  expect(err).toBeInstanceOf(ServiceError);
  expect(err.service).toBe('identity');
  expect(explainServiceError(err).missing).toContain('AZURE_CLIENT_ID');
});
