// `mailbox.details` {upn}: a row's Details button. The upn is untrusted and is checked like typed text.
import { mailboxDetailsButton } from '../buttons/mailbox-details';
import { mailboxAnswer } from '../messages/mailbox-details-message';
import { defineAction } from './define-action';

export const mailboxDetailsAction = defineAction(mailboxDetailsButton, async (ctx, arg) => {
  // Details open as a new message, so the report the admin came from stays in place.
  ctx.later(async (outbox) => {
    await outbox.send(await mailboxAnswer(ctx, arg.identity, arg));
  });
  return { kind: 'message', text: 'Opening the details below…' };
});
