// `mailbox.details` {upn}: a mailbox's live details and licences. The upn is checked like typed text.
import { parseMailboxArgument, type MailboxArgument } from '../arguments/mailbox';
import { declareButton } from './button';

export const mailboxDetailsButton = declareButton<{ upn: string }, Extract<MailboxArgument, { ok: true }>>('mailbox.details', (data) => {
  const arg = typeof data.upn === 'string' ? parseMailboxArgument(data.upn) : null;
  return arg?.ok && !arg.identity.includes('*') ? arg : null;
});
