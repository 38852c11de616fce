// The tenant's services as the bot's commands use them: one credential, one pipeline per service
// (retries, throttling, timeouts and the in-flight cap live there), and the clients built on them.
import { CredentialUnavailableError, type GetTokenOptions, type TokenCredential } from '@azure/identity';
import type { BotConfig } from './config';
import type { Logger } from './log';
import { createCredential } from './m365/credential';
import { createServicePipeline } from './m365/pipeline';
import { ExchangeClient } from './m365/exchange-client';
import { GraphClient } from './m365/graph-client';
import type { StateStore } from './state/store';
import type { SnapshotStore } from './state/snapshots';
import type { ExportLinks } from './exports/links';
import type { ConversationStore } from './state/conversations';
import type { SubscriptionStore } from './state/subscriptions';
import type { LedgerStore } from './state/ledger';
import type { CycleReport, RunOptions } from './alerts/cycle';
import type { ScheduleServices } from './schedules/runtime';

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
  alerts: AlertServices;
  /** Scheduled reports: their definitions, run ledgers, and a run made now. */
  schedules: ScheduleServices;
}

/** Proactive alerts: where the bot can speak, who subscribed, what was sent, and the check cycle. */
export interface AlertServices {
  conversations: ConversationStore;
  subscriptions: SubscriptionStore;
  ledger: LedgerStore;
  /** Runs a check cycle now (the lease still decides whether this instance runs it). */
  runCycle(options?: RunOptions): Promise<CycleReport>;
}

export interface ConnectOptions {
  /** PEM of the only CA to trust for Graph and Exchange (the simulated tenant); production: system store. */
  tlsCa?: string;
  log: Logger;
  credential?: TokenCredential;
}

/**
 * Exchange publishes no limits for InvokeCommand. The old remote PowerShell policy allowed 9 sessions
 * per tenant and field reports run 8 in parallel without trouble; 6 batches of 10 statistics stay
 * well inside that, and a tenant that throttles earlier gets 429s that the pipeline waits out.
 */
export const EXCHANGE_IN_FLIGHT = 6;
const GRAPH_IN_FLIGHT = 8;
/**
 * How long one call may keep retrying. Reports are interactive: an admin waiting on a service that
 * stays down must hear so within 30 s (issue 7), so a failing call gives up after ~20 s of retries
 * (plus the last attempt; a service that accepts and hangs is cut by the 30 s attempt deadline).
 * Throttling with short Retry-After values still fits comfortably.
 */
const INTERACTIVE_RETRY_BUDGET_MS = 20_000;

export function connectTenant(config: BotConfig, options: ConnectOptions): TenantClients {
  const credential = namingTheEndpoint(options.credential ?? createCredential({ managedIdentityClientId: config.managedIdentityClientId }));
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
          throw new CredentialUnavailableError(`ManagedIdentityCredential: the managed identity endpoint did not answer (${what}).`, { cause: err });
        }
        throw err;
      }
    },
  };
}
