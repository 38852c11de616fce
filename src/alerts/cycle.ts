// One alert check cycle: take the cycle lease (the other instances skip), read the tenant once,
// and for each subscribed conversation claim in its ledger (with its eTag) what is due, then send
// it at Teams' pace. A claim whose send fails is given back, so the next cycle sends it; a 403
// suspends the conversation's subscription; one failing conversation never stops the others.
import type { Message } from '../model/conversation';
import type { MailboxWithStatistics } from '../model/tenant';
import type { Logger } from '../log';
import { alertCard, alertText, moreAlertsCard, resolvedCard } from '../cards/alert-card';
import type { ConversationStore } from '../state/conversations';
import type { LedgerStore } from '../state/ledger';
import type { CycleLock, LeaseHold } from '../state/lease';
import { update, type StateStore } from '../state/store';
import type { Subscription, SubscriptionStore } from '../state/subscriptions';
import { alertFindings, type FindingsResult, type TenantFacts } from '../reports/alerts/findings';
import { recordSizes, type SizeHistory } from '../reports/alerts/history';
import { giveBack, planAlerts, type Ledger, type LedgerPlan } from '../reports/alerts/ledger-plan';
import type { SendPace, Clock } from './pace';
import { realClock } from './pace';
import type { AlertKind } from '../reports/alerts/settings';
import type { ScheduleStep, ScheduleStepReport } from '../schedules/step';
import type { OwnerCheck } from '../access/admins';

/** A send Teams refused: the HTTP status, and how long it asked to wait (429). */
export class SendFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}

export interface AlertSender {
  /** Posts `message` to the conversation the reference names; throws SendFailure when refused. */
  send(reference: Record<string, unknown>, message: Message): Promise<{ id: string }>;
}

export interface AlertCycleDeps {
  readTenant(kinds: AlertKind[]): Promise<TenantFacts>;
  subscriptions: SubscriptionStore;
  conversations: ConversationStore;
  ledger: LedgerStore;
  /** For the size history and the time of the last cycle. */
  state: StateStore;
  lock: CycleLock;
  sender: AlertSender;
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
const SEND_ATTEMPTS = 5;
const HISTORY_KEY = 'alerts/history';
const LAST_CYCLE_KEY = 'alerts/last-cycle';

type Outcome = 'sent' | 'forbidden' | 'failed';

export class AlertCycle {
  constructor(private readonly deps: AlertCycleDeps) {}

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
    const hold = await this.deps.lock.acquire();
    if (!hold) {
      this.deps.log.info('alert cycle skipped', { reason: 'another instance is running it' });
      return { ...report, skipped: 'busy' };
    }
    try {
      if (options.minGapMs && !options.only) {
        const last = (await this.deps.state.read<{ at: string }>(LAST_CYCLE_KEY))?.value;
        if (last && this.now().getTime() - Date.parse(last.at) < options.minGapMs) {
          this.deps.log.debug('alert cycle skipped', { reason: 'another instance ran it moments ago' });
          return { ...report, skipped: 'recent' };
        }
      }
      report.ran = true;
      if (this.deps.history && !options.only && !options.schedulesOnly) {
        // A failed collection is tried again next cycle; alerts still go out.
        report.history = await this.deps.history.collect().then(
          (o) => o.kind,
          (err: unknown) => {
            this.deps.log.warn('history collection failed; the next cycle tries again', { job: 'alert cycle', err: err as Error });
            return 'failed';
          },
        );
      }
      try {
        if (!options.schedulesOnly) await this.runHeld(hold, options, report);
      } finally {
        if (this.deps.schedules && !options.only) {
          const deliver = (id: string, reference: Record<string, unknown>, message: Message) => this.deliver(id, reference, message);
          report.schedules = await this.deps.schedules.run({
            hold,
            now: this.now(),
            since: options.schedulesOnly?.since,
            deliver,
            done: (id) => this.deps.pace.forget(id),
          });
        }
      }
      if (!options.only && !options.schedulesOnly) await this.deps.state.write(LAST_CYCLE_KEY, { at: this.now().toISOString() });
      return report;
    } finally {
      report.durationMs = Date.now() - started;
      await hold.release();
      if (report.ran) this.deps.log.info('alert cycle', { ...report, only: options.only ? 'one conversation' : undefined });
    }
  }

  private async runHeld(hold: LeaseHold, options: RunOptions, report: CycleReport): Promise<void> {
    const subscriptions = await this.stillOwned(
      (await this.deps.subscriptions.all()).filter(
        (s) => (!s.suspended || s.suspended.kind === 'owner') && (!options.only || s.conversationId === options.only),
      ),
    );
    report.conversations = subscriptions.length;
    if (subscriptions.length === 0) return;
    const kinds = [...new Set(subscriptions.flatMap((s) => s.settings.kinds))];
    const facts = await this.deps.readTenant(kinds);
    const now = this.now();
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

    let next = 0;
    const worker = async () => {
      while (next < subscriptions.length) {
        if (hold.lost) return;
        const s = subscriptions[next++];
        try {
          await this.conversation(s, findingsFor(s), now, report);
        } catch (err) {
          report.failed++;
          this.deps.log.error('alerts for a conversation failed', { conversationType: s.conversationType, err: err as Error });
        } finally {
          this.deps.pace.forget(s.conversationId);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.concurrency ?? 16, subscriptions.length) }, worker));
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
  private async conversation(s: Subscription, result: FindingsResult, now: Date, report: CycleReport): Promise<void> {
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
      const outcome = await this.deliver(s.conversationId, saved.reference, message);
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

  /** One message, at the pace Teams allows, retrying what Teams says to retry. */
  private async deliver(conversationId: string, reference: Record<string, unknown>, message: Message): Promise<Outcome> {
    const clock = this.deps.clock ?? realClock;
    for (let attempt = 1; ; attempt++) {
      await this.deps.pace.turn(conversationId);
      try {
        await this.deps.sender.send(reference, message);
        return 'sent';
      } catch (err) {
        const status = err instanceof SendFailure ? err.status : 0;
        if (status === 403) return 'forbidden';
        const retryable = status === 429 || status === 412 || status === 502 || status === 503 || status === 504;
        if (!retryable || attempt >= SEND_ATTEMPTS) {
          this.deps.log.warn('alert not delivered; the next cycle tries again', { status, attempt, err: err as Error });
          return 'failed';
        }
        // Retry-After when Teams gives one; otherwise exponential backoff with jitter, as Teams asks.
        const wait = (err as SendFailure).retryAfterMs ?? Math.round(1000 * 2 ** (attempt - 1) * (0.5 + Math.random()));
        this.deps.log.debug('alert send throttled', { status, waitMs: wait, attempt });
        if (status === 429) this.deps.pace.hold(conversationId, wait);
        else await clock.sleep(wait);
      }
    }
  }

  private async giveBackClaims(conversationId: string, before: Ledger, claimed: Ledger, keys: string[]): Promise<void> {
    await this.deps.ledger.update(conversationId, (ledger) => giveBack(ledger, before, claimed, keys));
  }
}
