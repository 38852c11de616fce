// The simulated tenant as the benchmarks use it: in this process, with the latency and throttling
// an admin's real tenant would show, and the bot's own clients pointed at it.
import { readConfig, type BotConfig } from '../src/config';
import { registerSecret } from '../src/log';
import type { RequestCounts } from '../src/simulator';
import type { SimulatorInfo } from '../src/simulator';
import { connectTenant, type TenantClients } from '../src/m365/tenant-clients';

/** The user every benchmark speaks as; the bot's config names it as its only admin. */
export const ADMIN_ID = '00000000-0000-0000-0000-0000000000020';

/** The bot's settings for a simulator (demo mode, port 0), as the demo launcher would build them. */
export function botConfigFor(info: SimulatorInfo, env: NodeJS.ProcessEnv = {}): BotConfig {
  // The managed-identity credential reads these when it is created, so they go first.
  process.env.IDENTITY_ENDPOINT = info.identityEndpoint;
  process.env.IDENTITY_HEADER = info.identityHeader;
  registerSecret(info.identityHeader);
  const base = readConfig({
    PORT: '0',
    GRAPH_ENDPOINT: info.graph,
    EXCHANGE_ENDPOINT: info.exchange,
    AZURE_CLIENT_ID: info.clientId,
    LOG_LEVEL: 'error',
    ...env,
  });
  return { ...base, tenantId: info.tenantId, organization: info.initialDomain, admins: [ADMIN_ID] };
}

/** Fresh clients (own token cache, own connections), as a newly started bot has. */
export function botClients(info: SimulatorInfo): TenantClients {
  const config = botConfigFor(info);
  return connectTenant({
    tenantId: config.tenantId,
    graphEndpoint: config.graphEndpoint,
    exchangeEndpoint: config.exchangeEndpoint,
    managedIdentityClientId: config.managedIdentityClientId,
    exchangeCeiling: config.exchangeMaxInFlight,
    tlsCa: info.caCertPem,
  });
}

export async function resetRequestCounts(controlUrl: string): Promise<void> {
  const res = await fetch(`${controlUrl}/_sim/requests`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`DELETE /_sim/requests answered ${res.status}`);
}

export async function requestCounts(controlUrl: string): Promise<RequestCounts> {
  const res = await fetch(`${controlUrl}/_sim/requests`);
  if (!res.ok) throw new Error(`GET /_sim/requests answered ${res.status}`);
  return (await res.json()) as RequestCounts;
}

export async function setFaults(controlUrl: string, rules: unknown[]): Promise<void> {
  const res = await fetch(`${controlUrl}/_sim/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });
  if (!res.ok) throw new Error(`PUT /_sim/faults answered ${res.status}: ${await res.text()}`);
}

/**
 * Exchange's traffic as the wire saw it. The simulator also counts each command inside a $batch
 * under InvokeCommand, so HTTP requests are the $batch posts plus the InvokeCommand posts that were
 * not inside a batch.
 */
export interface ExchangeTraffic {
  httpRequests: number;
  batches: number;
  /** InvokeCommand posts on the wire (Get-Mailbox pages, or the runbook's one-by-one statistics). */
  invokeCommands: number;
  /** Cmdlets run, inside batches or not. */
  cmdlets: Record<string, number>;
  throttled: number;
}

export function exchangeTraffic(counts: RequestCounts, innerCommands: number): ExchangeTraffic {
  const api = counts.apis.exchange;
  let batches = 0;
  let invoke = 0;
  for (const [key, n] of Object.entries(api.paths)) {
    if (/\/\$batch$/i.test(key)) batches += n;
    else if (/\/InvokeCommand$/i.test(key)) invoke += n;
  }
  const invokeCommands = invoke - innerCommands;
  // A refused (429) request is counted under its path too, so it is already in these sums.
  return { httpRequests: batches + invokeCommands, batches, invokeCommands, cmdlets: api.cmdlets, throttled: api.statuses['429'] ?? 0 };
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const count = (n: number): string => n.toLocaleString('en-US');

/** Setup, not measured: the conversation references a first message in each channel leaves in storage. */
export async function saveChannelConversations(
  conversations: { save(reference: object): Promise<unknown> },
  ids: string[],
  serviceUrl: string,
  tenantId: string,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        await conversations.save({
          channelId: 'msteams',
          serviceUrl,
          conversation: { id, conversationType: 'channel', tenantId },
          bot: { id: 'bot-id', name: 'Mailbox Watch' },
          user: { id: 'user-1' },
        });
      }
    }),
  );
}
