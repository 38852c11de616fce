// `report.details` {s, upn}: a click on a report row. The mailbox's card comes from the snapshot,
// with no call to the tenant; "Live details" (mailbox.details) reads it fresh, licences included.
import { mailboxDetailsButton } from '../buttons/mailbox-details';
import { reportDetailsButton } from '../buttons/report';
import { mailboxDetailsCard } from '../cards/mailbox-details-card';
import { buildMailboxDetails } from '../reports/mailbox-details';
import { mailboxSnapshot } from './report-snapshot';
import { parseMailboxArgument } from '../arguments/mailbox';
import { mailboxAnswer } from '../messages/mailbox-details-message';
import { defineAction } from './define-action';

export const reportDetailsAction = defineAction(reportDetailsButton, async (ctx, request) => {
  const { upn } = request;
  const found = await mailboxSnapshot(ctx, request.s);
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
    actions: [mailboxDetailsButton.button('Live details and licences', { upn })],
    viewedAt: ctx.now(),
  });
  await ctx.reply({ card, text: `Mailbox ${mailbox.displayName}` });
  return { kind: 'message', text: 'Details below.' };
});
