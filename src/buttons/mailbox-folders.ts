// `mailbox.folders` {upn}: a mailbox's ten largest folders (primary and archive). The upn is checked like typed text.
import { parseMailboxArgument, type MailboxArgument } from '../arguments/mailbox';
import { declareButton } from './button';

export const mailboxFoldersButton = declareButton<{ upn: string }, Extract<MailboxArgument, { ok: true }>>('mailbox.folders', (data) => {
  const arg = typeof data.upn === 'string' ? parseMailboxArgument(data.upn) : null;
  return arg?.ok && !arg.identity.includes('*') ? arg : null;
});
