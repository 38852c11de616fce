// `npm start` without a tenant: the simulated tenant, local Blob Storage, the bot and the Agents
// Playground, wired exactly as production is (IDENTITY_ENDPOINT, GRAPH_ENDPOINT, EXCHANGE_ENDPOINT)
// but pointed at the simulator. Ctrl-C stops everything this started.
import { ASSUMED_MODEL, FAST_MODEL, startSimulator, RunningSimulator } from '../simulator';
import { loadTenant } from '../simulator/tenant/load';
import type { TenantFixture } from '../simulator/tenant/fixture';
import { readConfig } from '../config';
import { Logger, registerSecret } from '../log';
import { startBot, RunningBot } from '../app';
import { startPlayground, Playground, PLAYGROUND_USER_ID } from './playground';
import { startAzurite, LocalStorage } from './azurite';
import { withDemoGrowth } from '../simulator/tenant/demo-growth';
import { backfillHistory } from './history-backfill';

export interface Demo {
  tenant: TenantFixture;
  simulator: RunningSimulator;
  storage: LocalStorage;
  bot: RunningBot;
  playground?: Playground;
  stop(): Promise<void>;
}

/** Never an empty reason: Azure's RestError can come with no message, only a status. */
export function reasonOf(err: any): string {
  const message = typeof err?.message === 'string' ? err.message.trim() : '';
  if (message) return message;
  const parts = [err?.name, err?.statusCode && `HTTP ${err.statusCode}`, err?.code].filter(Boolean);
  if (Array.isArray(err?.errors) && err.errors[0]) parts.push(reasonOf(err.errors[0]));
  return parts.length ? parts.join(', ') : String(err) || 'unknown error';
}

/** Above this, the demo's first start does not collect months of history unless DEMO_HISTORY=on. */
const DEMO_HISTORY_MAX_MAILBOXES = 10_000;

