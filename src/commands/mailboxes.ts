// `mailboxes …`: the mailbox report. Answers at once with a progress card, reads the tenant after the
// turn, and replaces the card with the report (or with what failed and a Retry button).
import { parseMailboxesArguments, MAILBOXES_USAGE } from '../arguments/mailboxes';
import { buildMailboxReport, MailboxQuery } from '../reports/mailbox-report';
import { readMailboxes } from '../m365/mailbox-inventory';
import { mailboxReportMessage } from './report-messages';
import { errorMessage, progressMessage } from './replies';
import { explainFailure } from './failures';
import { progressUpdates } from './progress-updates';
import type { Command, MessageRef, Outbox, TurnBaseContext } from './types';
import type { RecipientTypeDetails } from '../model/tenant';
import type { MailboxSnapshotData } from '../exports/serve';

export const MAILBOX_TYPES_TO_READ: Record<MailboxQuery['type'], RecipientTypeDetails[] | 'all'> = {
  user: ['UserMailbox'],
  shared: ['SharedMailbox'],
  room: ['RoomMailbox', 'EquipmentMailbox'],
  all: 'all',
};

export const mailboxesCommand: Command = {
  name: 'mailboxes',
  aliases: ['report'],
  usage: MAILBOXES_USAGE,
  summary: 'The mailbox report: items, size, last interaction and quota used, most items first. Buttons page, sort, filter and export it.',
  examples: ['mailboxes', 'mailboxes shared sort size', 'mailboxes all sort quota top 50', 'mailboxes filter sales'],
  run: async (ctx) => {
    const parsed = parseMailboxesArguments(ctx.args);
    if (!parsed.ok) {
      await ctx.reply(errorMessage("I couldn't read that", parsed.message, undefined, `Usage: ${MAILBOXES_USAGE}`));
      return;
    }
    const text = `mailboxes ${ctx.args}`.trim();
    const ref = await ctx.reply(progressMessage('Reading mailboxes…', 0, null));
    ctx.later((outbox) => produceMailboxReport(ctx, outbox, ref, parsed.query, text));
  },
};

/** Reads the tenant and keeps `ref` updated until it shows the report or the failure. */
export async function produceMailboxReport(
  ctx: TurnBaseContext,
  outbox: Outbox,
  ref: MessageRef,
  query: MailboxQuery,
  commandText: string,
): Promise<void> {
  const started = Date.now();
  const progress = progressUpdates(ctx, outbox, ref, 'Reading mailboxes…');
  try {
    const result = await readMailboxes(ctx.services.tenant, { types: MAILBOX_TYPES_TO_READ[query.type], onProgress: progress.onProgress });
    const report = buildMailboxReport(result.mailboxes, query, ctx.now());
    let snapshotId: string | undefined;
    try {
      const snapshot = await ctx.services.snapshots.save<MailboxSnapshotData>({
        kind: 'mailboxes',
        conversationId: ctx.conversation.id,
        commandText,
        complete: result.complete,
        data: { mailboxes: result.mailboxes, query },
      });
      snapshotId = snapshot.id;
    } catch (err) {
      // The report still shows; only its buttons (paging, export) need the snapshot.
      ctx.log.warn('snapshot not saved', { err: err as Error });
    }
    await progress.settled();
    ctx.log.info('mailbox report', {
      mailboxes: result.mailboxes.length,
      failures: result.failures.length,
      ms: Date.now() - started,
    });
    await outbox.update(ref, mailboxReportMessage(report, { commandText, snapshotId, viewedAt: ctx.now() }));
  } catch (err) {
    await progress.settled();
    const failure = explainFailure(err);
    ctx.log.warn('mailbox report failed', { err: err as Error, ms: Date.now() - started });
    await outbox.update(ref, errorMessage("I couldn't read the mailboxes", failure.message, commandText, failure.fix));
  }
}
