// The managed-identity endpoint, spoken to by the real ManagedIdentityCredential.
import { ManagedIdentityCredential } from '@azure/identity';
import { startSimulator, RunningSimulator } from '../../../src/simulator';
import { CLIENT_ID, PRINCIPAL_ID, smallTenant, TENANT_ID } from './small-tenant';
import { decodeJwt } from './sim-client';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ tenant: smallTenant(), quiet: true });
  // MSAL reads these once per process, when the first credential asks for a token.
  process.env.IDENTITY_ENDPOINT = sim.info.identityEndpoint;
  process.env.IDENTITY_HEADER = sim.info.identityHeader;
});
afterAll(async () => {
  await sim.stop();
});

const tokenUrl = (query: string): string => `${sim.info.identityEndpoint}?${query}`;

describe('managed identity endpoint', () => {
  it('gives ManagedIdentityCredential a Graph token carrying the fixture identity', async () => {
    const credential = new ManagedIdentityCredential({ clientId: CLIENT_ID });
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 50 * 60 * 1000);
    const claims = decodeJwt(token.token);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      tid: TENANT_ID,
      oid: PRINCIPAL_ID,
      appid: CLIENT_ID,
      azp: CLIENT_ID,
    });
    expect(claims.roles).toEqual(expect.arrayContaining(['User.Read.All', 'Reports.Read.All']));
    expect(claims.wids).toEqual(['31392ffb-586c-42d1-9346-e59415a2cc4e']);
    expect(claims.exp).toEqual(expect.any(Number));
  });

  it('gives an Exchange token with the Exchange app role only', async () => {
    const credential = new ManagedIdentityCredential({ clientId: CLIENT_ID });
    const claims = decodeJwt((await credential.getToken('https://outlook.office365.com/.default')).token);
    expect(claims.aud).toBe('https://outlook.office365.com');
    expect(claims.roles).toEqual(['Exchange.ManageAsApp']);
  });

  it('serves a system-assigned request (no client_id) as the same identity', async () => {
    const res = await fetch(tokenUrl('api-version=2019-08-01&resource=https://storage.azure.com'), {
      headers: { 'X-IDENTITY-HEADER': sim.info.identityHeader },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toEqual({
      access_token: expect.any(String),
      expires_on: expect.stringMatching(/^\d+$/),
      resource: 'https://storage.azure.com',
      token_type: 'Bearer',
      client_id: CLIENT_ID,
    });
    expect(decodeJwt(body.access_token).roles).toBeUndefined();
  });

  it('refuses an unknown client id the way App Service does', async () => {
    const res = await fetch(
      tokenUrl('api-version=2019-08-01&resource=https://graph.microsoft.com&client_id=00000000-1111-2222-3333-444444444444'),
      { headers: { 'X-IDENTITY-HEADER': sim.info.identityHeader } },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      statusCode: 400,
      message: 'Unable to load the proper Managed Identity.',
      correlationId: expect.any(String),
    });
  });

  it('refuses a wrong secret header, a missing resource and a wrong api-version', async () => {
    const wrongHeader = await fetch(tokenUrl('api-version=2019-08-01&resource=https://graph.microsoft.com'), {
      headers: { 'X-IDENTITY-HEADER': 'guess' },
    });
    expect(wrongHeader.status).toBe(401);
    expect(await wrongHeader.json()).toMatchObject({ statusCode: 401, message: expect.any(String) });
    const noResource = await fetch(tokenUrl('api-version=2019-08-01'), { headers: { 'X-IDENTITY-HEADER': sim.info.identityHeader } });
    expect(noResource.status).toBe(400);
    const oldApi = await fetch(tokenUrl('api-version=2017-09-01&resource=https://graph.microsoft.com'), {
      headers: { 'X-IDENTITY-HEADER': sim.info.identityHeader },
    });
    expect(oldApi.status).toBe(400);
  });

  it('makes ManagedIdentityCredential fail for an identity the app does not have', async () => {
    const credential = new ManagedIdentityCredential({ clientId: '00000000-1111-2222-3333-444444444444' });
    await expect(credential.getToken('https://graph.microsoft.com/.default')).rejects.toThrow(/Unable to load the proper Managed Identity/);
  });
});
