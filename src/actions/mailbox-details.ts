// `mailbox.details` {upn}: a row's Details button. The upn is untrusted and is checked like typed text.
import { NOT_UNDERSTOOD } from '../buttons/button';
import { mailboxDetailsButton } from '../buttons/mailbox-details';
import { mailboxAnswer } from '../commands/mailbox';
import type { CardAction } from '../commands/types';

export const mailboxDetailsAction: CardAction = {
  verb: mailboxDetailsButton.verb,
  button: mailboxDetailsButton,
  run: async (ctx) => {
    const arg = mailboxDetailsButton.parse(ctx.data);
    if (!arg) return NOT_UNDERSTOOD;
    // Details open as a new message, so the report the admin came from stays in place.
    ctx.later(async (outbox) => {
      await outbox.send(await mailboxAnswer(ctx, arg.identity, arg));
    });
    return { kind: 'message', text: 'Opening the details below…' };
  },
};
