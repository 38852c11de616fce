// `doctor` when the managed identity itself is the problem: a client id that is not attached, an
// endpoint that does not answer, App Service's variables half set. The first check fails with the
// fix, and every later one is skipped with the reason instead of piling up errors.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { check, startDoctorTenant, type DoctorTenant } from './identity-scenarios';

jest.setTimeout(30_000);

let tenant: DoctorTenant;

beforeAll(async () => {
  tenant = await startDoctorTenant('generate:30:2');
});
afterAll(async () => {
  await tenant?.stop();
});

function laterChecksSkipped(report: Awaited<ReturnType<DoctorTenant['run']>>, reason: string): void {
  // The Node.js runtime check needs no identity: it is judged whatever the identity did.
  const later = report.checks.slice(1).filter((c) => c.id !== 'node-runtime');
  expect(later.length).toBeGreaterThan(8);
  for (const c of later) expect({ id: c.id, status: c.status, detail: c.detail }).toEqual({ id: c.id, status: 'skip', detail: reason });
}

test('an AZURE_CLIENT_ID that is not attached: named, with how to find the attached one', async () => {
  const wrong = '0b7e4a6c-1111-4222-8333-944445555666';
  const report = await tenant.run({ env: { AZURE_CLIENT_ID: wrong } });
  expect(report.ok).toBe(false);
  const identity = check(report, 'identity');
  expect(identity.status).toBe('fail');
  expect(identity.detail).toContain(`for the user-assigned identity ${wrong}`);
  expect(identity.detail).toContain('AZURE_CLIENT_ID names a managed identity that is not attached to this app');
  // The identity endpoint's own words, quoted.
  expect(identity.detail).toContain('Unable to load the proper Managed Identity.');
  expect(identity.fix).toContain('az webapp identity show');
  laterChecksSkipped(report, 'Skipped: the managed identity gave no token.');
});

test('an identity endpoint that does not answer', async () => {
  // A port that was free a moment ago: nothing listens there now.
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));

  const report = await tenant.run({ env: { IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token` } });
  const identity = check(report, 'identity');
  expect(identity.status).toBe('fail');
  expect(identity.detail).toContain(`App Service managed identity at http://127.0.0.1:${port}/msi/token`);
  expect(identity.detail).toContain('The managed identity endpoint did not answer.');
  expect(identity.fix).toContain('IDENTITY_ENDPOINT');
  laterChecksSkipped(report, 'Skipped: the managed identity gave no token.');
});

test('IDENTITY_ENDPOINT unset while IDENTITY_HEADER is set: no identity source at all, and no token is asked for', async () => {
  const before = (await tenant.control('GET', '/_sim/requests')).apis.identity.total;
  const report = await tenant.run({ env: { IDENTITY_ENDPOINT: undefined } });
  const identity = check(report, 'identity');
  expect(identity.status).toBe('fail');
  expect(identity.detail).toMatch(/^IDENTITY_ENDPOINT is not set while its partner is/);
  expect(identity.fix).toContain('Identity blade');
  laterChecksSkipped(report, 'Skipped: there is no managed identity source.');
  expect((await tenant.control('GET', '/_sim/requests')).apis.identity.total).toBe(before);
});

test('IDENTITY_ENDPOINT that is not a URL', async () => {
  const report = await tenant.run({ env: { IDENTITY_ENDPOINT: 'msi-token' } });
  expect(check(report, 'identity')).toMatchObject({
    status: 'fail',
    detail: 'IDENTITY_ENDPOINT is not a URL ("msi-token"), so no token can be fetched.',
  });
  expect(check(report, 'identity').fix).toContain('Remove IDENTITY_ENDPOINT and IDENTITY_HEADER');
});

test('the identity header never shows, even when the service quotes it back', async () => {
  const report = await tenant.run({ env: { IDENTITY_ENDPOINT: `http://127.0.0.1:1/${tenant.sim.info.identityHeader}` } });
  const shown = JSON.stringify(report);
  expect(shown).toContain('[redacted]');
  expect(shown).not.toContain(tenant.sim.info.identityHeader);
});

test('npm run doctor: the same checks as console text, failing when one fails', async () => {
  process.env.IDENTITY_ENDPOINT = tenant.sim.info.identityEndpoint;
  process.env.IDENTITY_HEADER = tenant.sim.info.identityHeader;
  await tenant.control('PATCH', '/_sim/tenant', { identity: { ...tenant.fixture.identity, exchangeAppRoles: [] } });
  let script!: typeof import('../../../scripts/doctor');
  let text!: typeof import('../../../src/doctor/report-text');
  await jest.isolateModulesAsync(async () => {
    script = await import('../../../scripts/doctor');
    text = await import('../../../src/doctor/report-text');
  });
  const { readConfig } = await import('../../../src/config');
  const config = {
    ...readConfig({
      GRAPH_ENDPOINT: tenant.sim.info.graph,
      EXCHANGE_ENDPOINT: tenant.sim.info.exchange,
      AZURE_CLIENT_ID: tenant.sim.info.clientId,
    }),
    tenantId: tenant.sim.info.tenantId,
  };
  const report = await script.doctorFromSettings(process.env, config, tenant.sim.info.caCertPem);
  const out = text.doctorText(report);
  expect(report.ok).toBe(false);
  expect(out).toContain('✗ Token for Exchange Online');
  expect(out).toContain(`Fix: Run \`npm run grant -- --identity ${tenant.sim.info.principalId}\``);
  expect(out).toContain('✓ Microsoft Graph answers');
  expect(out).toContain('– Exchange Online answers');
  expect(out.trim().split('\n').at(-1)).toBe('1 check failed: the fix is under each one.');
  expect(out).not.toContain(tenant.sim.info.identityHeader);
});
