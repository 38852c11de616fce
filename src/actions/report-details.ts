// `report.details` {s, upn}: a click on a report row. The mailbox's card comes from the snapshot,
// with no call to the tenant; "Live details" (mailbox.details) reads it fresh, licences included.
import type { CardAction } from '../commands/types';
import { mailboxDetailsCard } from '../cards/mailbox-details-card';
import { buildMailboxDetails } from '../reports/mailbox-details';
import { mailboxSnapshot } from './report-snapshot';
import { parseMailboxArgument } from '../commands/arguments/mailbox';
import { mailboxAnswer } from '../commands/mailbox';

export const reportDetailsAction: CardAction = {
  verb: 'report.details',
  run: async (ctx) => {
    const upn = ctx.data.upn;
    if (typeof upn !== 'string' || upn.length === 0 || upn.length > 256) {
      return { kind: 'error', status: 400, message: 'That button sent something I do not understand.' };
    }
    const found = await mailboxSnapshot(ctx);
    if (!found.ok) return found.result;
    const mailbox = found.snapshot.data.mailboxes.find((m) => m.userPrincipalName === upn || m.primarySmtpAddress === upn);
    if (!mailbox) return { kind: 'error', status: 404, message: 'That mailbox is not in this report.' };
    if (mailbox.statisticsSource === 'usage') {
      // Its figures are the usage report's, a day or two old: a row opened is read live instead.
      const arg = parseMailboxArgument(mailbox.userPrincipalName);
      if (arg.ok) {
        ctx.later(async (outbox) => {
          await outbox.send(await mailboxAnswer(ctx, mailbox.userPrincipalName, arg));
        });
        return { kind: 'message', text: 'Reading its live details below…' };
      }
    }
    const details = buildMailboxDetails(mailbox, new Date(found.snapshot.createdAt));
    const card = mailboxDetailsCard(details, {
      actions: [{ type: 'Action.Execute', title: 'Live details and licences', verb: 'mailbox.details', data: { upn } }],
      viewedAt: ctx.now(),
    });
    await ctx.reply({ card, text: `Mailbox ${mailbox.displayName}` });
    return { kind: 'message', text: 'Details below.' };
  },
};
