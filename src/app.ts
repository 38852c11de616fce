// Assembles the bot: tenant clients, who may use it, the commands and card actions, and the HTTP
// server. Used by production start, the demo launcher and the integration tests alike.
import type { BotConfig } from './config';
import { registerSecret, type Logger } from './log';
import { AdminPolicy, ownerCheck } from './access/admins';
import { isServiceError } from './m365/service-error';
import { Router } from './dispatch/router';
import { allCommands } from './commands';
import { allActions } from './actions';
import type { BotServices } from './services';
import { connectTenant } from './m365/tenant-clients';
import { startBotServer, BotServer } from './teams/server';
import { createBlobState } from './teams/blob-state';
import { SnapshotStore } from './state/snapshots';
import { ExportLinks, exportSigningKey } from './exports/links';
import { exportRoute } from './exports/serve';
import { createAlertRuntime } from './alerts/runtime';
import { createArchiveRuntime } from './alerts/archive-runtime';
import { createScheduleRuntime } from './schedules/runtime';
import { reportWithoutTurn } from './commands/reports';
import type { Window } from './cycle/pace';
import { MailboxUsageCache } from './m365/mailbox-usage';
import { USAGE_REPORT_THRESHOLD } from './reports/figure-source';
import { ChatTurns } from './runner/chat-turns';
import { HistoryStore } from './history/history-store';
import { HistoryCollector } from './history/collect';
import { BlobUsageKeeper } from './history/kept-usage-report';
import { stateContainer } from './state/lease';

export interface StartBotOptions {
  config: BotConfig;
  log: Logger;
  tlsCa?: string;
  /** 127.0.0.1 for the demo and tests; all interfaces in production (App Service forwards to PORT). */
  bindHost?: string;
  authOverrides?: Record<string, string>;
  /** Other alert pace windows (the benchmark); default: Teams' limits. */
  alertPace?: { perConversation?: Window[]; global?: Window[] };
  /** The moment a turn's reports are "as of" (tests that compare two reports freeze it). */
  clock?: () => Date;
  /** Tests and benches: the usage report's threshold and how often a kept copy is checked for a newer one. */
  usageReport?: { threshold?: number; recheckMs?: number };
  /**
   * Tests only: origins (a local connector) a production-mode bot may send proactive messages to;
   * otherwise only Teams' service hosts, and loopback in demo mode (src/teams/proactive.ts).
   */
  trustedServiceUrls?: string[];
  /** Tests: a shorter wait for a slow request body (default 30 s). */
  bodyTimeoutMs?: number;
}

export interface RunningBot {
  url: string;
  port: number;
  server: BotServer;
  services: BotServices;
  stop(): Promise<void>;
}

