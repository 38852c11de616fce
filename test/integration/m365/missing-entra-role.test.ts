// A managed identity with Exchange.ManageAsApp but no Entra role: Exchange answers 403, and the
// advice names the role to assign. Also: an identity endpoint that does not answer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadTenant } from '../../../src/simulator/tenant/load';
import { explainServiceError } from '../../../src/m365/permissions';
import { ServiceError } from '../../../src/m365/service-error';
import { startSimulatedTenant, type SimulatedTenant } from './simulated-tenant';

jest.setTimeout(30_000);

let tenant: SimulatedTenant;

beforeAll(async () => {
  const fixture = loadTenant('generate:20:4');
  fixture.identity = { ...fixture.identity, directoryRoles: [] };
  tenant = await startSimulatedTenant(fixture);
});

afterAll(async () => {
  await tenant?.stop();
});

it('Exchange 403 without an Entra role, explained with the role to assign', async () => {
  const err = await tenant.clients.exchange.getMailboxes().catch((e) => e);
  expect(err).toBeInstanceOf(ServiceError);
  expect(err).toMatchObject({ service: 'exchange', status: 403 });
  const advice = explainServiceError(err);
  expect(advice.fix).toContain('Global Reader');
  expect(advice.fix).toContain('Global Reader');
});

it('an identity endpoint that does not answer is named as such', async () => {
  // A port that was free a moment ago: nothing listens there now.
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));

  const saved = process.env.IDENTITY_ENDPOINT;
  process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${port}/msi/token`;
  try {
    // A fresh copy of the m365 modules and @azure/identity: MSAL keeps the identity source it
    // found first for the life of the module.
    let fresh!: { credential: typeof import('../../../src/m365/credential'); tenant: typeof import('../../../src/m365/tenant-clients') };
    await jest.isolateModulesAsync(async () => {
      fresh = { credential: await import('../../../src/m365/credential'), tenant: await import('../../../src/m365/tenant-clients') };
    });
    const clients = fresh.tenant.connectTenant({
      tenantId: tenant.sim.info.tenantId,
      graphEndpoint: tenant.sim.info.graph,
      exchangeEndpoint: tenant.sim.info.exchange,
      credential: fresh.credential.createCredential({ managedIdentityClientId: tenant.sim.info.clientId }),
      tlsCa: tenant.sim.info.caCertPem,
    });
    const err = await clients.graph.listSubscribedSkus().catch((e) => e);
    clients.close();
    expect(err.name).toBe('ServiceError');
    expect(err.service).toBe('identity');
    const advice = explainServiceError(err);
    expect(advice.missing).toBe('The managed identity endpoint did not answer.');
    expect(advice.fix).toContain('IDENTITY_ENDPOINT');
  } finally {
    process.env.IDENTITY_ENDPOINT = saved;
  }
});
