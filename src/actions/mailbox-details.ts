// `mailbox.details` {upn}: a row's Details button. The upn is untrusted and is checked like typed text.
import { parseMailboxArgument } from '../commands/arguments/mailbox';
import { mailboxAnswer } from '../commands/mailbox';
import type { CardAction } from '../commands/types';

export const mailboxDetailsAction: CardAction = {
  verb: 'mailbox.details',
  run: async (ctx) => {
    const upn = ctx.data.upn;
    const arg = typeof upn === 'string' ? parseMailboxArgument(upn) : { ok: false as const, message: '' };
    if (!arg.ok || arg.identity.includes('*')) {
      return { kind: 'error', status: 400, message: 'That button sent something I do not understand.' };
    }
    // Details open as a new message, so the report the admin came from stays in place.
    ctx.later(async (outbox) => {
      await outbox.send(await mailboxAnswer(ctx, arg.identity, arg));
    });
    return { kind: 'message', text: 'Opening the details below…' };
  },
};