export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config, log } = options;
  if (!config.demo && !config.bot.appId) {
    // botbuilder reads an empty app id as "authentication off": fine for the local demo, never for a tenant.
    throw new Error('MicrosoftAppId is empty: outside demo mode the bot would accept unauthenticated requests. Set MicrosoftAppId.');
  }
  // App Service's managed-identity header is a credential: whoever pastes it into a chat or a
  // request must not find it in the log (the demo and doctor register theirs too).
  registerSecret(process.env.IDENTITY_HEADER);
  const tenant = connectTenant({
    tenantId: config.tenantId,
    graphEndpoint: config.graphEndpoint,
    exchangeEndpoint: config.exchangeEndpoint,
    managedIdentityClientId: config.managedIdentityClientId,
    exchangeCeiling: config.exchangeMaxInFlight,
    tlsCa: options.tlsCa,
    onRetry: (info) => log.debug('retrying', { service: info.service, status: info.status, attempt: info.retry, waitMs: info.delayMs }),
  });
  const state = createBlobState(config, tenant.credential);
  const snapshots = new SnapshotStore(state);
  // Reading the key also proves the storage answers before the bot says it is healthy.
  let listening = '';
  const exportLinks = new ExportLinks(
    await exportSigningKey(state, log),
    () => config.publicUrl || listening.replace('127.0.0.1', 'localhost'),
  );
  if (!config.admins.length && !config.adminGroupId)
    log.error('no admins: set BOT_ADMINS or BOT_ADMIN_GROUP_ID; until then every message is answered with what to set');
  const access = new AdminPolicy({
    admins: config.admins,
    groupId: config.adminGroupId,
    tenantId: config.demo ? undefined : config.tenantId,
    isGroupMember: async (userId, groupId) => {
      try {
        return (await tenant.graph.checkMemberGroups(userId, [groupId])).map((g) => g.toLowerCase()).includes(groupId);
      } catch (err) {
        // Someone the directory does not know is simply not an admin; saying "cannot verify" would tell them so.
        if (isServiceError(err) && err.notFound) return false;
        throw err;
      }
    },
  });
  // Whoever set up a delivery (alerts, a scheduled report) must still be an admin when it is sent.
  const owners = () => ownerCheck(access);
  const schedules = createScheduleRuntime({
    config,
    state,
    credential: tenant.credential,
    log,
    clock: options.clock,
    owners,
    // The report command's own spec, made without a turn; called only once cycles run, when both exist.
    makeReport: (text, at) =>
      reportWithoutTurn(
        (word) => router.command(word),
        text,
        { services, log: at.log, now: () => at.now, conversation: at.conversation },
        at.conversationIds,
      ),
  });
  const usage = {
    reports: new MailboxUsageCache({
      recheckMs: options.usageReport?.recheckMs,
      keeper: new BlobUsageKeeper(stateContainer(config, tenant.credential)),
      onKeepFailed: (err) => log.warn('usage report not kept in storage: its buttons work on this instance only', { err: err as Error }),
    }),
    threshold: options.usageReport?.threshold ?? USAGE_REPORT_THRESHOLD,
  };
  const historyStore = new HistoryStore(stateContainer(config, tenant.credential), { retentionDays: config.historyDays });
  const history = {
    store: historyStore,
    collector: new HistoryCollector({
      store: historyStore,
      reports: usage.reports,
      graph: tenant.graph,
      tenantId: config.tenantId,
      log,
      now: options.clock,
    }),
  };
  const archives = createArchiveRuntime({ config, tenant, state, credential: tenant.credential, log, clock: options.clock });
  const alerts = createAlertRuntime({
    archives: () => archives.services.readings.all(),
    heldMailboxes: () => archives.services.readings.heldMailboxes(),
    config,
    history: history.collector,
    growthForAll: () => historyStore.growthForAll(),
    tenant,
    state,
    credential: tenant.credential,
    log,
    pace: options.alertPace,
    usage,
    clock: options.clock,
    schedules,
    owners,
  });
  const services: BotServices = {
    config,
    tenant,
    state,
    snapshots,
    exportLinks,
    alerts: alerts.services,
    usage,
    schedules: schedules.services,
    chats: new ChatTurns(),
    conversationState: [alerts.services, schedules.services],
    history,
    archives: archives.services,
  };
  const router = new Router(allCommands(), allActions(), access);
  const server = await startBotServer({
    config,
    router,
    services,
    log,
    authOverrides: options.authOverrides,
    bindHost: options.bindHost,
    routes: [exportRoute({ links: exportLinks, snapshots, log, usage: usage.reports }), alerts.route],
    clock: options.clock,
    trustedServiceUrls: options.trustedServiceUrls,
    bodyTimeoutMs: options.bodyTimeoutMs,
  });
  listening = server.url;
  alerts.attach(server.bot.proactiveSender());
  return {
    url: server.url,
    port: server.port,
    server,
    services,
    stop: async () => {
      // A cycle in flight finishes first: its claims are sent, not dropped or repeated after a restart.
      await alerts.stop();
      await archives.stop();
      await server.close();
      tenant.close();
    },
  };
}
