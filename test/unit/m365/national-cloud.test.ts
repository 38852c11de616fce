// A tenant in a national cloud: GRAPH_ENDPOINT and EXCHANGE_ENDPOINT set to the US Government hosts.
// Every token the bot asks for (its Graph and Exchange clients, and doctor's token checks) must be
// for those clouds' own resources: a commercial token is refused there.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { readConfig } from '../../../src/config';
import { connectTenant } from '../../../src/m365/tenant-clients';
import { runDoctor } from '../../../src/doctor/checks';

/** Records each scope asked for and refuses, so no request leaves the machine. */
function recordingCredential(): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    getToken: async (scope: string | string[], _options?: GetTokenOptions): Promise<AccessToken | null> => {
      scopes.push(...(Array.isArray(scope) ? scope : [scope]));
      throw new Error('no token in a unit test');
    },
  };
}

const env = { GRAPH_ENDPOINT: 'https://graph.microsoft.us', EXCHANGE_ENDPOINT: 'https://outlook.office365.us', LOG_LEVEL: 'error' };

it("asks for the national cloud's Graph and Exchange scopes, in the clients and in doctor", async () => {
  const config = readConfig(env);
  const credential = recordingCredential();
  const tenant = connectTenant({
    tenantId: 't',
    graphEndpoint: config.graphEndpoint,
    exchangeEndpoint: config.exchangeEndpoint,
    credential,
    maxRetries: 0,
  });
  try {
    expect(tenant.scopes).toEqual({ graph: 'https://graph.microsoft.us/.default', exchange: 'https://outlook.office365.us/.default' });
    await expect(tenant.graph.listSubscribedSkus()).rejects.toBeTruthy();
    await expect(tenant.exchange.getMailbox('a@b.c')).rejects.toBeTruthy();
    expect(new Set(credential.scopes)).toEqual(new Set(['https://graph.microsoft.us/.default', 'https://outlook.office365.us/.default']));

    credential.scopes.length = 0;
    await runDoctor({
      env: { IDENTITY_ENDPOINT: 'http://127.0.0.1:1/msi/token', IDENTITY_HEADER: 'h' },
      credential: tenant.credential,
      graph: tenant.graph,
      exchange: tenant.exchange,
      scopes: tenant.scopes,
      config: { remediation: false },
      tokenTimeoutMs: 1_000,
    });
    expect(credential.scopes.length).toBeGreaterThan(0);
    expect(
      credential.scopes.every((s) => s === 'https://graph.microsoft.us/.default' || s === 'https://outlook.office365.us/.default'),
    ).toBe(true);
    expect(credential.scopes).toContain('https://graph.microsoft.us/.default');
  } finally {
    tenant.close();
  }
});

it('keeps the commercial scope for the commercial cloud and for any other host (the simulated tenant)', () => {
  const commercial = connectTenant({
    tenantId: 't',
    graphEndpoint: 'https://graph.microsoft.com',
    exchangeEndpoint: 'https://outlook.office365.com',
    credential: recordingCredential(),
  });
  const local = connectTenant({
    tenantId: 't',
    graphEndpoint: 'https://localhost:4443',
    exchangeEndpoint: 'https://127.0.0.1:4444',
    credential: recordingCredential(),
  });
  expect(commercial.scopes).toEqual({ graph: 'https://graph.microsoft.com/.default', exchange: 'https://outlook.office365.com/.default' });
  expect(local.scopes).toEqual(commercial.scopes);
  commercial.close();
  local.close();
});
