// The check cycle as the bot runs it: the history collection, the alerts and the scheduled reports
// are its steps, run under one lease with one paced delivery (cycle/cycle.ts). The alerts step
// reads the tenant once, and for each subscribed conversation claims in its ledger (with its eTag)
// what is due, then sends it. A claim whose send fails is given back, so the next cycle sends it;
// a 403 suspends the conversation's subscription; one failing conversation never stops the others.
import type { Message } from '../model/conversation';
import type { MailboxWithStatistics } from '../model/tenant';
import type { Logger } from '../log';
import { alertCard, alertText, moreAlertsCard, resolvedCard } from '../cards/alert-card';
import type { ConversationStore } from '../state/conversations';
import type { LedgerStore } from '../state/ledger';
import type { CycleLock } from '../state/lease';
import { update, type StateStore } from '../state/store';
import type { Subscription, SubscriptionStore } from '../state/subscriptions';
import { alertFindings, type FindingsResult, type TenantFacts } from '../reports/alerts/findings';
import { recordSizes, type SizeHistory } from '../reports/alerts/history';
import { giveBack, planAlerts, type Ledger, type LedgerPlan } from '../reports/alerts/ledger-plan';
import type { SendPace, Clock } from '../cycle/pace';
import type { Deliver, MessageSender } from '../cycle/delivery';
import { Cycle, type CycleStep, type StepInput } from '../cycle/cycle';
import { forEachAtOnce } from '../cycle/workers';
import type { AlertKind } from '../reports/alerts/settings';
import type { ScheduleStep, ScheduleStepReport } from '../schedules/step';
import type { OwnerCheck } from '../access/admins';

export interface AlertCycleDeps {
  readTenant(kinds: AlertKind[]): Promise<TenantFacts>;
  subscriptions: SubscriptionStore;
  conversations: ConversationStore;
  ledger: LedgerStore;
  /** For the size history and the time of the last cycle. */
  state: StateStore;
  lock: CycleLock;
  sender: MessageSender;
  pace: SendPace;
  log: Logger;
  now?: () => Date;
  clock?: Clock;
  /** Offer Assign licence on licensing alerts. */
  remediation: boolean;
  /** Conversations handled at once (the pace still bounds the sends). */
  concurrency?: number;
  /** Scheduled reports due now, made in the same cycle under the same lease. */
  schedules?: ScheduleStep;
  /** Mailbox history: a new day of the usage report is stored, whether or not anyone subscribed. */
  history?: HistoryStep;
  /**
   * A new "is this person still an admin?" for each cycle (answers kept for that cycle). Whoever
   * turned alerts on must still be one when they are sent; without it, nobody is checked.
   */
  owners?: () => OwnerCheck;
}

export interface HistoryStep {
  collect(): Promise<{ kind: string }>;
  /** Stores the mailboxes this cycle read live, when the usage report cannot be joined (names concealed). */
  recordLive?(mailboxes: MailboxWithStatistics[], now: Date): Promise<boolean>;
}

/** Said in `alerts status` and `alerts list all` of a subscription whose owner is no longer an admin. */
export function ownerGoneReason(name: string): string {
  return `${name || 'The admin'} turned these alerts on and is no longer an admin of this bot. An admin can turn them on again here with \`alerts on\`, or stop them from any chat with \`alerts off <id>\` (ids in \`alerts list all\`).`;
}

export interface CycleReport {
  ran: boolean;
  /** Why it did not run: another instance has the lease, or a cycle ran moments ago. */
  skipped?: 'busy' | 'recent';
  conversations: number;
  findings: number;
  alerts: number;
  reminders: number;
  resolved: number;
  messages: number;
  failed: number;
  suspended: number;
  durationMs: number;
  schedules?: ScheduleStepReport;
  /** What the history collection did: written, exists, concealed, failed. */
  history?: string;
}

export interface RunOptions {
  /** Only this conversation (`alerts check`). */
  only?: string;
  /** Skip when the last full cycle ended less than this long ago (scheduled runs of several instances). */
  minGapMs?: number;
  /** Only the scheduled reports whose time came after `since` (every due one without it): the minute tick. */
  schedulesOnly?: { since?: Date };
}

/** Alerts sent one card each per conversation and cycle; more go into one list. */
export const SINGLE_CARDS_PER_CYCLE = 10;
const HISTORY_KEY = 'alerts/history';

export class AlertCycle {
  private readonly cycle: Cycle;

