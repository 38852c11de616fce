// The schedules' part of a check cycle, run while the cycle holds its lease: find the due runs,
// claim each in its conversation's run ledger (eTag) before sending, make each report once however
// many conversations need it, post it at Teams' pace through the cycle's own delivery, then settle
// the claim: delivered, or given back for the next cycle. A 403 suspends the conversation's
// schedules as it suspends its alerts; one failing conversation never stops the others.
import { randomUUID } from 'node:crypto';
import { withScheduleLine } from '../cards/schedule-card';
import type { Message } from '../model/conversation';
import type { Logger } from '../log';
import type { ConversationStore } from '../state/conversations';
import type { StepInput } from '../cycle/cycle';
import type { Delivery } from '../cycle/delivery';
import { forEachAtOnce } from '../cycle/workers';
import type { ScheduleRunStore, ScheduleStore } from './store';
import { claimRuns, dueRun, mayBeDue, settleRun, withoutCancelled, type DueRun, type Settlement } from './due';
import { runText } from './next-runs';
import type { Schedule } from './schedule';
import { describeRule } from './when';
import type { OwnerCheck } from '../access/admins';

/** A report made for a scheduled run: its answer, and why it failed when it did. */
export interface MadeReport {
  /** What is posted: the report, or its failure card with Retry; none when nothing could be made. */
  message?: Message;
  /** Set when the report failed (tenant refused, timed out…): the failure in one line, for `schedule list` and the log. */
  failure?: string;
}

export interface ScheduleStepInput extends StepInput {
  /** Only runs whose slot came after this (the minute tick); none: every schedule (a full cycle). */
  since?: Date;
}

export interface ScheduleStepReport {
  due: number;
  sent: number;
  late: number;
  failed: number;
  suspended: number;
  /** Reports made (each once, however many schedules needed it). */
  reports: number;
}

export interface ScheduleStep {
  run(input: ScheduleStepInput): Promise<ScheduleStepReport>;
}

export interface ScheduleStepDeps {
  schedules: ScheduleStore;
  runs: ScheduleRunStore;
  conversations: ConversationStore;
  log: Logger;
  /** Makes the report `text` once for every schedule in `audience` (they all get its buttons). */
  produce(text: string, audience: Schedule[], now: Date): Promise<MadeReport>;
  /** Conversations handled at once. Each mostly waits (storage, Teams), and the pace bounds the sends. */
  concurrency?: number;
  /** A new "is this person still an admin?" for each cycle; whoever set a schedule up must still be one when it runs. */
  owners?: () => OwnerCheck;
}

/** What `schedule list` says of a schedule whose creator is no longer an admin. */
export function ownerGoneReason(name: string): string {
  return `${name || 'The admin'} set this up and is no longer an admin of this bot, so it does not run. Any admin can cancel it from any chat with \`schedule off <id>\` (ids in \`schedule list all\`); it runs again if they become an admin again.`;
}

/**
 * With 16, claim + send + settle (five storage calls and a post) took about a second per conversation
 * on a busy two-core machine, so 1,000 posts took 1.8× what Teams' limits allow; 64 keeps the pace the
 * bound.
 */
const CONCURRENCY = 64;

export const SUSPENDED_REASON =
  'Teams answered 403 Forbidden: the bot was removed from this conversation or blocked there. Scheduled reports are suspended until a schedule command is used here again.';

/** "Schedule 2 · weekly on Monday at 08:00 (Europe/Berlin) · set up by Megan Bowen". */
export function scheduleLine(s: Schedule, how = 'Schedule'): string {
  return `${how} ${s.n} · ${describeRule(s.rule)} (${s.timeZone}) · set up by ${s.by.name || 'an admin'}`;
}

export function lateLine(run: DueRun): string | undefined {
  if (!run.late) return undefined;
  const due = runText(run.slot, run.schedule.timeZone);
  return run.missed > 1
    ? `Late: ${run.missed} runs were missed while I was not running (the latest was due ${due}); this is one run for them.`
    : `Late: this run was due ${due}.`;
}

export class ScheduleRunner implements ScheduleStep {
  constructor(private readonly deps: ScheduleStepDeps) {}

  async run(input: ScheduleStepInput): Promise<ScheduleStepReport> {
    const report: ScheduleStepReport = { due: 0, sent: 0, late: 0, failed: 0, suspended: 0, reports: 0 };
    const cycle = randomUUID();
    const all = await this.stillOwned(await this.deps.schedules.all(), input.now);
    const candidates = all.filter((s) => mayBeDue(s, input.now, input.since));
    if (candidates.length === 0) return report;

    // Every report is made once, for all the schedules that may need it now.
    const made = new Map<string, Promise<MadeReport>>();
    const reportFor = (text: string): Promise<MadeReport> => {
      let p = made.get(text);
      if (!p) {
        report.reports++;
        p = this.deps
          .produce(
            text,
            candidates.filter((s) => s.report === text),
            input.now,
          )
          .catch((err) => {
            this.deps.log.error('scheduled report failed', { err: err as Error });
            return { failure: 'Something went wrong on my side; it has been logged.' };
          });
        made.set(text, p);
      }
      return p;
    };

    const byConversation = new Map<string, Schedule[]>();
    for (const s of all) byConversation.set(s.conversationId, [...(byConversation.get(s.conversationId) ?? []), s]);
    const conversations = [...new Set(candidates.map((s) => s.conversationId))];
    await forEachAtOnce(
      conversations,
      this.deps.concurrency ?? CONCURRENCY,
      input.hold,
      (id) => this.conversation(id, byConversation.get(id)!, input, cycle, reportFor, report),
      (_id, err) => {
        report.failed++;
        this.deps.log.error('scheduled reports for a conversation failed', { err: err as Error });
      },
      (id) => input.done(id),
    );
    if (input.hold.lost) this.deps.log.warn('scheduled reports stopped early: the cycle lease was lost; the next cycle continues');
    if (report.due > 0) this.deps.log.info('scheduled reports', { ...report });
    return report;
  }