export async function startDemo(env: NodeJS.ProcessEnv = process.env, options: { quiet?: boolean } = {}): Promise<Demo> {
  const tenant = withDemoGrowth(loadTenant(env.DEMO_TENANT || undefined));
  const simulator = await startSimulator({
    tenant,
    controlPort: Number(env.SIM_PORT || 0),
    // The assumed Exchange Online's shape (limits, item-level throttling) at a tenth of its costs,
    // so the demo shows progress and paging and stays snappy.
    modelBase: ASSUMED_MODEL,
    model: FAST_MODEL,
    quiet: true,
  });
  const stops: (() => Promise<void>)[] = [() => simulator.stop()];
  try {
    const info = simulator.info;
    // The same variables App Service sets for a managed identity.
    process.env.IDENTITY_ENDPOINT = info.identityEndpoint;
    process.env.IDENTITY_HEADER = info.identityHeader;
    // The demo's identity is user-assigned, as in production: doctor reads it from here.
    process.env.AZURE_CLIENT_ID = info.clientId;
    registerSecret(info.identityHeader);

    const location = env.AZURITE_LOCATION || '.azurite';
    const storageFix = `Its data in ${location}/ may be damaged: delete ${location}/ and start again (the demo's saved state starts over).`;
    const storage = await startAzurite({ location, quiet: true }).catch((err) => {
      throw new Error(`Local Blob Storage (Azurite) did not start: ${reasonOf(err)}. ${storageFix}`);
    });
    stops.unshift(() => storage.stop());

    const base = readConfig({
      ...env,
      GRAPH_ENDPOINT: info.graph,
      EXCHANGE_ENDPOINT: info.exchange,
      AZURE_CLIENT_ID: info.clientId,
      STORAGE_CONNECTION_STRING: storage.connectionString,
    });
    const config = {
      ...base,
      tenantId: info.tenantId,
      organization: tenant.tenant.initialDomain,
      admins: base.admins.length ? base.admins : [PLAYGROUND_USER_ID],
      remediation: env.REMEDIATION === undefined ? true : base.remediation,
      // POST /api/alerts/run works in the demo as in production: a managed identity's token for the
      // bot, checked against the tenant's signing keys. Here the simulated tenant publishes the keys,
      // the bot's audience is its identity's client id (as MicrosoftAppId is for a UserAssignedMSI
      // bot), and that same identity may run cycles, besides any ALERT_RUNNERS.
      alertRun: {
        runners: [...base.alertRun.runners, info.principalId.toLowerCase()],
        metadataUrl: info.openIdConfiguration,
        audiences: [info.clientId, `api://${info.clientId}`],
      },
    };
    const log = new Logger(config.logLevel, { app: 'mailbox-watch' });
    const bot = await startBot({ config, log, tlsCa: info.caCertPem, bindHost: '127.0.0.1' }).catch((err) => {
      // The bot's first act is reading its storage (the export signing key): a storage answer is Azurite's fault.
      if (err?.name === 'RestError' || typeof err?.statusCode === 'number') {
        throw new Error(`Local Blob Storage (Azurite) failed: ${reasonOf(err)}. ${storageFix}`);
      }
      throw new Error(`The bot did not start: ${reasonOf(err)}`);
    });
    stops.unshift(() => bot.stop());

    // Before anyone can chat: months of history, collected day by day through the bot's real path.
    const history = bot.services.history;
    const mailboxCount = tenant.users.filter((u) => u.mailbox).length;
    // Collecting 93 days of a large generated tenant takes minutes before anyone can chat: there it
    // waits for DEMO_HISTORY=on.
    const historyWanted = (env.DEMO_HISTORY ?? (mailboxCount > DEMO_HISTORY_MAX_MAILBOXES ? 'off' : 'on')).toLowerCase() !== 'off';
    const backfill = !historyWanted
      ? null
      : await backfillHistory({
          controlUrl: simulator.controlUrl,
          collect: () => history.collector.collect({ recheck: true, quiet: true }),
          storedDays: async () => (await history.store.summary()).days,
        }).catch((err) => {
          log.warn('demo history not filled in', { err: err as Error });
          return null;
        });

    let playground: Playground | undefined;
    if ((env.PLAYGROUND ?? 'on').toLowerCase() !== 'off') {
      playground = await startPlayground({ botUrl: bot.url, port: Number(env.PLAYGROUND_PORT || 56150), quiet: true });
      stops.unshift(() => playground!.stop());
    }

    if (!options.quiet) {
      const users = tenant.users.filter((u) => u.mailbox).length;
      process.stdout.write(
        [
          '',
          `  Mailbox Watch — demo mode (simulated tenant "${tenant.tenant.displayName ?? tenant.tenant.initialDomain}", ${users.toLocaleString('en-US')} mailboxes)`,
          `  Playground (chat here):   ${playground ? playground.url : 'off (PLAYGROUND=off)'}`,
          `  Bot:                      ${bot.url}/api/messages   health: ${bot.url}/healthz`,
          `  Simulated tenant control: ${simulator.controlUrl}/_sim/info`,
          `  Graph / Exchange:         ${info.graph} / ${info.exchange}`,
          `  Blob Storage (Azurite):   ${storage.blobUrl}`,
          backfill
            ? `  History:                  ${backfill.collected} days collected through the simulated clock in ${(backfill.ms / 1000).toFixed(0)} s (once; kept in ${location}/)`
            : historyWanted
              ? '  History:                  kept in storage · try: history · mailbox megan · mailboxes sort growth'
              : `  History:                  not filled in (DEMO_HISTORY=${env.DEMO_HISTORY ? 'off' : `on collects 93 days; off by default over ${DEMO_HISTORY_MAX_MAILBOXES.toLocaleString('en-US')} mailboxes`})`,
          '  Try: help · mailboxes · mailboxes shared sort size · mailbox megan · shared · licenses',
          `  Alerts:                   checks every ${config.alertIntervalMinutes} min in the demo (ALERT_INTERVAL_MINUTES) · try: alerts on · alerts check`,
          '  Ctrl-C stops everything.',
          '',
        ].join('\n') + '\n',
      );
    }
    return {
      tenant,
      simulator,
      storage,
      bot,
      playground,
      stop: async () => {
        for (const stop of stops) await stop().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const stop of stops) await stop().catch(() => undefined);
    throw err;
  }
}