  constructor(private readonly deps: AlertCycleDeps) {
    this.cycle = new Cycle({ ...deps, now: () => this.now() });
  }

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  async run(options: RunOptions = {}): Promise<CycleReport> {
    const started = Date.now();
    const report: CycleReport = {
      ran: false,
      conversations: 0,
      findings: 0,
      alerts: 0,
      reminders: 0,
      resolved: 0,
      messages: 0,
      failed: 0,
      suspended: 0,
      durationMs: 0,
    };
    const { history, schedules } = this.deps;
    const steps: CycleStep[] = [];
    if (history && !options.only && !options.schedulesOnly)
      steps.push({
        name: 'history',
        // A failed collection is tried again next cycle; alerts still go out.
        run: async () => {
          report.history = await history.collect().then(
            (o) => o.kind,
            (err: unknown) => {
              this.deps.log.warn('history collection failed; the next cycle tries again', { job: 'alert cycle', err: err as Error });
              return 'failed';
            },
          );
        },
      });
    if (!options.schedulesOnly) steps.push({ name: 'alerts', run: (input) => this.alerts(input, options, report) });
    if (schedules && !options.only)
      steps.push({
        name: 'schedules',
        run: async (input) => void (report.schedules = await schedules.run({ ...input, since: options.schedulesOnly?.since })),
      });
    try {
      const outcome = await this.cycle.run(steps, {
        minGapMs: options.minGapMs,
        full: !options.only && !options.schedulesOnly,
        started: () => void (report.ran = true),
      });
      return outcome.ran ? report : { ...report, skipped: outcome.skipped };
    } finally {
      report.durationMs = Date.now() - started;
      if (report.ran) this.deps.log.info('alert cycle', { ...report, only: options.only ? 'one conversation' : undefined });
    }
  }

  private async alerts({ hold, now, deliver, done }: StepInput, options: RunOptions, report: CycleReport): Promise<void> {
    const subscriptions = await this.stillOwned(
      (await this.deps.subscriptions.all()).filter(
        (s) => (!s.suspended || s.suspended.kind === 'owner') && (!options.only || s.conversationId === options.only),
      ),
    );
    report.conversations = subscriptions.length;
    if (subscriptions.length === 0) return;
    const kinds = [...new Set(subscriptions.flatMap((s) => s.settings.kinds))];
    const facts = await this.deps.readTenant(kinds);
    if (facts.usageDate === undefined && facts.mailboxes.length > 0 && this.deps.history?.recordLive) {
      await this.deps.history
        .recordLive(facts.mailboxes, now)
        .catch((err: unknown) => this.deps.log.warn('live figures not stored in the history', { err: err as Error }));
    }
    let history: SizeHistory = (await this.deps.state.read<SizeHistory>(HISTORY_KEY))?.value ?? {};
    if (kinds.includes('quota') && facts.mailboxes.length > 0) {
      history = (await update<SizeHistory>(this.deps.state, HISTORY_KEY, (h) => recordSizes(h ?? {}, facts.mailboxes, now))) ?? history;
    }
    // Conversations with the same settings see the same findings: judge each set of settings once.
    const bySettings = new Map<string, FindingsResult>();
    const findingsFor = (s: Subscription) => {
      const k = JSON.stringify(s.settings);
      let r = bySettings.get(k);
      if (!r) {
        r = alertFindings(facts, s.settings, history, now);
        bySettings.set(k, r);
        report.findings = Math.max(report.findings, r.findings.length);
      }
      return r;
    };

    await forEachAtOnce(
      subscriptions,
      this.deps.concurrency ?? 16,
      hold,
      (s) => this.conversation(s, findingsFor(s), now, deliver, report),
      (s, err) => {
        report.failed++;
        this.deps.log.error('alerts for a conversation failed', { conversationType: s.conversationType, err: err as Error });
      },
      (s) => done(s.conversationId),
    );
    if (hold.lost) this.deps.log.warn('alert cycle stopped early: its lease was lost; the next cycle continues');
  }

