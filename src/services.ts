// The tenant's services as the bot's commands use them: one credential, one pipeline per service
// (retries, throttling, timeouts and the in-flight cap live there), and the clients built on them.
import type { TokenCredential } from '@azure/identity';
import type { BotConfig } from './config';
import type { Logger } from './log';
import { createCredential } from './m365/credential';
import { createServicePipeline } from './m365/pipeline';
import { ExchangeClient } from './m365/exchange-client';
import { GraphClient } from './m365/graph-client';
import type { StateStore } from './state/store';
import type { SnapshotStore } from './state/snapshots';
import type { ExportLinks } from './exports/links';

export interface TenantClients {
  exchange: ExchangeClient;
  graph: GraphClient;
  credential: TokenCredential;
}

export interface BotServices {
  config: BotConfig;
  tenant: TenantClients;
  /** All bot state, in Blob Storage. */
  state: StateStore;
  /** Report rows kept for the buttons of their cards. */
  snapshots: SnapshotStore;
  exportLinks: ExportLinks;
}

export interface ConnectOptions {
  /** PEM of the only CA to trust for Graph and Exchange (the simulated tenant); production: system store. */
  tlsCa?: string;
  log: Logger;
  credential?: TokenCredential;
}

/** Exchange publishes no limits; a few requests in flight per tenant is what its own module does. */
const EXCHANGE_IN_FLIGHT = 4;
const GRAPH_IN_FLIGHT = 8;
/**
 * How long one call may keep retrying. Reports are interactive: an admin waiting on a service that
 * stays down must hear so within 30 s (issue 7), so a failing call gives up after ~20 s of retries
 * (plus the last attempt; a service that accepts and hangs is cut by the 30 s attempt deadline).
 * Throttling with short Retry-After values still fits comfortably.
 */
const INTERACTIVE_RETRY_BUDGET_MS = 20_000;

export function connectTenant(config: BotConfig, options: ConnectOptions): TenantClients {
  const credential = options.credential ?? createCredential({ managedIdentityClientId: config.managedIdentityClientId });
  const onRetry = (service: string) => (info: any) =>
    options.log.debug('retrying', { service, status: info?.status, attempt: info?.attempt, waitMs: info?.delayMs ?? info?.waitMs });
  const exchange = new ExchangeClient({
    endpoint: config.exchangeEndpoint,
    tenantId: config.tenantId,
    pipeline: createServicePipeline({
      service: 'exchange',
      credential,
      scope: 'https://outlook.office365.com/.default',
      maxInFlight: EXCHANGE_IN_FLIGHT,
      timeoutMs: 30_000,
      maxRetries: 6,
      retryBudgetMs: INTERACTIVE_RETRY_BUDGET_MS,
      tlsCa: options.tlsCa,
      onRetry: onRetry('exchange'),
    }),
  });
  const graph = new GraphClient({
    endpoint: config.graphEndpoint,
    pipeline: createServicePipeline({
      service: 'graph',
      credential,
      scope: 'https://graph.microsoft.com/.default',
      maxInFlight: GRAPH_IN_FLIGHT,
      timeoutMs: 30_000,
      maxRetries: 6,
      retryBudgetMs: INTERACTIVE_RETRY_BUDGET_MS,
      tlsCa: options.tlsCa,
      onRetry: onRetry('graph'),
    }),
  });
  return { exchange, graph, credential };
}

export function closeTenant(clients: TenantClients): void {
  clients.exchange.pipeline.close();
  clients.graph.pipeline.close();
}
