// The reports the chat commands make, started in a chat or made for a scheduled run. Each report
// command's `report(ctx, args)` is the one place its words become a report spec; the chat answers
// with its progress card and then the outcome, and a scheduled run asks the same command for the
// same spec and makes it without any message.
import { makeReport, reportProgress, runReport, type ReportOutcome, type ReportSpec } from '../runner/report-runner';
import type { SnapshotStore } from '../state/snapshots';
import type { Command, CommandContext, Message, ReportContext } from '../dispatch/types';

export function isReportSpec(made: ReportSpec<unknown> | Message): made is ReportSpec<unknown> {
  return typeof (made as ReportSpec<unknown>).read === 'function';
}

/** Replies with the report's progress card and makes the report after the turn; a refusal is the reply. */
export async function startReport(ctx: CommandContext, made: ReportSpec<unknown> | Message): Promise<void> {
  if (!isReportSpec(made)) {
    await ctx.reply(made);
    return;
  }
  const ref = await ctx.reply(reportProgress(made));
  ctx.later(async (outbox) => void (await runReport(ctx, outbox, made, ref)));
}

/**
 * Snapshots (what a report card's buttons read) belong to one conversation; a report made once for
 * several conversations lets each of them use its buttons.
 */
export function sharedSnapshots(snapshots: SnapshotStore, conversationIds: string[]): SnapshotStore {
  const shared = Object.create(snapshots) as SnapshotStore;
  shared.save = (fields) => snapshots.save({ ...fields, conversationIds: [...new Set(conversationIds)] });
  return shared;
}

/**
 * The report `text` (a chat command with its options, e.g. `export mailboxes sort size`) made without
 * a turn, for every conversation in `conversationIds`: the command that `find` names gives its spec.
 */
export async function reportWithoutTurn(
  find: (word: string) => Command | undefined,
  text: string,
  ctx: ReportContext,
  conversationIds: string[],
): Promise<ReportOutcome | { failure: string }> {
  const [word = '', ...rest] = text.split(' ');
  const command = find(word);
  if (!command?.report) return { failure: `"${text.slice(0, 40)}" is not a report of this version of the bot.` };
  const shared = { ...ctx, services: { ...ctx.services, snapshots: sharedSnapshots(ctx.services.snapshots, conversationIds) } };
  const made = command.report(shared, rest.join(' ').trim());
  if (!isReportSpec(made)) return { failure: (made.text ?? 'not a report that can be scheduled').slice(0, 300) };
  return makeReport(shared, made);
}
