// The one way to reach a tenant: one credential, one pipeline per service (retries, throttling,
// timeouts and the in-flight cap live there), the two clients over them, and token scopes derived
// from the endpoints so national clouds get their own audience. The bot, `doctor` (chat and
// `npm run doctor`), the benchmarks and the m365 integration tests all build their clients here.
import { CredentialUnavailableError, type GetTokenOptions, type TokenCredential } from '@azure/identity';
import { createCredential } from './credential';
import { ExchangeClient, exchangePipelineOptions } from './exchange-client';
import { GraphClient } from './graph-client';
import { createServicePipeline } from './pipeline';
import type { RetryInfo } from './retry-policy';

export interface TenantConnection {
  tenantId: string;
  graphEndpoint: string;
  exchangeEndpoint: string;
  /** Default: the managed identity named by managedIdentityClientId (system-assigned when absent). */
  credential?: TokenCredential;
  managedIdentityClientId?: string;
  /** PEM to trust instead of the system store (the simulated tenant). */
  tlsCa?: string;
  onRetry?: (info: RetryInfo) => void;
  /** Defaults: Graph 8 in flight; Exchange adaptive per tenant (a number here fixes it instead). */
  graphMaxInFlight?: number;
  exchangeMaxInFlight?: number;
  /** The most Exchange requests in flight the adaptive limit may reach (EXCHANGE_MAX_IN_FLIGHT; default 3). */
  exchangeCeiling?: number;
  /** Deadline per attempt (default 30 s; Exchange EXCHANGE_ATTEMPT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Get-Mailbox records per page (default 1000). */
  exchangePageSize?: number;
  /** Default 6 (Exchange: EXCHANGE_PATIENCE). */
  maxRetries?: number;
  /** Default INTERACTIVE_RETRY_BUDGET_MS (Exchange: EXCHANGE_PATIENCE, the module's minute). */
  retryBudgetMs?: number;
}

export interface TenantScopes {
  graph: string;
  exchange: string;
}

export interface TenantClients {
  graph: GraphClient;
  exchange: ExchangeClient;
  /** The credential the pipelines use (the bot's Blob state uses it too). */
  credential: TokenCredential;
  /** The token scope each service's pipeline asks for. */
  scopes: TenantScopes;
  /** Closes idle connections (tests, shutdown). */
  close(): void;
}

const GRAPH_IN_FLIGHT = 8;
/**
 * How long one Graph call may keep retrying without progress (retry-policy.ts: while the tenant
 * answers other requests, a throttled one waits on). Exchange gets the module's minute instead
 * (EXCHANGE_PATIENCE in exchange-client.ts).
 */
export const INTERACTIVE_RETRY_BUDGET_MS = 20_000;

export function connectTenant(c: TenantConnection): TenantClients {
  const credential = namingTheEndpoint(c.credential ?? createCredential({ managedIdentityClientId: c.managedIdentityClientId }));
  const scopes = tenantScopes(c);
  const common = {
    credential,
    timeoutMs: c.timeoutMs ?? 30_000,
    maxRetries: c.maxRetries ?? 6,
    retryBudgetMs: c.retryBudgetMs ?? INTERACTIVE_RETRY_BUDGET_MS,
    tlsCa: c.tlsCa,
    onRetry: c.onRetry,
  };
  const graphPipeline = createServicePipeline({
    ...common,
    service: 'graph',
    scope: scopes.graph,
    maxInFlight: c.graphMaxInFlight ?? GRAPH_IN_FLIGHT,
  });
  // Exchange's limits are found at run time, per tenant (adaptive-concurrency.ts); an explicit
  // exchangeMaxInFlight (tests) fixes the cap instead.
  const exchangePipeline = createServicePipeline({
    ...common,
    service: 'exchange',
    scope: scopes.exchange,
    ...exchangePipelineOptions(c.exchangeEndpoint, c.tenantId, c.exchangeCeiling),
    ...(c.exchangeMaxInFlight ? { maxInFlight: c.exchangeMaxInFlight, concurrency: undefined } : {}),
    ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}),
    ...(c.maxRetries !== undefined ? { maxRetries: c.maxRetries } : {}),
    ...(c.retryBudgetMs !== undefined ? { retryBudgetMs: c.retryBudgetMs } : {}),
  });
  return {
    graph: new GraphClient({ endpoint: c.graphEndpoint, pipeline: graphPipeline }),
    exchange: new ExchangeClient({
      endpoint: c.exchangeEndpoint,
      tenantId: c.tenantId,
      pipeline: exchangePipeline,
      pageSize: c.exchangePageSize,
      findHome: true,
    }),
    credential,
    scopes,
    close() {
      graphPipeline.close();
      exchangePipeline.close();
    },
  };
}

// Sovereign cloud endpoints: https://learn.microsoft.com/graph/deployments#microsoft-graph-and-graph-explorer-service-root-endpoints
// and https://learn.microsoft.com/powershell/exchange/connect-to-exchange-online-powershell (-ExchangeEnvironmentName).
export const GRAPH_RESOURCES = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://microsoftgraph.chinacloudapi.cn',
];
export const EXCHANGE_RESOURCES = [
  'https://outlook.office365.com',
  'https://outlook.office365.us',
  'https://outlook-dod.office365.us',
  'https://outlook.office365.cn',
];

/** The scope each service's token is asked for, from where the service is reached. */
export function tenantScopes(endpoints: { graphEndpoint: string; exchangeEndpoint: string }): TenantScopes {
  return {
    graph: tokenScope(endpoints.graphEndpoint, GRAPH_RESOURCES, 'https://graph.microsoft.com'),
    exchange: tokenScope(endpoints.exchangeEndpoint, EXCHANGE_RESOURCES, 'https://outlook.office365.com'),
  };
}

/**
 * The token audience is the service's resource name, not wherever it is reached: a regional host or
 * the simulated tenant still takes tokens for the commercial resource.
 */
export function tokenScope(endpoint: string, known: string[], commercial: string): string {
  const origin = new URL(endpoint).origin;
  return `${known.includes(origin) ? origin : commercial}/.default`;
}

/**
 * @azure/identity reports an identity endpoint that is down (5xx, refused connection) as a generic
 * "Authentication failed … Correlation ID …"; the admin must read that the managed identity endpoint
 * did not answer, which is a different fix from a missing grant.
 */
function namingTheEndpoint(credential: TokenCredential): TokenCredential {
  return {
    getToken: async (scopes: string | string[], options?: GetTokenOptions) => {
      try {
        return await credential.getToken(scopes, options);
      } catch (err) {
        const cause = (err as { cause?: { status?: unknown; errorCode?: unknown; code?: unknown; message?: unknown } }).cause;
        const status = typeof cause?.status === 'number' ? cause.status : 0;
        const network = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|socket hang up|network/i.test(
          `${cause?.errorCode ?? ''} ${cause?.code ?? ''} ${cause?.message ?? ''} ${(err as Error)?.message ?? ''}`,
        );
        if (status >= 500 || network) {
          const what = status ? `HTTP ${status}` : 'no connection';
          throw new CredentialUnavailableError(`ManagedIdentityCredential: the managed identity endpoint did not answer (${what}).`, {
            cause: err,
          });
        }
        throw err;
      }
    },
  };
}
