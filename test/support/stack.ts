// The whole bot as integration tests use it: the simulated tenant over HTTPS, Azurite, the bot on a
// free port, and a local connector that receives what the bot posts. Nothing is mocked.
import { randomUUID } from 'node:crypto';
import { startSimulator, RunningSimulator, SimulatorOptions } from '../../src/simulator';
import { loadTenant } from '../../src/simulator/tenant/load';
import type { TenantFixture } from '../../src/simulator/tenant/fixture';
import { readConfig, BotConfig } from '../../src/config';
import { Logger, registerSecret } from '../../src/log';
import { startBot, RunningBot } from '../../src/app';
import { startAzurite, LocalStorage } from '../../src/demo/azurite';
import { LocalConnector } from './connector';

export const ADMIN_ID = '00000000-0000-0000-0000-0000000000020';
export const PLAYGROUND_TENANT = '00000000-0000-0000-0000-0000000000001';

export interface StackOptions {
  tenant?: TenantFixture | string;
  simulator?: Partial<SimulatorOptions>;
  config?: Partial<BotConfig>;
  env?: NodeJS.ProcessEnv;
  /** Reuse a storage (e.g. two bots on one storage). */
  storage?: LocalStorage;
  logLines?: string[];
  /** Freezes the bot's notion of now (reports made at different moments then compare equal). */
  clock?: () => Date;
  /** The usage report's threshold and recheck interval (a small tenant can then take the large-tenant path). */
  usageReport?: { threshold?: number; recheckMs?: number };
}

export interface Stack {
  sim: RunningSimulator;
  storage: LocalStorage;
  bot: RunningBot;
  connector: LocalConnector;
  config: BotConfig;
  tenant: TenantFixture;
  logLines: string[];
  /** Posts a chat message to /api/messages as `from` (to `bot`, another bot on this stack); resolves with the HTTP status. */
  say(
    text: string,
    options?: {
      bot?: RunningBot;
      from?: string;
      fromName?: string;
      conversationId?: string;
      conversationType?: string;
      tenantId?: string;
      value?: unknown;
      localTimezone?: string;
    },
  ): Promise<number>;
  /** Posts an Action.Execute invoke; resolves with the HTTP status and the invoke response body. */
  click(
    verb: unknown,
    data: unknown,
    options?: { from?: string; replyToId?: string; conversationId?: string },
  ): Promise<{ status: number; body: any }>;
  post(activity: unknown, raw?: string): Promise<{ status: number; body: any }>;
  /** Replaces the simulated tenant's injected faults (`PUT /_sim/faults`); `[]` clears them. */
  setFaults(rules: object[]): Promise<void>;
  /** Stops the bot and starts a new one on the same storage, tenant and settings (a restart). */
  restartBot(): Promise<RunningBot>;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const tenant = typeof options.tenant === 'object' ? options.tenant : loadTenant(options.tenant ?? 'demo');
  const sim = await startSimulator({ tenant, quiet: true, ...options.simulator });
  process.env.IDENTITY_ENDPOINT = sim.info.identityEndpoint;
  process.env.IDENTITY_HEADER = sim.info.identityHeader;
  registerSecret(sim.info.identityHeader);
  const ownStorage = !options.storage;
  const storage = options.storage ?? (await startAzurite());
  const connector = await new LocalConnector().start();
  const base = readConfig({
    PORT: '0',
    GRAPH_ENDPOINT: sim.info.graph,
    EXCHANGE_ENDPOINT: sim.info.exchange,
    AZURE_CLIENT_ID: sim.info.clientId,
    STORAGE_CONNECTION_STRING: storage.connectionString,
    STORAGE_CONTAINER: `test${randomUUID().replace(/-/g, '').slice(0, 12)}`,
    // No background rounds unless a test asks for them: the archive refresh's first round lands at a
    // random moment in the first minute and would add Exchange calls to the counts tests assert.
    ALERT_INTERVAL_MINUTES: '0',
    ...options.env,
  });
  const config: BotConfig = {
    ...base,
    tenantId: sim.info.tenantId,
    organization: tenant.tenant.initialDomain,
    admins: base.admins.length ? base.admins : [ADMIN_ID],
    ...options.config,
  };
  const logLines = options.logLines ?? [];
  const log = new Logger('debug', { app: 'test' }, (line) => logLines.push(line));
  const launch = () =>
    startBot({
      config,
      log,
      tlsCa: sim.info.caCertPem,
      bindHost: '127.0.0.1',
      clock: options.clock,
      usageReport: options.usageReport,
    });
  let bot = await launch();
  const conversationId = `conv-${randomUUID()}`;

  const post = async (activity: unknown, raw?: string, to: RunningBot = bot) => {
    const res = await fetch(`${to.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ?? JSON.stringify(activity),
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body };
  };
  const activityBase = (o: {
    from?: string;
    fromName?: string;
    conversationId?: string;
    conversationType?: string;
    tenantId?: string;
  }) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    timestamp: new Date().toISOString(),
    from: { id: `user-${o.from ?? ADMIN_ID}`, name: o.fromName ?? 'Test Admin', aadObjectId: o.from ?? ADMIN_ID },
    recipient: { id: 'bot-id', name: 'Mailbox Watch' },
    conversation: {
      id: o.conversationId ?? conversationId,
      conversationType: o.conversationType ?? 'personal',
      tenantId: o.tenantId ?? PLAYGROUND_TENANT,
    },
    channelData: { tenant: { id: o.tenantId ?? PLAYGROUND_TENANT } },
  });

  const stack: Stack = {
    sim,
    storage,
    bot,
    connector,
    config,
    tenant,
    logLines,
    post,
    setFaults: async (rules) => {
      const res = await fetch(`${sim.controlUrl}/_sim/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rules }),
      });
      expect(res.status).toBe(200);
    },
    say: async (text, o = {}) =>
      (
        await post(
          {
            ...activityBase(o),
            type: 'message',
            text,
            ...(o.value !== undefined ? { value: o.value } : {}),
            ...(o.localTimezone ? { localTimezone: o.localTimezone } : {}),
          },
          undefined,
          o.bot,
        )
      ).status,
    click: (verb, data, o = {}) =>
      post({
        ...activityBase(o),
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: o.replyToId,
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    restartBot: async () => {
      await bot.stop();
      bot = await launch();
      stack.bot = bot;
      return bot;
    },
    stop: async () => {
      await bot.stop();
      await connector.stop();
      if (ownStorage) await storage.stop();
      await sim.stop();
    },
  };
  return stack;
}