  /**
   * The subscriptions whose owner is still an admin (BOT_ADMINS, or the group asked now): the others
   * are suspended, and say so in `alerts status`; one whose owner is an admin again is lifted.
   */
  private async stillOwned(subscriptions: Subscription[]): Promise<Subscription[]> {
    if (!this.deps.owners) return subscriptions.filter((s) => !s.suspended);
    const owner = this.deps.owners();
    const kept: Subscription[] = [];
    for (const s of subscriptions) {
      const verdict = await owner(s.by.aadObjectId);
      if (verdict === 'unknown') {
        this.deps.log.warn('alerts held for a cycle: cannot tell whether their owner is still an admin', {
          conversationType: s.conversationType,
        });
      } else if (verdict === 'no') {
        if (!s.suspended) {
          this.deps.log.warn('alerts suspended: their owner is no longer an admin', {
            conversationType: s.conversationType,
            owner: s.by.aadObjectId,
          });
          await this.deps.subscriptions.suspend(s.conversationId, ownerGoneReason(s.by.name), this.now(), 'owner');
        }
      } else if (s.suspended) {
        this.deps.log.info('alerts resumed: their owner is an admin again', { conversationType: s.conversationType });
        await this.deps.subscriptions.resumeOwner(s.conversationId);
        kept.push({ ...s, suspended: undefined });
      } else kept.push(s);
    }
    return kept;
  }

  /** Claims what is due in the conversation's ledger, then sends it. */
  private async conversation(s: Subscription, result: FindingsResult, now: Date, deliver: Deliver, report: CycleReport): Promise<void> {
    const saved = await this.deps.conversations.get(s.conversationId);
    if (!saved) {
      report.failed++;
      this.deps.log.warn('no conversation reference for a subscription', { conversationType: s.conversationType });
      return;
    }
    let before: Ledger = {};
    let plan!: LedgerPlan;
    // Another writer (a click, another instance) meanwhile: plan again from what it wrote.
    const claimed = await this.deps.ledger.update(s.conversationId, (ledger) => {
      before = ledger;
      plan = planAlerts(ledger, result, now);
      const nothing = plan.alerts.length === 0 && plan.resolved.length === 0 && JSON.stringify(plan.next) === JSON.stringify(ledger);
      return nothing ? undefined : plan.next;
    });
    if (!claimed) return;
    const messages = this.messagesOf(plan);
    for (let i = 0; i < messages.length; i++) {
      const { message } = messages[i];
      const outcome = await deliver(s.conversationId, saved.reference, message);
      if (outcome === 'sent') {
        report.messages++;
        continue;
      }
      const unsent = messages.slice(i).flatMap((m) => m.keys);
      await this.giveBackClaims(s.conversationId, before, claimed, unsent);
      if (outcome === 'forbidden') {
        report.suspended++;
        const reason =
          'Teams answered 403 Forbidden: the bot was removed from this conversation or blocked there. Alerts are suspended until someone types "alerts on" in it again.';
        this.deps.log.warn('alerts suspended for a conversation', { conversationType: s.conversationType, reason });
        await this.deps.subscriptions.suspend(s.conversationId, reason, now);
      } else {
        report.failed++;
      }
      return;
    }
    for (const a of plan.alerts) {
      if (a.reminder) report.reminders++;
      else report.alerts++;
    }
    report.resolved += plan.resolved.length;
  }

  private messagesOf(plan: LedgerPlan): { message: Message; keys: string[] }[] {
    const out: { message: Message; keys: string[] }[] = [];
    // Most urgent first: a quota at 100% before one at 90%.
    const alerts = [...plan.alerts].sort((a, b) => Number(b.entry.severity === 'attention') - Number(a.entry.severity === 'attention'));
    const single = alerts.length > SINGLE_CARDS_PER_CYCLE + 1 ? alerts.slice(0, SINGLE_CARDS_PER_CYCLE) : alerts;
    for (const a of single) {
      out.push({
        message: {
          card: alertCard({ key: a.key, entry: a.entry, reminder: a.reminder, remediation: this.deps.remediation }),
          text: alertText(a.entry, a.reminder),
        },
        keys: [a.key],
      });
    }
    const rest = alerts.slice(single.length);
    if (rest.length > 0)
      out.push({ message: { card: moreAlertsCard(rest), text: `${rest.length} more alerts` }, keys: rest.map((a) => a.key) });
    if (plan.resolved.length > 0) {
      out.push({
        message: {
          card: resolvedCard(plan.resolved),
          text:
            plan.resolved.length === 1
              ? `Resolved: ${plan.resolved[0].entry.title}`.slice(0, 200)
              : `${plan.resolved.length} alerts resolved`,
        },
        keys: plan.resolved.map((r) => r.key),
      });
    }
    return out;
  }

  private async giveBackClaims(conversationId: string, before: Ledger, claimed: Ledger, keys: string[]): Promise<void> {
    await this.deps.ledger.update(conversationId, (ledger) => giveBack(ledger, before, claimed, keys));
  }
}
