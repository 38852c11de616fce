// The check cycle put together for one bot instance: the alert stores, the cycle with its lease and
// pace and its steps (history, alerts, the scheduled reports' step), its timer and the schedules'
// minute tick, and POST /api/alerts/run. The sender (botbuilder) is attached once the server runs;
// nothing here imports botbuilder.
import type { TokenCredential } from '@azure/identity';
import type { BotConfig } from '../config';
import type { Logger } from '../log';
import type { TenantClients } from '../m365/tenant-clients';
import { ConversationStore } from '../state/conversations';
import { BlobCycleLock, blobCreateIfAbsent, stateContainer, type CycleLock } from '../state/lease';
import { LedgerStore } from '../state/ledger';
import type { StateStore } from '../state/store';
import { SubscriptionStore } from '../state/subscriptions';
import { AlertCycle, type CycleReport, type RunOptions } from './cycle';
import type { MessageSender } from '../cycle/delivery';
import { SendPace, type Window } from '../cycle/pace';
import { startCycleTimer, type Timer } from '../cycle/timer';
import type { HttpRoute } from '../model/http';
import { RunnerAuth } from './run-auth';
import { readAlertFacts } from './tenant-facts';
import type { ScheduleStep } from '../schedules/step';
import type { UsageServices } from '../m365/mailbox-usage';
import type { KeepsConversationState } from '../model/conversation';
import type { HistoryStep } from './cycle';
import type { GrowthTable } from '../reports/growth';
import type { OwnerCheck } from '../access/admins';
import type { ArchiveFigures, HeldMailbox } from '../model/tenant';

/** Proactive alerts: where the bot can speak, who subscribed, what was sent, and the check cycle. */
/** `forget`: the conversation's reference, subscription and alert ledger go. */
export interface AlertServices extends KeepsConversationState {
  conversations: ConversationStore;
  subscriptions: SubscriptionStore;
  ledger: LedgerStore;
  /** Runs a check cycle now (the lease still decides whether this instance runs it). */
  runCycle(options?: RunOptions): Promise<CycleReport>;
}

export interface AlertRuntimeOptions {
  config: BotConfig;
  tenant: TenantClients;
  state: StateStore;
  credential: TokenCredential;
  log: Logger;
  /** Tests and the benchmark: other pace windows. */
  pace?: { perConversation?: Window[]; global?: Window[] };
  lock?: CycleLock;
  /** What "now" is for the cycle (tests with a controlled clock); the wall clock otherwise. */
  clock?: () => Date;
  /** The scheduled reports: the step of each cycle, and the minute tick that runs it alone when a time comes. */
  schedules?: { step: ScheduleStep; startTicks(runCycle: (options: RunOptions) => Promise<{ ran: boolean }>): Timer | undefined };
  /** Microsoft 365's usage report, shared with the chat commands: quota checks of a large tenant use it. */
  usage?: UsageServices;
  /** Collects a new day of mailbox history in each cycle. */
  history?: HistoryStep;
  /** Every mailbox's growth from the history, for the full-soon alert. */
  growthForAll?: () => Promise<GrowthTable>;
  /** Is whoever turned alerts on still an admin (a new check per cycle)? */
  owners?: () => OwnerCheck;
  /** The archives' stored readings, for the archive alert kinds. */
  archives?: () => Promise<ArchiveFigures[]>;
  /** The mailboxes on Litigation Hold the archive refresh listed, for the Recoverable Items kind. */
  heldMailboxes?: () => Promise<HeldMailbox[]>;
}

export interface AlertRuntime {
  services: AlertServices;
  /** Starts cycles (timer, minute tick and requests) once the bot can send. */
  attach(sender: MessageSender): void;
  /** POST /api/alerts/run: a cycle now, for an external scheduler holding an Entra token. */
  route: HttpRoute;
  stop(): Promise<void>;
}

export function createAlertRuntime(options: AlertRuntimeOptions): AlertRuntime {
  const { config, state, log } = options;
  const container = stateContainer(config, options.credential);
  const conversations = new ConversationStore(state);
  const subscriptions = new SubscriptionStore(state, log.child({ part: 'alerts' }));
  const ledger = new LedgerStore(state, blobCreateIfAbsent(container));
  const lock = options.lock ?? new BlobCycleLock(container, { log });
  const pace = new SendPace(options.pace ?? {});
  let cycle: AlertCycle | undefined;
  let timers: Timer[] = [];
  const running = new Set<Promise<unknown>>();

  const runCycle = (runOptions: RunOptions = {}): Promise<CycleReport> => {
    if (!cycle) return Promise.reject(new Error('alerts are not ready yet'));
    const run = cycle.run(runOptions);
    running.add(run);
    void run.catch(() => undefined).finally(() => running.delete(run));
    return run;
  };

  const auth = new RunnerAuth({
    tenantId: config.bot.appTenantId || config.tenantId,
    audiences: config.alertRun.audiences ?? (config.bot.appId ? [config.bot.appId, `api://${config.bot.appId}`] : []),
    runners: config.alertRun.runners,
    metadataUrl: config.alertRun.metadataUrl,
    issuers: config.alertRun.issuers,
  });

  return {
    services: {
      conversations,
      subscriptions,
      ledger,
      runCycle,
      forget: async (id) => void (await Promise.all([conversations.remove(id), subscriptions.unsubscribe(id), ledger.remove(id)])),
    },
    attach(sender) {
      cycle = new AlertCycle({
        readTenant: (kinds) =>
          readAlertFacts(
            options.tenant,
            kinds,
            options.usage && { ...options.usage, tenantId: config.tenantId },
            options.growthForAll,
            options.archives,
            options.heldMailboxes,
          ),
        subscriptions,
        conversations,
        ledger,
        state,
        lock,
        sender,
        pace,
        log: log.child({ part: 'alerts' }),
        remediation: config.remediation,
        now: options.clock,
        schedules: options.schedules?.step,
        history: options.history,
        owners: options.owners,
      });
      const ticks = options.schedules?.startTicks(runCycle);
      timers = [startCycleTimer(runCycle, config.alertIntervalMinutes, log), ...(ticks ? [ticks] : [])];
    },
    route: {
      method: 'POST',
      path: '/api/alerts/run',
      handle: async (req) => {
        const check = await auth.check(req.headers.authorization);
        if (!check.ok) {
          log.warn('alert run refused', { status: check.status, reason: check.reason });
          const message =
            check.status === 503
              ? 'The signing keys of the tenant could not be read; try again.'
              : check.status === 403
                ? 'This caller is not allowed to run alert checks (ALERT_RUNNERS).'
                : 'A valid Entra ID bearer token for the bot is required.';
          return {
            status: check.status,
            headers: check.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : undefined,
            json: { error: message },
          };
        }
        log.info('alert run requested', { caller: check.caller });
        const wait = /^(1|true|yes)$/i.test(req.query.wait ?? '');
        const run = runCycle();
        if (!wait) {
          run.catch((err) => log.error('alert cycle failed', { err: err as Error }));
          return { status: 202, json: { accepted: true } };
        }
        try {
          return { status: 200, json: await run };
        } catch (err) {
          log.error('alert cycle failed', { err: err as Error });
          return { status: 500, json: { error: 'The alert cycle failed; it has been logged.' } };
        }
      },
    },
    async stop() {
      await Promise.all(timers.map((t) => t.stop()));
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
