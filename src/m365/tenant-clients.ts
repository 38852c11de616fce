// Everything the bot needs to talk to one tenant: one credential, one pipeline per service, and
// the two clients over them.
import type { TokenCredential } from '@azure/identity';
import { ExchangeClient, exchangePipelineOptions } from './exchange-client';
import { GraphClient } from './graph-client';
import { createServicePipeline } from './pipeline';
import type { RetryInfo } from './retry-policy';

export interface TenantConnection {
  tenantId: string;
  graphEndpoint: string;
  exchangeEndpoint: string;
  credential: TokenCredential;
  /** PEM to trust instead of the system store (the simulated tenant). */
  tlsCa?: string;
  onRetry?: (info: RetryInfo) => void;
  /** Defaults: Graph 8 in flight, Exchange 4 (Exchange publishes no limits; the module runs one). */
  graphMaxInFlight?: number;
  exchangeMaxInFlight?: number;
  timeoutMs?: number;
  /** Get-Mailbox records per page (default 1000). */
  exchangePageSize?: number;
  maxRetries?: number;
  retryBudgetMs?: number;
  /** Token scopes; by default the service's own resource (national clouds included), whatever the endpoint. */
  graphScope?: string;
  exchangeScope?: string;
}

export interface TenantClients {
  graph: GraphClient;
  exchange: ExchangeClient;
  /** Closes idle connections (tests, shutdown). */
  close(): void;
}

export function connectTenant(c: TenantConnection): TenantClients {
  const common = {
    credential: c.credential,
    timeoutMs: c.timeoutMs ?? 60_000,
    maxRetries: c.maxRetries ?? 5,
    retryBudgetMs: c.retryBudgetMs,
    tlsCa: c.tlsCa,
    onRetry: c.onRetry,
  };
  const graphPipeline = createServicePipeline({
    ...common,
    service: 'graph',
    scope: c.graphScope ?? tokenScope(c.graphEndpoint, GRAPH_RESOURCES, 'https://graph.microsoft.com'),
    maxInFlight: c.graphMaxInFlight ?? 8,
  });
  const exchangePipeline = createServicePipeline({
    ...common,
    service: 'exchange',
    scope: c.exchangeScope ?? tokenScope(c.exchangeEndpoint, EXCHANGE_RESOURCES, 'https://outlook.office365.com'),
    ...exchangePipelineOptions(c.exchangeEndpoint, c.tenantId),
    ...(c.exchangeMaxInFlight ? { maxInFlight: c.exchangeMaxInFlight, concurrency: undefined } : {}),
    ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}),
  });
  return {
    graph: new GraphClient({ endpoint: c.graphEndpoint, pipeline: graphPipeline }),
    exchange: new ExchangeClient({ endpoint: c.exchangeEndpoint, tenantId: c.tenantId, pipeline: exchangePipeline, pageSize: c.exchangePageSize }),
    close() {
      graphPipeline.close();
      exchangePipeline.close();
    },
  };
}

const GRAPH_RESOURCES = ['https://graph.microsoft.com', 'https://graph.microsoft.us', 'https://dod-graph.microsoft.us', 'https://microsoftgraph.chinacloudapi.cn'];
const EXCHANGE_RESOURCES = ['https://outlook.office365.com', 'https://outlook.office365.us', 'https://outlook-dod.office365.us', 'https://outlook.office365.cn'];

/**
 * The token audience is the service's resource name, not wherever it is reached: a regional host or
 * the simulated tenant still takes tokens for the commercial resource.
 */
export function tokenScope(endpoint: string, known: string[], commercial: string): string {
  const origin = new URL(endpoint).origin;
  return `${known.includes(origin) ? origin : commercial}/.default`;
}
