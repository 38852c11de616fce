// Scheduled reports put together for one bot instance: the stores, the step each check cycle runs,
// and a minute tick the cycle starts (alerts/runtime.ts). The alert timer runs a full cycle every ALERT_INTERVAL_MINUTES (an hour by
// default), which would post an 08:00 report as late as 08:59; so, whenever that timer is on, each
// instance also looks once a minute (one blob read) whether a schedule's time has come, and if so
// runs a schedules-only cycle under the same lease. The first tick after a start runs every due
// schedule: what was missed while the bot was down runs once, soon after it is back.
import type { TokenCredential } from '@azure/identity';
import { conversationTypeFrom, type Caller, type Conversation, type KeepsConversationState } from '../model/conversation';
import type { BotConfig } from '../config';
import type { Logger } from '../log';
import { ConversationStore } from '../state/conversations';
import { blobCreateIfAbsent, stateContainer } from '../state/lease';
import { repeat, type Timer } from '../cycle/timer';
import { ScheduleRunStore, ScheduleStore } from './store';
import type { StateStore } from '../state/store';
import type { OwnerCheck } from '../access/admins';
import { mayBeDue } from './due';
import { parseReport, type Schedule } from './schedule';
import { ScheduleRunner, type MadeReport, type ScheduleStep } from './step';

export const TICK_MS = 60_000;

/** Where and for whom a scheduled report is made. */
export interface ReportRequest {
  caller: Caller;
  /** The first conversation of the audience (its snapshot's owner). */
  conversation: Conversation;
  /** Every conversation the report is posted in: each may use its buttons. */
  conversationIds: string[];
  log: Logger;
  now: Date;
}

/** Makes the report `text` (the report commands' own spec, commands/reports.ts; given by app.ts). */
export type ReportMaker = (text: string, request: ReportRequest) => Promise<MadeReport>;

/** The cycle as the tick sees it (alerts/cycle.ts's run, under its lease). */
export type ScheduleCycle = (options: { schedulesOnly: { since?: Date } }) => Promise<{ ran: boolean }>;

/**
 * One minute tick: a schedules-only cycle when some schedule's time came since the last tick that
 * ran. The first tick looks at every schedule (runs missed while the bot was down); a tick skipped
 * because another instance holds the lease looks at the same stretch again next time.
 */
export function scheduleTick(deps: { schedules: Pick<ScheduleStore, 'all'>; runCycle: ScheduleCycle; now(): Date }): () => Promise<void> {
  let since: Date | undefined;
  return async () => {
    const at = deps.now();
    const all = await deps.schedules.all();
    if (since !== undefined && !all.some((s) => mayBeDue(s, at, since))) {
      since = at;
      return;
    }
    const report = await deps.runCycle({ schedulesOnly: { since } });
    if (report.ran) since = at;
  };
}

/** `forget`: the conversation's schedules go. */
export interface ScheduleServices extends KeepsConversationState {
  store: ScheduleStore;
  runs: ScheduleRunStore;
  /** A schedule's report made now, as its due run makes it (`schedule run <n>`), asked for by `caller`. */
  runNow(schedule: Schedule, caller: Caller): Promise<MadeReport>;
  /** How soon after its time a run is posted, in words. */
  punctuality(): string;
}

export interface ScheduleRuntimeOptions {
  config: BotConfig;
  state: StateStore;
  credential: TokenCredential;
  log: Logger;
  clock?: () => Date;
  /** Is whoever set a schedule up still an admin (a new check per cycle)? */
  owners?: () => OwnerCheck;
  /** Makes a report (app.ts: the report command's own spec); called only once cycles run. */
  makeReport: ReportMaker;
}

export interface ScheduleRuntime {
  services: ScheduleServices;
  /** What each cycle calls. */
  step: ScheduleStep;
  /** The minute tick, started by the cycle's owner once cycles can run; none when the alert timer is off. */
  startTicks(runCycle: ScheduleCycle): Timer | undefined;
}

export function createScheduleRuntime(options: ScheduleRuntimeOptions): ScheduleRuntime {
  const { config, state } = options;
  const log = options.log.child({ part: 'schedules' });
  const now = options.clock ?? (() => new Date());
  const store = new ScheduleStore(state, log);
  const runs = new ScheduleRunStore(state, blobCreateIfAbsent(stateContainer(config, options.credential)));

  const produce = async (text: string, audience: Schedule[], at: Date, caller?: Caller): Promise<MadeReport> => {
    // Only a report is ever made on a schedule, whatever the storage says (the store checks it too).
    if (!parseReport(text.split(' ').filter(Boolean)).ok) return { failure: 'not a report that can be scheduled' };
    const first = audience[0];
    return options.makeReport(text, {
      caller: caller ?? { aadObjectId: first.by.aadObjectId, name: first.by.name },
      conversation: { id: first.conversationId, type: conversationTypeFrom(first.conversationType) },
      conversationIds: audience.map((s) => s.conversationId),
      log,
      now: at,
    });
  };

  const runner = new ScheduleRunner({
    schedules: store,
    runs,
    conversations: new ConversationStore(state),
    log,
    produce,
    owners: options.owners,
  });

  const startTicks = (runCycle: ScheduleCycle): Timer | undefined => {
    if (!(config.alertIntervalMinutes > 0)) {
      log.info('schedule tick off (ALERT_INTERVAL_MINUTES=0): scheduled reports run when POST /api/alerts/run is called');
      return undefined;
    }
    return repeat(scheduleTick({ schedules: store, runCycle, now }), {
      firstMs: TICK_MS + Math.round(Math.random() * 10_000),
      everyMs: TICK_MS,
      failed: (err) => log.warn('schedule tick failed; the next one tries again', { job: 'schedule tick', err: err as Error }),
    });
  };

  return {
    services: {
      store,
      runs,
      runNow: (schedule, caller) => produce(schedule.report, [schedule], now(), caller),
      forget: async (id) => void (await store.remove(id, () => true)),
      punctuality: () =>
        config.alertIntervalMinutes > 0
          ? 'within about a minute of its time'
          : 'when the external scheduler next calls POST /api/alerts/run',
    },
    step: runner,
    startTicks,
  };
}