  /**
   * The schedules as this cycle runs them: one whose creator is no longer an admin (BOT_ADMINS, or
   * the group asked now) is suspended, and says so in `schedule list`; one whose creator is an admin
   * again runs again; one whose creator cannot be checked now waits for the next cycle.
   */
  private async stillOwned(all: Schedule[], now: Date): Promise<Schedule[]> {
    if (!this.deps.owners) return all;
    const owner = this.deps.owners();
    const gone = new Map<string, Schedule>();
    const back = new Set<string>();
    const kept: Schedule[] = [];
    for (const s of all) {
      if (s.suspended && s.suspended.kind !== 'owner') {
        kept.push(s);
        continue;
      }
      const verdict = await owner(s.by.aadObjectId);
      if (verdict === 'no') {
        if (!s.suspended) gone.set(s.id, s);
        kept.push(s.suspended ? s : { ...s, suspended: { at: now.toISOString(), reason: ownerGoneReason(s.by.name), kind: 'owner' } });
      } else if (verdict === 'unknown') {
        this.deps.log.warn('scheduled report held for a cycle: cannot tell whether its creator is still an admin', { n: s.n });
        // Held in this cycle only (not written): kept in the list so its run ledger entry stays.
        kept.push({ ...s, suspended: { at: now.toISOString(), reason: 'the admin group could not be asked', kind: 'owner' } });
      } else if (s.suspended) {
        back.add(s.id);
        kept.push({ ...s, suspended: undefined });
      } else kept.push(s);
    }
    if (gone.size) {
      this.deps.log.warn('scheduled reports suspended: their creator is no longer an admin', { count: gone.size });
      for (const s of gone.values()) await this.deps.schedules.suspendOwner(new Set([s.id]), ownerGoneReason(s.by.name), now);
    }
    if (back.size) {
      this.deps.log.info('scheduled reports resumed: their creator is an admin again', { count: back.size });
      await this.deps.schedules.resumeOwner(back);
    }
    return kept;
  }

  private async conversation(
    conversationId: string,
    schedules: Schedule[],
    input: ScheduleStepInput,
    cycle: string,
    reportFor: (text: string) => Promise<MadeReport>,
    report: ScheduleStepReport,
  ): Promise<void> {
    const ids = new Set(schedules.map((s) => s.id));
    let due: DueRun[] = [];
    // Claim first, with the ledger's eTag: whichever cycle writes first makes the run.
    await this.deps.runs.change(conversationId, (runs) => {
      due = schedules.map((s) => dueRun(s, runs[s.id], input.now)).filter((d): d is DueRun => d !== null);
      return due.length === 0 ? runs : claimRuns(withoutCancelled(runs, ids), due, input.now, cycle);
    });
    if (due.length === 0) return;
    report.due += due.length;
    const saved = await this.deps.conversations.get(conversationId);
    for (let i = 0; i < due.length; i++) {
      const run = due[i];
      if (!saved) {
        await this.settle(
          conversationId,
          run,
          cycle,
          { kind: 'failed', text: 'I have no way to post in this conversation (it was never saved); type anything here to fix it.' },
          input.now,
        );
        report.failed++;
        continue;
      }
      const made = await reportFor(run.schedule.report);
      const failed = made.failure !== undefined;
      const firstFailure = failed && !(await this.deps.runs.read(conversationId)).runs[run.schedule.id]?.failures;
      // A failed report is posted once (its card says why and offers Retry); later attempts are only listed.
      const messages = made.message && (!failed || firstFailure) ? [made.message] : [];
      let outcome: Delivery = 'sent';
      for (const m of messages) {
        outcome = await input.deliver(conversationId, saved.reference, withScheduleLine(m, scheduleLine(run.schedule), lateLine(run)));
        if (outcome !== 'sent') break;
      }
      if (outcome === 'forbidden') {
        report.suspended++;
        this.deps.log.warn('scheduled reports suspended for a conversation', { reason: SUSPENDED_REASON });
        await this.deps.schedules.suspend(conversationId, SUSPENDED_REASON, input.now);
        for (const r of due.slice(i))
          await this.settle(conversationId, r, cycle, { kind: 'failed', text: 'Teams answered 403 Forbidden: suspended' }, input.now);
        return;
      }
      if (outcome === 'failed' || failed) {
        report.failed++;
        const text = failed ? `failed: ${made.failure}` : 'failed: Teams did not accept the message; retrying at the next check';
        await this.settle(conversationId, run, cycle, { kind: 'failed', text }, input.now);
        continue;
      }
      report.sent++;
      if (run.late) report.late++;
      await this.settle(conversationId, run, cycle, { kind: 'sent' }, input.now);
    }
  }

  private async settle(conversationId: string, run: DueRun, cycle: string, outcome: Settlement, now: Date): Promise<void> {
    await this.deps.runs.change(conversationId, (runs) => settleRun(runs, run, cycle, outcome, now));
  }
}
