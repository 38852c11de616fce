// Starts the simulated tenant and points the bot's real m365 clients at it: a real managed-identity
// credential (App Service protocol), real pipelines trusting only the simulator's CA.
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import type { TenantFixture } from '../../../src/simulator/tenant/fixture';
import { createCredential } from '../../../src/m365/credential';
import { connectTenant, type TenantClients, type TenantConnection } from '../../../src/m365/tenant-clients';
import type { RetryInfo } from '../../../src/m365/retry-policy';
import { simulatorControl } from '../../support/simulator';

export interface SimulatedTenant {
  sim: RunningSimulator;
  clients: TenantClients;
  retries: RetryInfo[];
  connect(extra?: Partial<TenantConnection>): TenantClients;
  setFaults(rules: unknown[]): Promise<void>;
  requests(reset?: boolean): Promise<RequestCounts>;
  patchUser(idOrUpn: string, fields: unknown): Promise<void>;
  stop(): Promise<void>;
}

export interface ApiCounts {
  total: number;
  paths: Record<string, number>;
  statuses: Record<string, number>;
  cmdlets: Record<string, number>;
  innerStatuses: Record<string, number>;
}
export interface RequestCounts {
  total: number;
  apis: Record<'graph' | 'exchange' | 'identity', ApiCounts>;
}

export async function startSimulatedTenant(tenant: TenantFixture, extra: Partial<TenantConnection> = {}): Promise<SimulatedTenant> {
  const sim = await startSimulator({ tenant, quiet: true });
  // @azure/identity reads these when it first asks for a token.
  process.env.IDENTITY_ENDPOINT = sim.info.identityEndpoint;
  process.env.IDENTITY_HEADER = sim.info.identityHeader;
  const retries: RetryInfo[] = [];
  const opened: TenantClients[] = [];
  const connect = (more: Partial<TenantConnection> = {}) => {
    const clients = connectTenant({
      tenantId: sim.info.tenantId,
      graphEndpoint: sim.info.graph,
      exchangeEndpoint: sim.info.exchange,
      credential: createCredential({ managedIdentityClientId: sim.info.clientId }),
      tlsCa: sim.info.caCertPem,
      onRetry: (i) => retries.push(i),
      timeoutMs: 10_000,
      retryBudgetMs: 25_000,
      ...extra,
      ...more,
    });
    opened.push(clients);
    return clients;
  };
  const control = simulatorControl(sim.controlUrl);
  return {
    sim,
    clients: connect(),
    retries,
    connect,
    setFaults: async (rules) => void (await control('PUT', '/_sim/faults', { rules })),
    requests: async (reset = false) => (await control('GET', `/_sim/requests${reset ? '?reset=1' : ''}`)) as RequestCounts,
    patchUser: async (id, fields) => void (await control('PATCH', `/_sim/users/${encodeURIComponent(id)}`, fields)),
    stop: async () => {
      for (const c of opened) c.close();
      await sim.stop();
      delete process.env.IDENTITY_ENDPOINT;
      delete process.env.IDENTITY_HEADER;
    },
  };
}

/** Sum of counts whose key matches. */
export function countOf(table: Record<string, number>, pattern: RegExp): number {
  return Object.entries(table).reduce((n, [k, v]) => (pattern.test(k) ? n + v : n), 0);
}
